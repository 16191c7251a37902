import { randomBytes } from 'node:crypto';
import type { CellResult } from '../../core/eval/cell-result.js';
import type { EvalStore } from '../../core/eval/eval-store.js';
import type { PlaygroundRequest } from '../../core/playground/playground-request.js';
import { runPlayground } from '../../core/playground/run-playground.js';
import type { LoadedTask } from '../../core/task/loaded-task.js';
import type { PlaygroundCellView, PlaygroundEvent } from '../api-contract.js';

interface Session {
  events: PlaygroundEvent[];
  listeners: Set<(event: PlaygroundEvent) => void>;
  controller: AbortController;
  finished: boolean;
}

/** Finished sessions kept for late listeners; older ones are dropped. */
const keptSessions = 20;

/**
 * Playground runs in flight and recently finished. Every event is kept, so a page that
 * connects after the start (or reconnects) replays the run from its first cell.
 */
export class PlaygroundSessions {
  readonly #sessions = new Map<string, Session>();

  start(
    task: LoadedTask,
    request: PlaygroundRequest,
    options: { store: EvalStore; env: Record<string, string | undefined> },
  ): string {
    const id = randomBytes(8).toString('hex');
    const session: Session = {
      events: [],
      listeners: new Set(),
      controller: new AbortController(),
      finished: false,
    };
    this.#sessions.set(id, session);
    this.#forgetOld();
    const emit = (event: PlaygroundEvent) => {
      session.events.push(event);
      for (const listener of session.listeners) listener(event);
    };
    runPlayground(task, request, {
      store: options.store,
      env: options.env,
      signal: session.controller.signal,
      onCell: (cell) => emit({ type: 'cell', cell: toCellView(cell) }),
      onQuality: (quality) => emit({ type: 'quality', quality }),
    })
      .then((result) =>
        emit({ type: 'done', cancelled: result.cancelled, cells: result.cells.length }),
      )
      .catch((error: unknown) =>
        emit({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        session.finished = true;
        session.listeners.clear();
      });
    return id;
  }

  /** Replays the events so far, then calls `listener` for each new one until the run ends. */
  subscribe(
    id: string,
    listener: (event: PlaygroundEvent) => void,
  ): { finished: boolean; unsubscribe: () => void } | undefined {
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    for (const event of session.events) listener(event);
    if (!session.finished) session.listeners.add(listener);
    return { finished: session.finished, unsubscribe: () => session.listeners.delete(listener) };
  }

  cancel(id: string): boolean {
    const session = this.#sessions.get(id);
    if (!session) return false;
    session.controller.abort();
    return true;
  }

  /** Stops every run in flight (the server is closing). */
  cancelAll(): void {
    for (const session of this.#sessions.values()) session.controller.abort();
  }

  #forgetOld(): void {
    const finished = [...this.#sessions].filter(([, session]) => session.finished);
    for (const [id] of finished.slice(0, Math.max(0, finished.length - keptSessions))) {
      this.#sessions.delete(id);
    }
  }
}

function toCellView(cell: CellResult): PlaygroundCellView {
  return {
    variant: cell.variant,
    model: cell.model,
    caseId: cell.caseId,
    repeat: cell.repeat,
    status: cell.status,
    output: cell.output,
    passed: cell.passed,
    checks: cell.checks.map((check) => ({
      name: check.name,
      kind: check.kind,
      pass: check.pass,
      score: check.score ?? null,
      reason: check.reason ?? null,
    })),
    latencyMs: cell.latencyMs,
    cached: cell.cached,
    errorMessage: cell.errorMessage,
  };
}
