import { describe, expect, it } from 'vitest';
import type { DatasetRowView } from '../../api-contract.js';
import { acceptClean, rejectErrors, toRequestDecisions, withDecision } from './review-state.js';

const row = (
  index: number,
  problems: DatasetRowView['problems'] = [],
  accepted = false,
): DatasetRowView => ({
  index,
  line: index + 1,
  value: { text: `row ${index}` },
  problems,
  lineage: null,
  accepted,
});

const error = {
  code: 'duplicate_row',
  message: 'duplicate of line 1',
  path: [],
  severity: 'error' as const,
};
const warning = { code: 'length_outlier', message: 'long', path: [], severity: 'warning' as const };

describe('review bulk actions', () => {
  it('accepts only undecided, not yet accepted rows without problems', () => {
    const rows = [row(0), row(1, [warning]), row(2, [], true), row(3)];
    const decided = withDecision(new Map(), 3, { action: 'reject' });
    const next = acceptClean(rows, decided);
    expect([...next.entries()]).toEqual([
      [3, { action: 'reject' }],
      [0, { action: 'accept' }],
    ]);
  });

  it('rejects rows with errors, not rows with warnings only', () => {
    const rows = [row(0, [warning]), row(1, [error]), row(2, [warning, error])];
    expect([...rejectErrors(rows, new Map()).keys()]).toEqual([1, 2]);
  });

  it('sends edits with their value and other decisions without one', () => {
    let decisions = withDecision(new Map(), 4, { action: 'edit', value: { text: 'fixed' } });
    decisions = withDecision(decisions, 1, { action: 'accept' });
    decisions = withDecision(decisions, 1, null);
    decisions = withDecision(decisions, 2, { action: 'reject' });
    expect(toRequestDecisions(decisions)).toEqual([
      { index: 4, action: 'edit', value: { text: 'fixed' } },
      { index: 2, action: 'reject' },
    ]);
  });
});
