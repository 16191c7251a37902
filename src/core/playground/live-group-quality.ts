import { GroupQualityAccumulator } from '../eval/group-quality.js';
import type { PlaygroundQuality } from './playground-request.js';

interface Answer {
  caseId: string;
  output: string;
  passed: boolean;
}

/**
 * Keeps the answers of each (variant, model) group and re-measures a group when one of its
 * answers arrives. Playground groups are small (a few cases × repeats), so measuring from
 * scratch is cheaper than keeping incremental state right.
 */
export class LiveGroupQuality {
  readonly #json: boolean;
  readonly #answers = new Map<string, { variant: string; model: string; answers: Answer[] }>();

  constructor(options: { jsonOutputs?: boolean } = {}) {
    this.#json = options.jsonOutputs ?? false;
  }

  add(variant: string, model: string, answer: Answer): PlaygroundQuality {
    const id = JSON.stringify([variant, model]);
    let group = this.#answers.get(id);
    if (!group) {
      group = { variant, model, answers: [] };
      this.#answers.set(id, group);
    }
    group.answers.push(answer);
    const accumulator = new GroupQualityAccumulator({ jsonOutputs: this.#json });
    // Case order keeps "first answer of each case" stable whatever order cells finished in.
    const ordered = [...group.answers].sort((a, b) => a.caseId.localeCompare(b.caseId));
    for (const entry of ordered) accumulator.add(entry.caseId, entry.output, entry.passed);
    const quality = accumulator.finish();
    return {
      variant,
      model,
      answered: group.answers.length,
      agreement: quality.consistency.modalAgreement,
      passAllRepeats: quality.consistency.passAllRepeats,
      diversityWithin: quality.diversityWithin.distinct2 ?? null,
      diversityAcross:
        quality.diversityAcross.outputCount >= 2 ? quality.diversityAcross.distinct2 : null,
    };
  }
}
