import type { CaseTally } from './evidence-store.js';

/**
 * Why the best prompt's trials failed. A content failure on a case that passes on another
 * repeat is a consistency failure (the model can, but not reliably); on a case it never
 * passes, a knowledge failure. Failed calls are counted apart: they say nothing about the task.
 */
export interface FailureSplit {
  trials: number;
  passed: number;
  errors: number;
  format: number;
  consistency: number;
  knowledge: number;
  /** Knowledge failures on cases that some other variant solved at least once. */
  knowledgeSolvedElsewhere: number;
  /** (format + consistency) ÷ all three kinds; null with no failures. */
  fixableShare: number | null;
  /** Most repeats any case had: with 1, inconsistency cannot be told from missing knowledge. */
  maxRepeats: number;
}

export function splitFailures(
  cases: readonly CaseTally[],
  solvedElsewhere: (caseId: string) => boolean = () => false,
): FailureSplit {
  const split: FailureSplit = {
    trials: 0,
    passed: 0,
    errors: 0,
    format: 0,
    consistency: 0,
    knowledge: 0,
    knowledgeSolvedElsewhere: 0,
    fixableShare: null,
    maxRepeats: 0,
  };
  for (const tally of cases) {
    split.trials += tally.trials;
    split.passed += tally.passed;
    split.errors += tally.errors;
    split.format += tally.formatFailed;
    split.maxRepeats = Math.max(split.maxRepeats, tally.trials);
    const content = tally.trials - tally.passed - tally.errors - tally.formatFailed;
    if (content <= 0) continue;
    if (tally.passed > 0) split.consistency += content;
    else {
      split.knowledge += content;
      if (solvedElsewhere(tally.caseId)) split.knowledgeSolvedElsewhere += content;
    }
  }
  const failures = split.format + split.consistency + split.knowledge;
  split.fixableShare = failures === 0 ? null : (split.format + split.consistency) / failures;
  return split;
}
