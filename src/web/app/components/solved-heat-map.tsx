import type { LimitsView } from '../../api-contract.js';
import { percent } from '../lib/format.js';

/** Share of trials passed, as a colour from red (never) to green (always). */
function shade(rate: number | null): string {
  if (rate === null) return 'heat-none';
  return `heat-${Math.min(10, Math.max(0, Math.round(rate * 10)))}`;
}

/** Cases (hardest first) × variants: which prompt solves which case, over the whole history. */
export function SolvedHeatMap({ matrix }: { matrix: LimitsView['matrix'] }) {
  if (matrix.cases.length === 0) return <p className="muted">No completed runs yet.</p>;
  return (
    <div className="heat-map-wrap">
      <table className="heat-map" data-testid="solved-heat-map">
        <thead>
          <tr>
            <th scope="col">case</th>
            <th scope="col">overall</th>
            {matrix.variants.map((variant) => (
              <th scope="col" key={variant} className="variant-head">
                {variant}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.cases.map((row) => (
            <tr key={row.caseId}>
              <th scope="row">{row.caseId}</th>
              <td className={shade(row.solveRate)}>{percent(row.solveRate, 0)}</td>
              {row.byVariant.map((rate, index) => (
                <td
                  key={matrix.variants[index] ?? index}
                  className={shade(rate)}
                  title={`${matrix.variants[index]}: ${percent(rate, 0)}`}
                >
                  {rate === null ? '' : percent(rate, 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {matrix.omittedCases > 0 && (
        <p className="muted">{matrix.omittedCases} easier cases not shown.</p>
      )}
    </div>
  );
}
