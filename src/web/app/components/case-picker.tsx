import { useState } from 'react';
import type { CaseView } from '../../api-contract.js';

interface CasePickerProps {
  cases: CaseView[];
  selected: string[];
  onChange: (selected: string[]) => void;
}

/** Choose the few cases to try wordings on; a filter narrows a long eval set. */
export function CasePicker({ cases, selected, onChange }: CasePickerProps) {
  const [query, setQuery] = useState('');
  const needle = query.trim().toLowerCase();
  const shown = cases
    .filter(
      (item) =>
        needle === '' ||
        item.id.toLowerCase().includes(needle) ||
        item.input.toLowerCase().includes(needle),
    )
    .slice(0, 200);
  const toggle = (id: string) =>
    onChange(selected.includes(id) ? selected.filter((other) => other !== id) : [...selected, id]);
  return (
    <fieldset className="case-picker">
      <legend>Cases ({selected.length} chosen)</legend>
      <input
        type="search"
        placeholder="filter cases"
        aria-label="filter cases"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <ul>
        {shown.map((item) => (
          <li key={item.id}>
            <label>
              <input
                type="checkbox"
                checked={selected.includes(item.id)}
                onChange={() => toggle(item.id)}
              />{' '}
              <strong>{item.id}</strong> <span className="muted">{item.input.slice(0, 140)}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
