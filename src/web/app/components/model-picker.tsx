import { useState } from 'react';
import type { ModelView } from '../../api-contract.js';

interface ModelPickerProps {
  models: ModelView[];
  selected: string[];
  onChange: (selected: string[]) => void;
}

/** The task's models, plus any `provider:model` reference typed in. */
export function ModelPicker({ models, selected, onChange }: ModelPickerProps) {
  const [extra, setExtra] = useState('');
  const names = [
    ...models.map((model) => model.name),
    ...selected.filter((name) => !models.some((model) => model.name === name)),
  ];
  const toggle = (name: string) =>
    onChange(
      selected.includes(name) ? selected.filter((other) => other !== name) : [...selected, name],
    );
  const add = () => {
    const reference = extra.trim();
    if (/^[a-z][a-z0-9-]*:.+$/.test(reference) && !selected.includes(reference)) {
      onChange([...selected, reference]);
      setExtra('');
    }
  };
  return (
    <fieldset className="model-picker">
      <legend>Models</legend>
      {names.map((name) => (
        <label key={name} className="inline">
          <input type="checkbox" checked={selected.includes(name)} onChange={() => toggle(name)} />{' '}
          {name}
        </label>
      ))}
      <div className="add-model">
        <input
          placeholder="provider:model, e.g. local:stories260K"
          aria-label="another model reference"
          value={extra}
          onChange={(event) => setExtra(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') add();
          }}
        />
        <button type="button" className="secondary" onClick={add}>
          Add model
        </button>
      </div>
    </fieldset>
  );
}
