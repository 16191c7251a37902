import { setTimeout as delay } from 'node:timers/promises';
import type { ChatMessage } from '../spec/chat-message.js';
import type { FinishReason } from '../spec/finish-reason.js';
import type { GenerateRequest, GenerateResult, LanguageModel } from '../spec/language-model.js';
import type { Prompt } from '../spec/prompt.js';
import { ProviderCallError, TunegateError } from '../spec/tunegate-error.js';
import { countWhitespaceTokens, isWhitespaceCode } from './count-whitespace-tokens.js';
import { isRetryableStatus } from './is-retryable-status.js';

/** One rule: when `match` (a case-insensitive regex) finds the input, answer with `output`. */
export interface ScriptedRule {
  match: string;
  /** One answer, or alternatives picked by a hash of prompt, seed and repeat number. */
  output: string | string[];
}

/** A scripted fault, for testing retries and error handling. */
export interface ScriptedFailure {
  /** HTTP status the fault pretends to be (429 and 5xx are retryable). */
  status: number;
  /** Fail every Nth considered call (1, the default, fails every one). */
  every?: number | undefined;
  /** Only calls whose input matches this case-insensitive regex are considered. */
  match?: string | undefined;
  retryAfterMs?: number | undefined;
  message?: string | undefined;
}

export interface ScriptedDoubleOptions {
  /** Names the double in its reference, `double:<modelId>`. */
  modelId?: string | undefined;
  rules: ScriptedRule[];
  default: string | string[];
  latencyMs?: number | undefined;
  failures?: ScriptedFailure[] | undefined;
}

/** Output text may contain `{{input}}`, replaced by the matched input. */
const inputSlot = '{{input}}';

interface CompiledOutput {
  parts: string[] | undefined;
  text: string;
}

interface CompiledFailure {
  failure: ScriptedFailure;
  pattern: RegExp | undefined;
  every: number;
  considered: number;
}

/**
 * A TEST DOUBLE, not a model: deterministic answers chosen by rules, for tests, demos and
 * benchmarks that must not touch a network. Rules are compiled once, so a call costs a few
 * regex tests and one map lookup. Usage counts whitespace-separated words (its own tokenizer).
 */
export class ScriptedDouble implements LanguageModel {
  readonly reference: string;
  readonly provider = 'double';
  readonly modelId: string;
  readonly supportsCompletionMode = true;
  readonly #rules: { pattern: RegExp; outputs: CompiledOutput[] }[];
  readonly #default: CompiledOutput[];
  readonly #latencyMs: number;
  readonly #failures: CompiledFailure[];
  /** Per prompt and seed: the prompt's hash and how many answers it has had. */
  readonly #repeats = new Map<string, { hash: number; count: number }>();
  #callCount = 0;

  constructor(options: ScriptedDoubleOptions) {
    this.modelId = options.modelId ?? 'scripted';
    this.reference = `double:${this.modelId}`;
    this.#rules = options.rules.map((rule, index) => ({
      pattern: compilePattern(rule.match, `rules.${index}.match`),
      outputs: compileOutputs(rule.output),
    }));
    this.#default = compileOutputs(options.default);
    this.#latencyMs = options.latencyMs ?? 0;
    this.#failures = (options.failures ?? []).map((failure, index) => ({
      failure,
      pattern:
        failure.match === undefined
          ? undefined
          : compilePattern(failure.match, `failures.${index}.match`),
      every: failure.every ?? 1,
      considered: 0,
    }));
  }

  /** How many calls reached this double, failed ones included. */
  get callCount(): number {
    return this.#callCount;
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const { prompt, sampling, abortSignal } = request;
    if (abortSignal?.aborted) throw aborted(this.reference, abortSignal);
    this.#callCount++;
    const input = prompt.mode === 'chat' ? lastUserMessage(prompt.messages) : prompt.text;
    // Decide the fault before waiting, so concurrent calls fail in call order.
    const failure = this.#pickFailure(input);
    if (this.#latencyMs > 0) {
      try {
        await delay(this.#latencyMs, undefined, abortSignal ? { signal: abortSignal } : undefined);
      } catch {
        throw aborted(this.reference, abortSignal);
      }
    }
    if (failure !== undefined) throw this.#failureError(failure);
    let outputs = this.#default;
    for (const rule of this.#rules) {
      if (rule.pattern.test(input)) {
        outputs = rule.outputs;
        break;
      }
    }
    const chosen =
      outputs.length === 1
        ? outputs[0]
        : outputs[this.#pickIndex(prompt, sampling.seed, outputs.length)];
    let text =
      chosen === undefined
        ? ''
        : chosen.parts === undefined
          ? chosen.text
          : chosen.parts.join(input);
    let finishReason: FinishReason = 'stop';
    if (sampling.stop !== undefined) text = cutAtStop(text, sampling.stop);
    if (sampling.maxTokens !== undefined) {
      const truncated = truncateTokens(text, sampling.maxTokens);
      if (truncated !== text) {
        text = truncated;
        finishReason = 'length';
      }
    }
    return {
      text,
      usage: {
        inputTokens: countPromptTokens(prompt),
        outputTokens: countWhitespaceTokens(text),
        estimated: false,
      },
      finishReason,
      rawFinishReason: finishReason,
      ...(request.jsonSchema === undefined
        ? {}
        : { warnings: ['the scripted double does not enforce jsonSchema'] }),
    };
  }

  #pickFailure(input: string): ScriptedFailure | undefined {
    for (const compiled of this.#failures) {
      if (compiled.pattern !== undefined && !compiled.pattern.test(input)) continue;
      compiled.considered++;
      if (compiled.considered % compiled.every === 0) return compiled.failure;
    }
    return undefined;
  }

  #failureError(failure: ScriptedFailure): ProviderCallError {
    const message = failure.message ?? 'scripted failure';
    return new ProviderCallError(`${this.reference}: HTTP ${failure.status}: ${message}`, {
      status: failure.status,
      isRetryable: isRetryableStatus(failure.status),
      ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
    });
  }

  #pickIndex(prompt: Prompt, seed: number | undefined, count: number): number {
    const key = `${seed ?? 0}\u0000${promptKey(prompt)}`;
    let entry = this.#repeats.get(key);
    if (entry === undefined) {
      entry = { hash: hashString(key), count: 0 };
      this.#repeats.set(key, entry);
    }
    const index = mix(entry.hash, entry.count) % count;
    entry.count++;
    return index;
  }
}

function compilePattern(pattern: string, field: string): RegExp {
  try {
    return new RegExp(pattern, 'i');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `${field}: not a valid regular expression: ${reason}`,
      {
        problems: [{ code: 'invalid_pattern', path: field.split('.'), message: reason }],
      },
    );
  }
}

function compileOutputs(output: string | string[]): CompiledOutput[] {
  const list = typeof output === 'string' ? [output] : output;
  return list.map((text) => ({
    text,
    parts: text.includes(inputSlot) ? text.split(inputSlot) : undefined,
  }));
}

function lastUserMessage(messages: ChatMessage[]): string {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message?.role === 'user') return message.content;
  }
  return '';
}

function promptKey(prompt: Prompt): string {
  if (prompt.mode === 'completion') return prompt.text;
  let key = '';
  for (const message of prompt.messages) key += `${message.role}\u0001${message.content}\u0002`;
  return key;
}

function countPromptTokens(prompt: Prompt): number {
  if (prompt.mode === 'completion') return countWhitespaceTokens(prompt.text);
  let count = 0;
  for (const message of prompt.messages) count += countWhitespaceTokens(message.content);
  return count;
}

function cutAtStop(text: string, stops: string[]): string {
  let end = text.length;
  for (const stop of stops) {
    if (stop === '') continue;
    const at = text.indexOf(stop);
    if (at !== -1 && at < end) end = at;
  }
  return end === text.length ? text : text.slice(0, end);
}

/** Keeps the first `limit` whitespace-separated words, as a length-limited model would. */
function truncateTokens(text: string, limit: number): string {
  let count = 0;
  let inToken = false;
  for (let index = 0; index < text.length; index++) {
    if (isWhitespaceCode(text.charCodeAt(index))) inToken = false;
    else if (!inToken) {
      if (count === limit) return text.slice(0, index).trimEnd();
      inToken = true;
      count++;
    }
  }
  return text;
}

/** FNV-1a, 32 bits. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Murmur3's finaliser over hash and repeat number: neighbouring repeats land far apart. */
function mix(hash: number, repeat: number): number {
  let value = (hash ^ Math.imul(repeat + 1, 0x9e3779b9)) >>> 0;
  value ^= value >>> 16;
  value = Math.imul(value, 0x85ebca6b);
  value ^= value >>> 13;
  value = Math.imul(value, 0xc2b2ae35);
  value ^= value >>> 16;
  return value >>> 0;
}

function aborted(reference: string, signal: AbortSignal | undefined): TunegateError {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new TunegateError('TIMEOUT', `${reference}: the call timed out`, { isRetryable: true });
  }
  return new TunegateError('ABORTED', `${reference}: the call was aborted`);
}
