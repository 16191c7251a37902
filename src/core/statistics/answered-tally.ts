/** One case's answered repeats in one group: failed calls are not in `answered`. */
export interface AnsweredTally {
  caseId: string;
  /** Repeats that got an answer (failed calls excluded). */
  answered: number;
  /** Answered repeats whose checks all passed. */
  passed: number;
}

/** The case's pass share; undefined when no repeat was answered (the case carries no evidence). */
export function passShare(tally: Pick<AnsweredTally, 'answered' | 'passed'>): number | undefined {
  if (!Number.isInteger(tally.answered) || tally.answered < 0) {
    throw new RangeError(`answered must be a non-negative integer, got ${tally.answered}`);
  }
  if (!Number.isInteger(tally.passed) || tally.passed < 0 || tally.passed > tally.answered) {
    throw new RangeError(
      `passed must be an integer in [0, ${tally.answered}], got ${tally.passed}`,
    );
  }
  return tally.answered === 0 ? undefined : tally.passed / tally.answered;
}

/** Per-case tallies from individual trials; `passed: null` marks a failed call. */
export function tallyTrials(
  trials: Iterable<{ caseId: string; passed: boolean | null }>,
): Map<string, AnsweredTally> {
  const tallies = new Map<string, AnsweredTally>();
  for (const trial of trials) {
    let tally = tallies.get(trial.caseId);
    if (!tally) {
      tally = { caseId: trial.caseId, answered: 0, passed: 0 };
      tallies.set(trial.caseId, tally);
    }
    if (trial.passed === null) continue;
    tally.answered += 1;
    if (trial.passed) tally.passed += 1;
  }
  return tallies;
}
