import type { HardCaseView } from '../../api-contract.js';
import { percent } from '../lib/format.js';

export function HardCaseList({ title, cases }: { title: string; cases: HardCaseView[] }) {
  return (
    <section>
      <h3>
        {title} ({cases.length})
      </h3>
      {cases.length === 0 ? (
        <p className="muted">none</p>
      ) : (
        <ul className="hard-cases">
          {cases.slice(0, 50).map((hard) => (
            <li key={hard.caseId}>
              <strong>{hard.caseId}</strong> solved {percent(hard.solveRate, 0)}
              {hard.solvedBy.length > 0 && <> by {hard.solvedBy.join(', ')}</>}
              {hard.bestPromptOutput !== null && (
                <pre className="output small">{hard.bestPromptOutput}</pre>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
