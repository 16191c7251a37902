import { useCallback, useEffect, useRef, useState } from 'react';
import type { CellFilter, GroupRef, RunList, RunMatrix, TaskOverview } from '../../api-contract.js';
import { CellDetailPanel } from '../components/cell-detail-panel.js';
import { CellList } from '../components/cell-list.js';
import { ErrorBox } from '../components/error-box.js';
import { FilterButtons } from '../components/filter-buttons.js';
import { RunMatrixTable } from '../components/run-matrix-table.js';
import { RunProgressBar } from '../components/run-progress-bar.js';
import { useApi } from '../lib/use-api.js';
import { hrefOf } from '../lib/use-hash-route.js';
import { useRunProgress } from '../lib/use-run-progress.js';
import { useRunQuality } from '../lib/use-run-quality.js';

/** New cells in a running run refresh the matrix and list at most this often. */
const refreshMs = 1500;

export function RunsPage({ runId, task }: { runId: string | null; task: TaskOverview | null }) {
  const runs = useApi<RunList>('/api/runs');
  const chosen = runId ?? runs.data?.runs[0]?.id ?? null;
  if (runs.error) return <ErrorBox error={runs.error} />;
  if (runs.data && chosen === null) {
    return (
      <section>
        <h1>Runs</h1>
        <p>
          No runs yet. Run <code>tunegate eval</code>
          {task ? ` for ${task.name}` : ''}, or try wordings in the{' '}
          <a href={hrefOf('playground')}>playground</a>.
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>Runs</h1>
      {runs.data && (
        <label className="run-picker">
          Run{' '}
          <select
            value={chosen ?? ''}
            onChange={(event) => {
              window.location.hash = hrefOf('runs', event.target.value);
            }}
          >
            {runs.data.runs.map((run) => (
              <option key={run.id} value={run.id}>
                {run.id} · {run.taskName} · {run.kind} · {run.status} · {run.storedCells}/
                {run.totalCells}
              </option>
            ))}
          </select>
        </label>
      )}
      {chosen && <RunView key={chosen} runId={chosen} />}
    </section>
  );
}

function RunView({ runId }: { runId: string }) {
  const matrix = useApi<RunMatrix>(`/api/runs/${encodeURIComponent(runId)}/matrix`);
  const running = matrix.data?.run.status === 'running';
  const progress = useRunProgress(runId, running);
  const [version, setVersion] = useState(0);
  const [filter, setFilter] = useState<CellFilter>('all');
  const [group, setGroup] = useState<GroupRef | null>(null);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [listReady, setListReady] = useState(false);
  // Consistency and diversity read every output: they are asked for once the first rows are shown.
  const quality = useRunQuality(matrix.data && listReady ? runId : null, version);

  // A growing run reloads its matrix and list, throttled.
  const lastRefresh = useRef(0);
  const { reload } = matrix;
  const stored = progress?.run.storedCells;
  const status = progress?.run.status;
  useEffect(() => {
    if (stored === undefined) return;
    const wait = Math.max(0, lastRefresh.current + refreshMs - Date.now());
    const timer = window.setTimeout(
      () => {
        lastRefresh.current = Date.now();
        reload();
        setVersion((value) => value + 1);
      },
      status === 'running' ? wait : 0,
    );
    return () => window.clearTimeout(timer);
  }, [stored, status, reload]);

  const onFirstPage = useCallback(() => setListReady(true), []);
  const ready = matrix.data !== undefined && listReady;
  useEffect(() => {
    if (!ready || document.body.dataset.runsReady === 'true') return;
    // The benchmark reads this mark: the matrix and the first rows are on screen.
    performance.mark('runs-ready');
    document.body.dataset.runsReady = 'true';
  }, [ready]);

  const run = progress?.run ?? matrix.data?.run;
  // The matrix and the first page of cells are asked for together; neither waits for the other.
  return (
    <div className="run-view" data-ready={ready ? 'true' : undefined}>
      {matrix.error && <ErrorBox error={matrix.error} />}
      {run && (
        <p className="muted">
          {run.kind} run {run.id} of {run.taskName}, {run.status}, started {run.createdAt}
          {quality.done ? '' : ' · measuring consistency and diversity…'}
        </p>
      )}
      {progress && run?.status === 'running' && <RunProgressBar progress={progress} />}
      {matrix.data ? (
        <RunMatrixTable
          matrix={matrix.data}
          quality={quality.quality}
          selected={group}
          onSelect={(next) => {
            setGroup(next);
            setSelectedKey(null);
          }}
        />
      ) : (
        !matrix.error && <p className="muted">loading the run…</p>
      )}
      <div className="run-browser">
        <div className="run-browser-list">
          <FilterButtons
            value={filter}
            onChange={(next) => {
              setFilter(next);
              setSelectedKey(null);
            }}
          />
          {group && (
            <p className="muted">
              only {group.variant} on {group.model}{' '}
              <button type="button" className="link" onClick={() => setGroup(null)}>
                show all groups
              </button>
            </p>
          )}
          <CellList
            runId={runId}
            filter={filter}
            group={group}
            version={version}
            selectedKey={selectedKey}
            onSelect={setSelectedKey}
            onFirstPage={onFirstPage}
          />
        </div>
        <div className="run-browser-detail">
          {selectedKey ? (
            <CellDetailPanel key={selectedKey} runId={runId} cellKey={selectedKey} />
          ) : (
            <p className="muted">
              Choose a cell to see its output, checks and a diff against another variant.
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
