import type { Problem } from '../../spec/problem.js';

/** What gate 5 needs to know about the training data, however it was checked. */
export interface DatasetReadiness {
  /** The train file as the task names it; undefined when the task names none. */
  file: string | undefined;
  rows: number;
  /** Rows that could not be used: unreadable, or lacking the input or expected fields. */
  invalid: number;
  /** Rows whose expected answer fails the task's own checks. */
  failingChecks: number;
  /** Rows repeating an earlier row. */
  duplicates: number;
  /** Rows repeating an eval case: they would inflate the measured score of a finetune. */
  leakage: number;
  /** Rows left after all of the above. */
  cleanExamples: number;
  /** The first problems found, for evidence. */
  problems: Problem[];
  /** How duplicates and leakage were found, in plain words. */
  method: string;
}

export function noTrainingData(): DatasetReadiness {
  return {
    file: undefined,
    rows: 0,
    invalid: 0,
    failingChecks: 0,
    duplicates: 0,
    leakage: 0,
    cleanExamples: 0,
    problems: [],
    method: 'no train file named in the task (data.train)',
  };
}
