import type { RunProgressEvent } from '../../api-contract.js';
import { count } from '../lib/format.js';

export function RunProgressBar({ progress }: { progress: RunProgressEvent }) {
  const { run } = progress;
  const share = run.totalCells === 0 ? 0 : run.storedCells / run.totalCells;
  return (
    <div className="progress" data-testid="run-progress">
      <progress max={1} value={share} />
      <span>
        {run.status}: {count(run.storedCells)} of {count(run.totalCells)} cells ·{' '}
        {count(progress.passed)} passed · {count(progress.failed)} failed · {count(progress.errors)}{' '}
        errors
      </span>
    </div>
  );
}
