import type { TaskOverview } from '../../api-contract.js';
import type { VariantDraft } from '../lib/variant-draft.js';

interface VariantDraftEditorProps {
  draft: VariantDraft;
  task: TaskOverview;
  onChange: (draft: VariantDraft) => void;
  onRemove: (() => void) | null;
  onSave: () => void;
  saveNote: string | null;
}

/** One wording: its name, the task variant it starts from, instruction and system message. */
export function VariantDraftEditor(props: VariantDraftEditorProps) {
  const { draft, task, onChange, onRemove, onSave, saveNote } = props;
  const base = `draft-${draft.id}`;
  return (
    <fieldset className="variant-draft" data-testid="variant-draft">
      <legend>{draft.name || 'unnamed'}</legend>
      <label htmlFor={`${base}-name`}>Name</label>
      <input
        id={`${base}-name`}
        value={draft.name}
        onChange={(event) => onChange({ ...draft, name: event.target.value })}
      />
      <label htmlFor={`${base}-based`}>Based on</label>
      <select
        id={`${base}-based`}
        value={draft.basedOn}
        onChange={(event) => onChange({ ...draft, basedOn: event.target.value })}
      >
        {task.variants.map((variant) => (
          <option key={variant.name} value={variant.name}>
            {variant.name}
            {variant.fewShot ? ` (few-shot k=${variant.fewShot.k})` : ''}
          </option>
        ))}
      </select>
      <label htmlFor={`${base}-instruction`}>Instruction</label>
      <textarea
        id={`${base}-instruction`}
        rows={6}
        value={draft.instruction}
        onChange={(event) => onChange({ ...draft, instruction: event.target.value })}
      />
      <label htmlFor={`${base}-system`}>System message (optional)</label>
      <textarea
        id={`${base}-system`}
        rows={2}
        value={draft.system}
        onChange={(event) => onChange({ ...draft, system: event.target.value })}
      />
      <div className="actions">
        <button type="button" onClick={onSave}>
          Save as variant
        </button>
        {onRemove && (
          <button type="button" className="secondary" onClick={onRemove}>
            Remove
          </button>
        )}
        {saveNote && <span className="note">{saveNote}</span>}
      </div>
    </fieldset>
  );
}
