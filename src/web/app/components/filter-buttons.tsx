import { type CellFilter, cellFilters } from '../../api-contract.js';

const labels: Record<CellFilter, string> = {
  all: 'All cells',
  failures: 'Failures',
  disagreements: 'Disagreements',
  errors: 'Errors',
};

const hints: Record<CellFilter, string> = {
  all: 'every cell',
  failures: 'cells whose checks did not all pass, failed calls included',
  disagreements: 'cells of cases whose repeats split between pass and fail',
  errors: 'cells whose call failed',
};

export function FilterButtons({
  value,
  onChange,
}: {
  value: CellFilter;
  onChange: (filter: CellFilter) => void;
}) {
  return (
    <fieldset className="filter-buttons">
      <legend>Show</legend>
      {cellFilters.map((filter) => (
        <button
          key={filter}
          type="button"
          title={hints[filter]}
          aria-pressed={filter === value}
          className={filter === value ? 'active' : undefined}
          onClick={() => onChange(filter)}
        >
          {labels[filter]}
        </button>
      ))}
    </fieldset>
  );
}
