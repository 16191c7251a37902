import { useEffect, useState } from 'react';
import type { CaseList, SaveVariantResult, TaskOverview } from '../../api-contract.js';
import { CasePicker } from '../components/case-picker.js';
import { ErrorBox } from '../components/error-box.js';
import { ModelPicker } from '../components/model-picker.js';
import { PlaygroundQualityTable } from '../components/playground-quality-table.js';
import { PlaygroundResults } from '../components/playground-results.js';
import { VariantDraftEditor } from '../components/variant-draft-editor.js';
import { postJson } from '../lib/api-client.js';
import { useApi } from '../lib/use-api.js';
import { usePlaygroundRun } from '../lib/use-playground-run.js';
import { draftFrom, toVariantInput, type VariantDraft } from '../lib/variant-draft.js';

interface PlaygroundPageProps {
  task: TaskOverview;
  onTaskChanged: () => void;
}

/** Writers try wordings side by side on chosen cases, with repeats, and keep the good ones. */
export function PlaygroundPage({ task, onTaskChanged }: PlaygroundPageProps) {
  const cases = useApi<CaseList>('/api/cases');
  const [drafts, setDrafts] = useState<VariantDraft[]>(() => {
    const first = task.variants[0];
    return first ? [draftFrom(first, task, first.name), draftFrom(first, task, 'my-wording')] : [];
  });
  const [models, setModels] = useState<string[]>(() =>
    task.models.slice(0, 1).map((model) => model.name),
  );
  const [caseIds, setCaseIds] = useState<string[]>([]);
  const [repeats, setRepeats] = useState(3);
  const [temperature, setTemperature] = useState('');
  const [maxTokens, setMaxTokens] = useState('');
  const [notes, setNotes] = useState<Record<number, string>>({});
  const run = usePlaygroundRun();

  const loadedCases = cases.data?.cases;
  useEffect(() => {
    if (loadedCases)
      setCaseIds((current) =>
        current.length > 0 ? current : loadedCases.slice(0, 3).map((item) => item.id),
      );
  }, [loadedCases]);

  const update = (next: VariantDraft) =>
    setDrafts((current) => current.map((draft) => (draft.id === next.id ? next : draft)));
  const save = async (draft: VariantDraft) => {
    try {
      const saved = await postJson<SaveVariantResult>('/api/variants', {
        variant: toVariantInput(draft),
      });
      setNotes((current) => ({
        ...current,
        [draft.id]: `saved as ${saved.saved} in the task file`,
      }));
      onTaskChanged();
    } catch (error) {
      setNotes((current) => ({
        ...current,
        [draft.id]: error instanceof Error ? error.message : String(error),
      }));
    }
  };
  const start = () =>
    run.start({
      variants: drafts.map(toVariantInput),
      models,
      caseIds,
      repeats,
      ...(temperature.trim() === '' ? {} : { temperature: Number(temperature) }),
      ...(maxTokens.trim() === '' ? {} : { maxTokens: Number(maxTokens) }),
    });
  const state = run.state;
  return (
    <section data-testid="playground-page">
      <h1>Playground</h1>
      <p className="muted">
        Edit an instruction, run it next to others on a few cases, and keep the wording that works.
        Sampling by default: {task.sampling}.
      </p>
      <div className="drafts">
        {drafts.map((draft) => (
          <VariantDraftEditor
            key={draft.id}
            draft={draft}
            task={task}
            onChange={update}
            onRemove={
              drafts.length > 1
                ? () => setDrafts((current) => current.filter((other) => other.id !== draft.id))
                : null
            }
            onSave={() => void save(draft)}
            saveNote={notes[draft.id] ?? null}
          />
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => {
            const base = task.variants[0];
            if (base)
              setDrafts((current) => [
                ...current,
                draftFrom(base, task, `wording-${current.length + 1}`),
              ]);
          }}
        >
          Add a wording
        </button>
      </div>
      <div className="playground-settings">
        <ModelPicker models={task.models} selected={models} onChange={setModels} />
        <fieldset>
          <legend>Sampling</legend>
          <label className="inline">
            Repeats{' '}
            <input
              type="number"
              min={1}
              max={20}
              value={repeats}
              onChange={(event) => setRepeats(Math.max(1, Number(event.target.value) || 1))}
            />
          </label>
          <label className="inline">
            Temperature{' '}
            <input
              type="number"
              min={0}
              max={2}
              step={0.1}
              placeholder="task's"
              value={temperature}
              onChange={(event) => setTemperature(event.target.value)}
            />
          </label>
          <label className="inline">
            Max tokens{' '}
            <input
              type="number"
              min={1}
              placeholder="task's"
              value={maxTokens}
              onChange={(event) => setMaxTokens(event.target.value)}
            />
          </label>
        </fieldset>
      </div>
      {cases.error && <ErrorBox error={cases.error} />}
      {cases.data && (
        <CasePicker cases={cases.data.cases} selected={caseIds} onChange={setCaseIds} />
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={state.status === 'running' || caseIds.length === 0 || models.length === 0}
          onClick={() => void start()}
        >
          Run {drafts.length} × {models.length} × {caseIds.length} × {repeats}
        </button>
        {state.status === 'running' && (
          <button type="button" className="secondary" onClick={run.cancel}>
            Stop
          </button>
        )}
        <span className="muted" data-testid="playground-status">
          {state.status === 'idle'
            ? ''
            : `${state.status}: ${state.cells.length} of ${state.total} answers`}
        </span>
      </div>
      {state.error && <ErrorBox error={new Error(state.error)} />}
      <PlaygroundQualityTable quality={[...state.quality.values()]} />
      {cases.data && state.cells.length > 0 && (
        <PlaygroundResults cases={cases.data.cases} caseIds={caseIds} cells={state.cells} />
      )}
    </section>
  );
}
