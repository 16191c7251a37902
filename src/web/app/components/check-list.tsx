import type { CheckView } from '../../api-contract.js';

/** Each check with its verdict and reason (an LLM judge's reasoning is model text, shown as text). */
export function CheckList({ checks }: { checks: CheckView[] }) {
  if (checks.length === 0) return <p className="muted">no check results</p>;
  return (
    <ul className="check-list">
      {checks.map((check) => (
        <li key={check.name} className={check.pass ? 'pass' : 'fail'}>
          <strong>
            {check.pass ? '✓' : '✗'} {check.name}
          </strong>{' '}
          <span className="muted">
            ({check.kind}
            {check.score === null ? '' : `, score ${check.score.toFixed(2)}`})
          </span>
          {check.reason && <div className="reason">{check.reason}</div>}
        </li>
      ))}
    </ul>
  );
}
