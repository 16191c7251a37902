import type { SamplingOptions } from '../../spec/sampling-options.js';
import type { EvalStore } from '../eval/eval-store.js';
import { normalSampling } from '../eval/normal-sampling.js';
import type { GroupRef } from './measure-group.js';

/** What one stored group was measured on: settings, cases and repeats per case. */
export interface GroupShape {
  /** The sampling its first cell ran at; undefined when the group has no cells. */
  sampling: SamplingOptions | undefined;
  /** Every cell sampled alike (`sameSampling`); a group always should, a resumed run might not. */
  uniformSampling: boolean;
  caseIds: Set<string>;
  /** Fewest and most repeats of any case; 0 with no cells. */
  repeats: { min: number; max: number };
  trials: number;
}

/** Reads a group's cells once (the store streams them). */
export function readGroupShape(store: EvalStore, group: GroupRef): GroupShape {
  let sampling: SamplingOptions | undefined;
  let samplingText: string | undefined;
  let uniformSampling = true;
  const repeatsByCase = new Map<string, Set<number>>();
  let trials = 0;
  for (const cell of store.iterateCells(group.runId, { group })) {
    const text = JSON.stringify(normalSampling(cell.sampling));
    if (samplingText === undefined) {
      sampling = cell.sampling;
      samplingText = text;
    } else if (text !== samplingText) {
      uniformSampling = false;
    }
    let repeats = repeatsByCase.get(cell.caseId);
    if (!repeats) {
      repeats = new Set();
      repeatsByCase.set(cell.caseId, repeats);
    }
    repeats.add(cell.repeat);
    trials++;
  }
  const counts = [...repeatsByCase.values()].map((repeats) => repeats.size);
  return {
    sampling,
    uniformSampling,
    caseIds: new Set(repeatsByCase.keys()),
    repeats: {
      min: counts.length === 0 ? 0 : Math.min(...counts),
      max: counts.length === 0 ? 0 : Math.max(...counts),
    },
    trials,
  };
}
