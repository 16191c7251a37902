import { randomBytes } from 'node:crypto';
import type { LanguageModel } from '../../spec/language-model.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { createChecks } from '../checks/create-checks.js';
import { lookupPrice } from '../economics/price-table.js';
import { ConcurrencyGate } from '../scheduler/concurrency-gate.js';
import { LimiterChain } from '../scheduler/limiter-chain.js';
import { RateLimiter } from '../scheduler/rate-limiter.js';
import type { LoadedTask } from '../task/loaded-task.js';
import type { ModelConfig, TaskConfig } from '../task/task-schema.js';
import { BatchWriter } from './batch-writer.js';
import type { EvalStore } from './eval-store.js';
import { type CellContext, executeCell } from './execute-cell.js';
import {
  type ContextFitReport,
  contextOverflowError,
  measureContextFit,
} from './measure-context-fit.js';
import { type PlannedCell, planCells } from './prepare-run.js';
import { modelBuilder, resolveRun } from './resolve-run.js';
import type { RunProgress } from './run-progress.js';
import type { RunOptions, RunRecord } from './run-record.js';

export interface RunEvalOptions extends RunOptions {
  store: EvalStore;
  /** Continue this run: only cells missing from the store are executed. */
  resume?: string;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Where API keys are read from, once, when models are created. Defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Build models another way (tests, benchmarks); defaults to the provider registry. */
  createModel?: (config: ModelConfig, task: LoadedTask) => LanguageModel;
  now?: () => number;
  /**
   * Start even when prompts or expected answers do not fit a model's context; by default such
   * a run is refused (CONTEXT_OVERFLOW) before any call and before the run is stored.
   */
  allowOverflow?: boolean;
  /** Called with the plan-time context check, before any call. */
  onContextFit?: (report: ContextFitReport) => void;
}

export interface RunEvalResult {
  run: RunRecord;
  executed: number;
  skipped: number;
  interrupted: boolean;
}

/** Runs (or resumes) the variants × models × sampling × cases × repeats matrix of a task. */
export async function runEval(task: LoadedTask, options: RunEvalOptions): Promise<RunEvalResult> {
  const { store } = options;
  const now = options.now ?? performance.now.bind(performance);
  const { existing, runOptions, plan } = await resolveRun(task, options);
  const build = modelBuilder(options);
  const checks = await createChecks(task, {
    createJudgeModel: (ref) => build({ ref }, task),
  });
  const config = task.config;
  const contexts = new Map<string, { context: CellContext; gates: ConcurrencyGate[] }>();
  const controller = new AbortController();
  const providerLimits = createProviderLimits(config.run.providers);
  for (const planned of plan.models) {
    const modelConfig = planned.config;
    const provider = modelConfig.ref.slice(0, modelConfig.ref.indexOf(':'));
    const shared = providerLimits.get(provider);
    const own = new RateLimiter({
      ...(modelConfig.requestsPerMinute
        ? { requestsPerMinute: modelConfig.requestsPerMinute }
        : {}),
      ...(modelConfig.tokensPerMinute ? { tokensPerMinute: modelConfig.tokensPerMinute } : {}),
    });
    const gates = [
      ...(modelConfig.concurrency ? [new ConcurrencyGate(modelConfig.concurrency)] : []),
      ...(shared?.gate ? [shared.gate] : []),
    ];
    contexts.set(planned.name, {
      context: {
        store,
        model: build(modelConfig, task),
        modelIdentity: `${modelConfig.ref} ${modelConfig.baseURL ?? ''}`,
        price: modelConfig.price ?? lookupPrice(modelConfig.ref, config.prices),
        checks,
        rateLimiter: shared ? new LimiterChain([own, shared.limiter]) : own,
        jsonSchema: config.output.kind === 'json' ? config.output.schema : undefined,
        useCache: config.run.cache,
        retries: config.run.retries,
        timeoutMs: modelConfig.timeoutMs ?? config.run.timeoutMs,
        signal: controller.signal,
        now,
      },
      gates,
    });
  }

  const models = new Map([...contexts].map(([name, entry]) => [name, entry.context.model]));
  const fit = await measureContextFit(plan, models);
  options.onContextFit?.(fit);
  if (fit.findings.length > 0 && !options.allowOverflow) throw contextOverflowError(fit.findings);

  const abort = () => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  const run: RunRecord = existing ?? {
    id: newRunId(),
    taskName: config.name,
    taskFile: task.file,
    taskHash: task.hash,
    options: runOptions,
    status: 'running',
    totalCells: plan.totalCells,
    createdAt: new Date().toISOString(),
    finishedAt: null,
  };
  if (existing) store.setRunStatus(run.id, 'running', null);
  else store.createRun(run);

  const writer = new BatchWriter(store, run.id);
  const progress: RunProgress = {
    runId: run.id,
    total: plan.totalCells,
    done: 0,
    skipped: 0,
    passed: 0,
    failed: 0,
    errors: 0,
    cached: 0,
    elapsedMs: 0,
  };
  const started = now();
  const cells = planCells(plan);
  const resuming = existing !== undefined;
  let executed = 0;
  let failure: unknown;

  const nextCell = (): PlannedCell | undefined => {
    for (;;) {
      const step = cells.next();
      if (step.done) return undefined;
      if (resuming && store.hasCell(run.id, step.value.key)) {
        progress.skipped++;
        progress.done++;
        continue;
      }
      return step.value;
    }
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      if (controller.signal.aborted) return;
      const cell = nextCell();
      if (!cell) return;
      const entry = contexts.get(cell.model.name);
      if (!entry) throw new Error(`no context for model ${cell.model.name}`);
      // Gates are always taken in the same order (model, then provider), so they cannot deadlock.
      for (const gate of entry.gates) {
        const wait = gate.acquire();
        if (wait) await wait;
      }
      try {
        const { result, cacheEntry } = await executeCell(cell, entry.context);
        writer.add(result, cacheEntry);
        executed++;
        progress.done++;
        if (result.status === 'error') progress.errors++;
        else if (result.passed) progress.passed++;
        else progress.failed++;
        if (result.cached) progress.cached++;
        if (options.onProgress) {
          progress.elapsedMs = now() - started;
          options.onProgress(progress);
        }
      } finally {
        for (const gate of entry.gates) gate.release();
      }
    }
  };

  try {
    const workers = Array.from({ length: config.run.concurrency }, () =>
      worker().catch((error: unknown) => {
        if (!(error instanceof TunegateError && error.code === 'ABORTED')) failure ??= error;
        controller.abort();
      }),
    );
    await Promise.all(workers);
  } finally {
    options.signal?.removeEventListener('abort', abort);
    writer.flush();
  }
  progress.elapsedMs = now() - started;
  options.onProgress?.(progress);
  const stored = store.countCells(run.id);
  const interrupted = controller.signal.aborted && failure === undefined;
  const status = failure ? 'failed' : stored >= plan.totalCells ? 'completed' : 'interrupted';
  const finishedAt = status === 'completed' ? new Date().toISOString() : null;
  store.setRunStatus(run.id, status, finishedAt);
  if (failure) throw failure;
  return {
    run: { ...run, status, finishedAt },
    executed,
    skipped: progress.skipped,
    interrupted,
  };
}

/** Sortable and unique: `20261123-154210-a1b2c3`. */
function newRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** One gate and one limiter per provider named under `run.providers`, shared by its models. */
function createProviderLimits(
  providers: TaskConfig['run']['providers'],
): Map<string, { gate: ConcurrencyGate | undefined; limiter: RateLimiter }> {
  const limits = new Map<string, { gate: ConcurrencyGate | undefined; limiter: RateLimiter }>();
  for (const [name, settings] of Object.entries(providers ?? {})) {
    limits.set(name, {
      gate: settings.concurrency ? new ConcurrencyGate(settings.concurrency) : undefined,
      limiter: new RateLimiter({
        ...(settings.requestsPerMinute ? { requestsPerMinute: settings.requestsPerMinute } : {}),
        ...(settings.tokensPerMinute ? { tokensPerMinute: settings.tokensPerMinute } : {}),
      }),
    });
  }
  return limits;
}
