import type { GroupQualityView, GroupRef, MatrixGroup, RunMatrix } from '../../api-contract.js';
import { decimal, groupKey, money, percent } from '../lib/format.js';

interface RunMatrixTableProps {
  matrix: RunMatrix;
  quality: Map<string, GroupQualityView>;
  selected: GroupRef | null;
  onSelect: (group: GroupRef | null) => void;
}

/** Rows: variant (and sampling point); columns: models. Each cell is one group of the run. */
export function RunMatrixTable({ matrix, quality, selected, onSelect }: RunMatrixTableProps) {
  const rows = new Map<string, { variant: string; sampling: string; samplingIndex: number }>();
  const byCell = new Map<string, MatrixGroup>();
  for (const group of matrix.groups) {
    const row = JSON.stringify([group.variant, group.samplingIndex]);
    if (!rows.has(row)) {
      rows.set(row, {
        variant: group.variant,
        sampling: group.sampling,
        samplingIndex: group.samplingIndex,
      });
    }
    byCell.set(groupKey(group), group);
  }
  const selectedKey = selected ? groupKey(selected) : null;
  return (
    <div className="matrix-wrap">
      <table className="run-matrix" data-testid="run-matrix">
        <thead>
          <tr>
            <th scope="col">variant</th>
            {matrix.models.map((model) => (
              <th scope="col" key={model}>
                {model}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...rows.entries()].map(([rowKey, row]) => (
            <tr key={rowKey}>
              <th scope="row">
                {row.variant}
                {row.sampling !== 'default' && <span className="sampling"> {row.sampling}</span>}
              </th>
              {matrix.models.map((model) => {
                const key = groupKey({
                  variant: row.variant,
                  model,
                  samplingIndex: row.samplingIndex,
                });
                const group = byCell.get(key);
                if (!group) return <td key={model} className="empty" />;
                const figures = quality.get(key);
                return (
                  <td key={model} className={key === selectedKey ? 'selected' : undefined}>
                    <button
                      type="button"
                      className="matrix-cell"
                      onClick={() => onSelect(key === selectedKey ? null : group)}
                      aria-pressed={key === selectedKey}
                    >
                      <span className="rate">{percent(group.passRate)}</span>
                      <span className="interval">
                        {percent(group.lower, 0)}–{percent(group.upper, 0)}
                      </span>
                      <span className="figure" title="modal agreement across repeats">
                        consistency {figures ? percent(figures.consistency, 0) : '…'}
                      </span>
                      <span
                        className="figure"
                        title={
                          figures?.diversityApplicability?.applies === false
                            ? `distinct-2 is not creativity here: ${figures.diversityApplicability.reason}`
                            : 'distinct-2 across inputs'
                        }
                      >
                        diversity{' '}
                        {figures
                          ? figures.diversityApplicability?.applies === false
                            ? 'n/a'
                            : decimal(figures.diversity)
                          : '…'}
                      </span>
                      <span
                        className="figure"
                        title="cases whose repeats split between pass and fail"
                      >
                        cost {money(group.cost)} · {group.disagreeingCases} split{' '}
                        {group.disagreeingCases === 1 ? 'case' : 'cases'}
                      </span>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
