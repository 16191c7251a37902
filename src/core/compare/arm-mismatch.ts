import type { SamplingOptions } from '../../spec/sampling-options.js';
import { sameSampling, samplingDifference } from '../eval/normal-sampling.js';
import type { GroupShape } from './group-shape.js';

/** What every arm of one comparison is measured at and on. */
export interface ArmRequirements {
  settings: SamplingOptions;
  caseIds: ReadonlySet<string>;
  repeats: number;
}

/**
 * Why a stored group cannot stand for an arm measured now (other settings, cases or repeats),
 * in words; undefined when it can.
 */
export function armMismatch(shape: GroupShape, wanted: ArmRequirements): string | undefined {
  return settingsMismatch(shape, wanted.settings) ?? coverageMismatch(shape, wanted);
}

/** Other settings, compared as they sample (`sameSampling`); undefined when alike. */
export function settingsMismatch(shape: GroupShape, settings: SamplingOptions): string | undefined {
  if (shape.sampling === undefined) return 'has no answers stored';
  if (!shape.uniformSampling) return 'ran at more than one setting';
  if (sameSampling(shape.sampling, settings)) return undefined;
  return `ran at ${samplingDifference(shape.sampling, settings)}`;
}

/** Other cases or another number of repeats per case; undefined when the same. */
export function coverageMismatch(shape: GroupShape, wanted: ArmRequirements): string | undefined {
  const missing = [...wanted.caseIds].filter((id) => !shape.caseIds.has(id)).length;
  const extra = [...shape.caseIds].filter((id) => !wanted.caseIds.has(id)).length;
  if (missing > 0 || extra > 0) {
    return `ran on other cases (${shape.caseIds.size} stored, ${wanted.caseIds.size} now: ${missing} missing, ${extra} not in the eval set)`;
  }
  const { min, max } = shape.repeats;
  if (min !== wanted.repeats || max !== wanted.repeats) {
    return `has ${min === max ? min : `${min}–${max}`} repeats per case, not ${wanted.repeats}`;
  }
  return undefined;
}
