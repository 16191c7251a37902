import type { DatasetRowView } from '../../api-contract.js';
import type { PendingDecision } from '../lib/review-state.js';

function isMessageList(value: unknown): value is { role?: unknown; content?: unknown }[] {
  return Array.isArray(value) && value.every((item) => item !== null && typeof item === 'object');
}

/** A chat row as its turns; any other row as indented JSON. Always as text. */
function RowContent({ value }: { value: unknown }) {
  const messages =
    value !== null && typeof value === 'object' && 'messages' in value
      ? (value as { messages: unknown }).messages
      : undefined;
  if (isMessageList(messages)) {
    return (
      <ol className="messages">
        {messages.map((message, position) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: a row's turns never reorder; position is their identity
            key={`${position}-${String(message.role)}`}
            className={`role-${String(message.role)}`}
          >
            <span className="role">{String(message.role)}</span>
            <pre className="output">
              {typeof message.content === 'string'
                ? message.content
                : JSON.stringify(message.content, null, 2)}
            </pre>
          </li>
        ))}
      </ol>
    );
  }
  return <pre className="output">{JSON.stringify(value, null, 2)}</pre>;
}

interface DatasetRowDisplayProps {
  row: DatasetRowView;
  decision: PendingDecision | undefined;
}

export function DatasetRowDisplay({ row, decision }: DatasetRowDisplayProps) {
  const shown = decision?.action === 'edit' ? decision.value : row.value;
  return (
    <article className="dataset-row" data-testid="dataset-row">
      <h3>
        Line {row.line}
        {decision && <span className={`badge decided-${decision.action}`}> {decision.action}</span>}
        {!decision && row.accepted && <span className="badge badge-pass"> accepted before</span>}
      </h3>
      {row.value === null && decision?.action !== 'edit' ? (
        <p className="muted">This row could not be read; reject it, or edit it into a valid row.</p>
      ) : (
        <RowContent value={shown} />
      )}
      {row.problems.length > 0 && (
        <ul className="row-problems" data-testid="row-problems">
          {row.problems.map((problem) => (
            <li
              key={`${problem.code}:${problem.message}`}
              className={problem.severity === 'warning' ? 'warning' : 'error'}
            >
              <strong>{problem.severity ?? 'error'}</strong> {problem.message}{' '}
              <span className="muted">[{problem.code}]</span>
            </li>
          ))}
        </ul>
      )}
      {row.lineage && (
        <dl className="lineage" data-testid="row-lineage">
          {row.lineage.run && (
            <>
              <dt>run</dt>
              <dd>
                <a href={`#/runs/${encodeURIComponent(row.lineage.run)}`}>{row.lineage.run}</a>
              </dd>
            </>
          )}
          {row.lineage.case && (
            <>
              <dt>case</dt>
              <dd>{row.lineage.case}</dd>
            </>
          )}
          {row.lineage.variant && (
            <>
              <dt>from</dt>
              <dd>
                {row.lineage.variant} on {row.lineage.model}
              </dd>
            </>
          )}
          {Object.entries(row.lineage.other).map(([key, value]) => (
            <div key={key} className="lineage-other">
              <dt>{key}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </article>
  );
}
