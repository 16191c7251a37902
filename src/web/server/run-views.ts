import type { RunRecord } from '../../core/eval/run-record.js';
import type { RunView } from '../api-contract.js';

export function runView(run: RunRecord, storedCells: number): RunView {
  return {
    id: run.id,
    taskName: run.taskName,
    status: run.status,
    kind: run.kind ?? 'eval',
    totalCells: run.totalCells,
    storedCells,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
  };
}
