import { useMemo, useState } from 'react';
import type { DatasetList, DatasetReview, DatasetSaveResult } from '../../api-contract.js';
import { DatasetRowEditor } from '../components/dataset-row-editor.js';
import { DatasetRowList } from '../components/dataset-row-list.js';
import { DatasetRowDisplay } from '../components/dataset-row-view.js';
import { ErrorBox } from '../components/error-box.js';
import { postJson } from '../lib/api-client.js';
import {
  acceptClean,
  type Decisions,
  rejectErrors,
  toRequestDecisions,
  withDecision,
} from '../lib/review-state.js';
import { useApi } from '../lib/use-api.js';
import { hrefOf } from '../lib/use-hash-route.js';
import { useReviewKeys } from '../lib/use-review-keys.js';

export function DatasetPage({ file }: { file: string | null }) {
  const files = useApi<DatasetList>('/api/datasets');
  const chosen = file ?? files.data?.files[0]?.path ?? null;
  if (files.error) return <ErrorBox error={files.error} />;
  if (!files.data) return <p className="muted">looking for data files…</p>;
  return (
    <section data-testid="dataset-page">
      <h1>Dataset review</h1>
      {files.data.files.length === 0 ? (
        <p>
          No data files beside the task. Import candidate rows with{' '}
          <code>tunegate data import</code>.
        </p>
      ) : (
        <label className="run-picker">
          File{' '}
          <select
            value={chosen ?? ''}
            onChange={(event) => {
              window.location.hash = hrefOf('datasets', event.target.value);
            }}
          >
            {files.data.files.map((entry) => (
              <option key={entry.path} value={entry.path}>
                {entry.path} ({entry.role})
              </option>
            ))}
          </select>
        </label>
      )}
      {chosen && <DatasetReviewer key={chosen} file={chosen} />}
    </section>
  );
}

function DatasetReviewer({ file }: { file: string }) {
  const review = useApi<DatasetReview>(`/api/datasets/review?file=${encodeURIComponent(file)}`);
  const [decisions, setDecisions] = useState<Decisions>(new Map());
  const [position, setPosition] = useState(0);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<DatasetSaveResult | null>(null);
  const [saveError, setSaveError] = useState<Error | null>(null);
  const rows = review.data?.rows ?? [];
  const row = rows[position];

  const actions = useMemo(() => {
    const move = (step: number) =>
      setPosition((current) => Math.min(Math.max(current + step, 0), Math.max(rows.length - 1, 0)));
    const decide = (action: 'accept' | 'reject') => {
      if (!row) return;
      setDecisions((current) => withDecision(current, row.index, { action }));
      move(1);
    };
    return {
      next: () => move(1),
      previous: () => move(-1),
      accept: () => decide('accept'),
      reject: () => decide('reject'),
      edit: () => setEditing(row !== undefined),
      undo: () => {
        if (row) setDecisions((current) => withDecision(current, row.index, null));
      },
    };
  }, [row, rows.length]);
  useReviewKeys(review.data !== undefined && !editing, actions);

  if (review.error) return <ErrorBox error={review.error} />;
  const data = review.data;
  if (!data) return <p className="muted">checking the file…</p>;
  const save = async () => {
    setSaveError(null);
    try {
      const result = await postJson<DatasetSaveResult>('/api/datasets/review', {
        file: data.file,
        version: data.version,
        decisions: toRequestDecisions(decisions),
      });
      setSaved(result);
      setDecisions(new Map());
      setPosition(0);
      review.reload();
    } catch (error) {
      setSaveError(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const counts = { accept: 0, reject: 0, edit: 0 };
  for (const decision of decisions.values()) counts[decision.action]++;
  return (
    <div className="dataset-review">
      {data.check && (
        <p className="muted" data-testid="dataset-summary">
          {data.check.format} · {data.check.rows} rows · {data.check.cleanRows} clean (policy
          minimum {data.check.minimumCleanRows}) · {data.check.errors} errors ·{' '}
          {data.check.warnings} warnings
        </p>
      )}
      {data.checkError && <p className="error-text">The dataset check failed: {data.checkError}</p>}
      {data.fileProblems.length > 0 && (
        <ul className="row-problems">
          {data.fileProblems.map((problem) => (
            <li
              key={`${problem.code}:${problem.message}`}
              className={problem.severity === 'warning' ? 'warning' : 'error'}
            >
              {problem.message}
            </li>
          ))}
        </ul>
      )}
      <div className="review-toolbar">
        <button
          type="button"
          className="secondary"
          onClick={() => setDecisions((current) => acceptClean(rows, current))}
        >
          Accept all rows without problems
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => setDecisions((current) => rejectErrors(rows, current))}
        >
          Reject all rows with errors
        </button>
        <button type="button" className="secondary" onClick={() => setDecisions(new Map())}>
          Clear decisions
        </button>
        <button
          type="button"
          className="primary"
          disabled={decisions.size === 0}
          onClick={() => void save()}
        >
          Save {counts.accept} accepted, {counts.reject} rejected, {counts.edit} edited
        </button>
      </div>
      <p className="muted keys">
        Keys: j/↓ next · k/↑ previous · a accept · r reject · e edit · u undo
      </p>
      {saved && (
        <p className="note" data-testid="save-result">
          Saved {saved.file}: {saved.written} rows kept, {saved.removed} removed, {saved.edited}{' '}
          edited, {saved.accepted} accepted.
        </p>
      )}
      {saveError && <ErrorBox error={saveError} />}
      {rows.length === 0 ? (
        <p>The file has no rows.</p>
      ) : (
        <div className="review-layout">
          <DatasetRowList
            rows={rows}
            decisions={decisions}
            current={position}
            onPick={setPosition}
          />
          <div>
            <p className="muted">
              Row {position + 1} of {rows.length}
            </p>
            {row && editing && (
              <DatasetRowEditor
                initial={decisions.get(row.index)?.value ?? row.value}
                onApply={(value) => {
                  setDecisions((current) =>
                    withDecision(current, row.index, { action: 'edit', value }),
                  );
                  setEditing(false);
                }}
                onCancel={() => setEditing(false)}
              />
            )}
            {row && !editing && <DatasetRowDisplay row={row} decision={decisions.get(row.index)} />}
          </div>
        </div>
      )}
    </div>
  );
}
