import { useState } from 'react';

interface DatasetRowEditorProps {
  initial: unknown;
  onApply: (value: unknown) => void;
  onCancel: () => void;
}

/** The row as JSON to edit; Ctrl+Enter applies (when it parses), Escape cancels. */
export function DatasetRowEditor({ initial, onApply, onCancel }: DatasetRowEditorProps) {
  const [text, setText] = useState(() => JSON.stringify(initial ?? {}, null, 2));
  const [problem, setProblem] = useState<string | null>(null);
  const apply = () => {
    try {
      onApply(JSON.parse(text));
    } catch (error) {
      setProblem(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <div className="row-editor" data-testid="row-editor">
      <label htmlFor="row-editor-text">
        Edit the row (JSON) · Ctrl+Enter applies · Escape cancels
      </label>
      <textarea
        id="row-editor-text"
        rows={14}
        value={text}
        // biome-ignore lint/a11y/noAutofocus: the editor opens on a keystroke; typing must go into it
        autoFocus
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            apply();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            onCancel();
          }
        }}
      />
      {problem && <p className="error-text">{problem}</p>}
      <div className="actions">
        <button type="button" onClick={apply}>
          Apply edit
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
