import type { CheckResult } from '../../spec/check-result.js';
import type { LanguageModel } from '../../spec/language-model.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { Check } from '../checks/check.js';
import { runChecks } from '../checks/run-checks.js';
import { callCost } from '../economics/call-cost.js';
import type { ModelPrice } from '../economics/model-price.js';
import type { RequestLimiter } from '../scheduler/request-limiter.js';
import { attemptsOf, callWithRetry } from '../scheduler/retry-policy.js';
import type { CachedResponse } from './cached-response.js';
import type { CellResult } from './cell-result.js';
import type { CacheEntry, EvalStore } from './eval-store.js';
import type { PlannedCell } from './prepare-run.js';
import { responseCacheKey } from './response-cache-key.js';

export interface CellContext {
  store: EvalStore;
  model: LanguageModel;
  /** Model reference plus base URL: what makes two models' answers interchangeable in the cache. */
  modelIdentity: string;
  price: ModelPrice | undefined;
  checks: Check[];
  rateLimiter: RequestLimiter;
  jsonSchema: Record<string, unknown> | undefined;
  useCache: boolean;
  retries: number;
  timeoutMs: number;
  signal: AbortSignal;
  now: () => number;
}

export interface ExecutedCell {
  result: CellResult;
  cacheEntry: CacheEntry | undefined;
}

/** Renders, calls (or reads the cache), checks and prices one cell. Never throws for a failed call. */
export async function executeCell(cell: PlannedCell, context: CellContext): Promise<ExecutedCell> {
  const prompt = cell.variant.render(cell.evalCase);
  const key = context.useCache
    ? responseCacheKey(
        context.modelIdentity,
        prompt,
        cell.sampling,
        context.jsonSchema,
        cell.repeat,
      )
    : '';
  let response = context.useCache ? context.store.readCache(key) : undefined;
  const cached = response !== undefined;
  let attempts = 0;
  let cacheEntry: CacheEntry | undefined;
  if (!response) {
    const estimate = estimateTokens(prompt) + (cell.sampling.maxTokens ?? 256);
    try {
      response = await callWithRetry(
        async (attempt, signal) => {
          attempts = attempt + 1;
          const started = context.now();
          const generated = await context.model.generate({
            prompt,
            sampling: cell.sampling,
            abortSignal: signal,
            repeat: cell.repeat,
            ...(context.jsonSchema ? { jsonSchema: context.jsonSchema } : {}),
          });
          return {
            text: generated.text,
            inputTokens: generated.usage.inputTokens,
            outputTokens: generated.usage.outputTokens,
            tokensEstimated: generated.usage.estimated === true,
            finishReason: generated.finishReason,
            latencyMs: context.now() - started,
          } satisfies CachedResponse;
        },
        {
          retries: context.retries,
          timeoutMs: context.timeoutMs,
          signal: context.signal,
          // The limiter is waited on before each attempt's timeout starts.
          rateLimiter: context.rateLimiter,
          estimatedTokens: estimate,
          actualTokens: (value) => value.inputTokens + value.outputTokens,
        },
      );
      if (context.useCache) cacheEntry = { key, response };
    } catch (error) {
      if (error instanceof TunegateError && error.code === 'ABORTED') throw error;
      const tried = attemptsOf(error) ?? Math.max(attempts, 1);
      return { result: failedCell(cell, error, tried), cacheEntry: undefined };
    }
  }
  const checks = await runChecks(context.checks, response.text, cell.evalCase);
  return {
    result: {
      ...coordinates(cell),
      status: 'ok',
      output: response.text,
      errorCode: null,
      errorMessage: null,
      passed: checks.every((check) => check.pass),
      formatPassed: allOfKind(checks, 'format'),
      checks,
      inputTokens: response.inputTokens,
      outputTokens: response.outputTokens,
      tokensEstimated: response.tokensEstimated,
      cost: context.price ? callCost(response, context.price) : null,
      latencyMs: response.latencyMs,
      finishReason: response.finishReason,
      cached,
      attempts,
    },
    cacheEntry,
  };
}

function allOfKind(checks: CheckResult[], kind: CheckResult['kind']): boolean {
  for (const check of checks) if (check.kind === kind && !check.pass) return false;
  return true;
}

function coordinates(cell: PlannedCell) {
  return {
    key: cell.key,
    variant: cell.variant.config.name,
    model: cell.model.name,
    samplingIndex: cell.samplingIndex,
    sampling: cell.sampling,
    caseId: cell.evalCase.id,
    repeat: cell.repeat,
  };
}

function failedCell(cell: PlannedCell, error: unknown, attempts: number): CellResult {
  const code = error instanceof TunegateError ? error.code : 'PROVIDER_ERROR';
  const message = error instanceof Error ? error.message : String(error);
  return {
    ...coordinates(cell),
    status: 'error',
    output: null,
    errorCode: code,
    errorMessage: message,
    passed: null,
    formatPassed: null,
    checks: [],
    inputTokens: 0,
    outputTokens: 0,
    tokensEstimated: false,
    cost: null,
    latencyMs: 0,
    finishReason: 'error',
    cached: false,
    attempts,
  };
}

/** A rough count (four characters a token) used only for rate limiting and dry-run estimates. */
export function estimateTokens(
  prompt: { mode: string } & ({ text: string } | { messages: { content: string }[] }),
): number {
  const characters =
    'text' in prompt
      ? prompt.text.length
      : prompt.messages.reduce((sum, message) => sum + message.content.length + 4, 0);
  return Math.ceil(characters / 4);
}
