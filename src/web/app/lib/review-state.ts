import type { DatasetRowView, ReviewAction, ReviewDecision } from '../../api-contract.js';

export interface PendingDecision {
  action: ReviewAction;
  /** The edited row, for `edit`. */
  value?: unknown;
}

export type Decisions = ReadonlyMap<number, PendingDecision>;

export function withDecision(
  decisions: Decisions,
  index: number,
  decision: PendingDecision | null,
) {
  const next = new Map(decisions);
  if (decision === null) next.delete(index);
  else next.set(index, decision);
  return next;
}

export const hasErrors = (row: DatasetRowView): boolean =>
  row.problems.some((problem) => problem.severity !== 'warning');

/** Bulk: accept every row not yet decided or accepted before that has no problem at all. */
export function acceptClean(
  rows: readonly DatasetRowView[],
  decisions: Decisions,
): Map<number, PendingDecision> {
  const next = new Map(decisions);
  for (const row of rows) {
    if (!next.has(row.index) && !row.accepted && row.problems.length === 0 && row.value !== null) {
      next.set(row.index, { action: 'accept' });
    }
  }
  return next;
}

/** Bulk: reject every row with an error-level problem (unreadable rows included). */
export function rejectErrors(
  rows: readonly DatasetRowView[],
  decisions: Decisions,
): Map<number, PendingDecision> {
  const next = new Map(decisions);
  for (const row of rows) if (hasErrors(row)) next.set(row.index, { action: 'reject' });
  return next;
}

export function toRequestDecisions(decisions: Decisions): ReviewDecision[] {
  return [...decisions.entries()].map(([index, decision]) =>
    decision.action === 'edit'
      ? { index, action: 'edit', value: decision.value }
      : { index, action: decision.action },
  );
}
