import { createLanguageModel } from '../../providers/create-language-model.js';
import type { LanguageModel } from '../../spec/language-model.js';
import type { SamplingOptions } from '../../spec/sampling-options.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { createChecks } from '../checks/create-checks.js';
import { lookupPrice } from '../economics/price-table.js';
import type { CellResult } from '../eval/cell-result.js';
import type { EvalStore } from '../eval/eval-store.js';
import { type CellContext, executeCell } from '../eval/execute-cell.js';
import { type PlannedCell, planCells, prepareRun } from '../eval/prepare-run.js';
import { samplingPoints } from '../eval/sampling-points.js';
import { RateLimiter } from '../scheduler/rate-limiter.js';
import type { LoadedTask } from '../task/loaded-task.js';
import type { ModelConfig, SamplingGrid, TaskConfig } from '../task/task-schema.js';
import { LiveGroupQuality } from './live-group-quality.js';
import type { PlaygroundQuality, PlaygroundRequest } from './playground-request.js';

export interface RunPlaygroundOptions {
  /** Read for cached answers, and given new ones; playground cells themselves are not stored. */
  store: EvalStore;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  onCell?: (cell: CellResult) => void;
  onQuality?: (quality: PlaygroundQuality) => void;
  createModel?: (config: ModelConfig, task: LoadedTask) => LanguageModel;
}

export interface PlaygroundResult {
  cells: CellResult[];
  cancelled: boolean;
}

/** Cells in flight at once, whatever the task allows: the playground is interactive. */
const maxConcurrency = 4;

/**
 * Runs the playground's small matrix (variants × models × chosen cases × repeats at one
 * sampling point) with the eval's own rendering, checks, prices and response cache, reporting
 * each cell and its group's agreement and diversity as soon as the cell is done.
 */
export async function runPlayground(
  task: LoadedTask,
  request: PlaygroundRequest,
  options: RunPlaygroundOptions,
): Promise<PlaygroundResult> {
  validateRequest(request);
  const config = task.config;
  const point = playgroundPoint(config, request);
  const variants = request.variants.map((variant) => ({ ...variant, sampling: toGrid(point) }));
  const playgroundTask: LoadedTask = { ...task, config: { ...config, variants } };
  const plan = await prepareRun(playgroundTask, {
    models: request.models,
    repeats: request.repeats,
  });
  const byId = new Map(plan.cases.map((evalCase) => [evalCase.id, evalCase]));
  const cases = request.caseIds.map((id) => {
    const found = byId.get(id);
    if (!found) throw new TunegateError('INVALID_ARGUMENT', `no eval case "${id}" in the task`);
    return found;
  });
  const chosen = {
    ...plan,
    cases,
    totalCells: variants.length * plan.models.length * cases.length * request.repeats,
  };

  const build =
    options.createModel ??
    ((model: ModelConfig, loaded: LoadedTask) =>
      createLanguageModel(model, {
        env: options.env ?? process.env,
        baseDirectory: loaded.directory,
      }));
  const checks = await createChecks(playgroundTask, {
    createJudgeModel: (ref) => build({ ref }, playgroundTask),
  });
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  const contexts = new Map<string, CellContext>();
  for (const planned of plan.models) {
    contexts.set(planned.name, {
      store: options.store,
      model: build(planned.config, playgroundTask),
      modelIdentity: `${planned.config.ref} ${planned.config.baseURL ?? ''}`,
      price: planned.config.price ?? lookupPrice(planned.config.ref, config.prices),
      checks,
      rateLimiter: new RateLimiter(),
      jsonSchema: config.output.kind === 'json' ? config.output.schema : undefined,
      useCache: config.run.cache,
      retries: Math.min(config.run.retries, 2),
      timeoutMs: planned.config.timeoutMs ?? config.run.timeoutMs,
      signal: controller.signal,
      now: performance.now.bind(performance),
    });
  }

  const quality = new LiveGroupQuality({ jsonOutputs: config.output.kind === 'json' });
  const cells: CellResult[] = [];
  const pending = planCells(chosen);
  const worker = async (): Promise<void> => {
    for (;;) {
      if (controller.signal.aborted) return;
      const step = pending.next();
      if (step.done) return;
      const cell: PlannedCell = step.value;
      const context = contexts.get(cell.model.name) as CellContext;
      const { result, cacheEntry } = await executeCell(cell, context);
      if (cacheEntry) options.store.writeCells('', [], [cacheEntry]);
      cells.push(result);
      options.onCell?.(result);
      if (result.output !== null) {
        options.onQuality?.(
          quality.add(result.variant, result.model, {
            caseId: result.caseId,
            output: result.output,
            passed: result.passed === true,
          }),
        );
      }
    }
  };
  const concurrency = Math.min(maxConcurrency, config.run.concurrency);
  try {
    const outcomes = await Promise.allSettled(Array.from({ length: concurrency }, () => worker()));
    const failure = outcomes.find(
      (outcome): outcome is PromiseRejectedResult =>
        outcome.status === 'rejected' &&
        !(outcome.reason instanceof TunegateError && outcome.reason.code === 'ABORTED'),
    );
    if (failure) throw failure.reason;
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
  return { cells, cancelled: controller.signal.aborted };
}

function validateRequest(request: PlaygroundRequest): void {
  const names = new Set<string>();
  for (const variant of request.variants) {
    if (names.has(variant.name)) {
      throw new TunegateError(
        'INVALID_ARGUMENT',
        `two playground variants are named "${variant.name}"`,
      );
    }
    names.add(variant.name);
  }
  if (request.variants.length === 0)
    throw new TunegateError('INVALID_ARGUMENT', 'choose at least one variant');
  if (request.models.length === 0)
    throw new TunegateError('INVALID_ARGUMENT', 'choose at least one model');
  if (request.caseIds.length === 0)
    throw new TunegateError('INVALID_ARGUMENT', 'choose at least one case');
}

/** The task's first sampling point with the request's settings on top. */
function playgroundPoint(config: TaskConfig, request: PlaygroundRequest): SamplingOptions {
  const first = samplingPoints(config.sampling)[0] ?? {};
  return { ...first, ...request.sampling };
}

/** A grid of single values replaces every task axis, so the variant has exactly one point. */
function toGrid(point: SamplingOptions): SamplingGrid {
  const grid: SamplingGrid = {};
  for (const [axis, value] of Object.entries(point) as [keyof SamplingOptions, unknown][]) {
    if (value === undefined) continue;
    if (axis === 'stop') grid.stop = value as string[];
    else (grid as Record<string, number[]>)[axis] = [value as number];
  }
  return grid;
}
