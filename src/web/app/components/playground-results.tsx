import type { CaseView, PlaygroundCellView } from '../../api-contract.js';
import { PassBadge } from './pass-badge.js';

interface PlaygroundResultsProps {
  cases: CaseView[];
  caseIds: string[];
  cells: PlaygroundCellView[];
}

/** Per case: every variant on every model side by side, its repeats one under another. */
export function PlaygroundResults({ cases, caseIds, cells }: PlaygroundResultsProps) {
  const groups = new Map<string, { variant: string; model: string }>();
  for (const cell of cells) {
    groups.set(JSON.stringify([cell.variant, cell.model]), {
      variant: cell.variant,
      model: cell.model,
    });
  }
  const columns = [...groups.entries()];
  return (
    <div className="playground-results" data-testid="playground-results">
      {caseIds.map((caseId) => {
        const evalCase = cases.find((item) => item.id === caseId);
        return (
          <section key={caseId} className="playground-case">
            <h3>{caseId}</h3>
            {evalCase && <pre className="output small">{evalCase.input}</pre>}
            {evalCase?.expected !== null && evalCase?.expected !== undefined && (
              <p className="muted">expected: {evalCase.expected}</p>
            )}
            <div
              className="side-by-side"
              style={{
                gridTemplateColumns: `repeat(${Math.max(columns.length, 1)}, minmax(220px, 1fr))`,
              }}
            >
              {columns.map(([key, column]) => (
                <div key={key} className="side">
                  <h4>
                    {column.variant} · {column.model}
                  </h4>
                  {cells
                    .filter(
                      (cell) =>
                        cell.caseId === caseId &&
                        cell.variant === column.variant &&
                        cell.model === column.model,
                    )
                    .sort((a, b) => a.repeat - b.repeat)
                    .map((cell) => (
                      <div key={cell.repeat} className="answer" data-testid="playground-answer">
                        <PassBadge passed={cell.passed} status={cell.status} />{' '}
                        <span className="muted">#{cell.repeat}</span>
                        <pre className="output">
                          {cell.status === 'error' ? cell.errorMessage : cell.output}
                        </pre>
                      </div>
                    ))}
                </div>
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
