import { useState } from 'react';
import type { CellDetail } from '../../api-contract.js';
import { milliseconds, money } from '../lib/format.js';
import { useApi } from '../lib/use-api.js';
import { CheckList } from './check-list.js';
import { ErrorBox } from './error-box.js';
import { PassBadge } from './pass-badge.js';
import { WordDiffView } from './word-diff-view.js';

const cellPath = (runId: string, key: string) =>
  `/api/runs/${encodeURIComponent(runId)}/cell?key=${encodeURIComponent(key)}`;

/** One cell: its output, check results and judge reasoning, and a diff against another variant. */
export function CellDetailPanel({ runId, cellKey }: { runId: string; cellKey: string }) {
  const detail = useApi<CellDetail>(cellPath(runId, cellKey));
  const [otherKey, setOtherKey] = useState<string | null>(null);
  const other = useApi<CellDetail>(otherKey ? cellPath(runId, otherKey) : null);
  if (detail.error) return <ErrorBox error={detail.error} />;
  const cell = detail.data;
  if (!cell) return <p className="muted">loading the cell…</p>;
  const compared = otherKey && other.data?.key === otherKey ? other.data : undefined;
  return (
    <section className="cell-detail" data-testid="cell-detail">
      <h3>
        <PassBadge passed={cell.passed} status={cell.status} /> {cell.caseId} #{cell.repeat}
      </h3>
      <p className="muted">
        {cell.variant} on {cell.model} ({cell.sampling}) · {milliseconds(cell.latencyMs)} ·{' '}
        {cell.inputTokens}+{cell.outputTokens} tokens · {money(cell.cost)}
        {cell.cached ? ' · from cache' : ''}
        {cell.attempts > 1 ? ` · ${cell.attempts} attempts` : ''}
      </p>
      {cell.status === 'error' ? (
        <div className="error-box">
          {cell.errorCode}: {cell.errorMessage}
        </div>
      ) : (
        <pre className="output" data-testid="cell-output">
          {cell.output}
        </pre>
      )}
      <h4>Checks</h4>
      <CheckList checks={cell.checks} />
      {cell.otherVariants.length > 0 && (
        <>
          <h4>
            <label>
              Diff against{' '}
              <select
                value={otherKey ?? ''}
                onChange={(event) =>
                  setOtherKey(event.target.value === '' ? null : event.target.value)
                }
              >
                <option value="">choose a variant</option>
                {cell.otherVariants.map((variant) => (
                  <option key={variant.key} value={variant.key}>
                    {variant.variant}
                  </option>
                ))}
              </select>
            </label>
          </h4>
          {other.error && <ErrorBox error={other.error} />}
          {compared && (
            <>
              <p className="muted">
                {compared.variant}: <PassBadge passed={compared.passed} status={compared.status} />{' '}
                (struck: {compared.variant}; marked: {cell.variant})
              </p>
              <WordDiffView before={compared.output ?? ''} after={cell.output ?? ''} />
            </>
          )}
        </>
      )}
    </section>
  );
}
