import type { ShareMoments } from '../core/statistics/case-pass-rate.js';

/** The columns `shareMomentsColumns` adds to a grouped SELECT over `case_outcomes`. */
export interface ShareMomentsRow {
  trials: number;
  errors: number;
  answered_cases: number;
  share_sum: number;
  share_squares: number;
  min_repeats: number | null;
  max_repeats: number | null;
}

/**
 * Aggregates for a case-level interval over grouped `case_outcomes` rows (table alias
 * `alias`): Σ share and Σ share² of each case's pass share over its answered repeats; a case
 * with no answer is left out (its share is NULL).
 */
export function shareMomentsColumns(alias: string): string {
  const answered = `CASE WHEN ${alias}.trials > ${alias}.errors THEN ${alias}.trials - ${alias}.errors END`;
  const share = `(CAST(${alias}.passed AS REAL) / (${answered}))`;
  return `total(${alias}.trials > ${alias}.errors) AS answered_cases,
          total(${share}) AS share_sum, total(${share} * ${share}) AS share_squares,
          min(${answered}) AS min_repeats, max(${answered}) AS max_repeats`;
}

export function toShareMoments(row: ShareMomentsRow): ShareMoments {
  return {
    cases: row.answered_cases,
    shareSum: row.share_sum,
    shareSquares: row.share_squares,
    answered: row.trials - row.errors,
    minRepeats: row.min_repeats ?? 0,
    maxRepeats: row.max_repeats ?? 0,
  };
}
