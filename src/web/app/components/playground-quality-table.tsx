import type { PlaygroundQualityView } from '../../api-contract.js';
import { decimal, percent } from '../lib/format.js';

/** Agreement and diversity of each variant on each model, updated as answers arrive. */
export function PlaygroundQualityTable({ quality }: { quality: PlaygroundQualityView[] }) {
  if (quality.length === 0) return null;
  return (
    <table className="data-table" data-testid="playground-quality">
      <thead>
        <tr>
          <th scope="col">variant</th>
          <th scope="col">model</th>
          <th scope="col">answers</th>
          <th scope="col" title="share of repeats that give the most common answer, per case">
            agreement
          </th>
          <th scope="col" title="chance that every repeat of a case passes">
            all repeats pass
          </th>
          <th scope="col" title="distinct-2 across the repeats of a case">
            diversity within
          </th>
          <th scope="col" title="distinct-2 across cases">
            diversity across
          </th>
        </tr>
      </thead>
      <tbody>
        {quality.map((row) => (
          <tr key={`${row.variant}\u0000${row.model}`}>
            <td>{row.variant}</td>
            <td>{row.model}</td>
            <td>{row.answered}</td>
            <td>{percent(row.agreement, 0)}</td>
            <td>{percent(row.passAllRepeats, 0)}</td>
            <td>{decimal(row.diversityWithin)}</td>
            <td>{decimal(row.diversityAcross)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
