import { APICallError, RetryError } from 'ai';
import { ProviderCallError, TunegateError } from '../spec/tunegate-error.js';
import { isRetryableStatus } from './is-retryable-status.js';
import { parseRetryAfter } from './parse-retry-after.js';

export interface ErrorContext {
  /** The `provider:model` reference, to say which model failed. */
  reference: string;
  /** Strips credentials from any text taken from the provider's reply. */
  redact: (text: string) => string;
  abortSignal?: AbortSignal | undefined;
}

const snippetLength = 300;

/**
 * Turns whatever the AI SDK threw into our typed errors. Messages are built here from the
 * status and a trimmed response body, never from the SDK's message (which may quote the request),
 * and the SDK error is not kept as `cause` since it carries the request body.
 */
export function toProviderCallError(error: unknown, context: ErrorContext): TunegateError {
  if (error instanceof TunegateError) return error;
  const { reference } = context;
  if (RetryError.isInstance(error)) return toProviderCallError(error.lastError, context);
  if (isAbort(error) || context.abortSignal?.aborted) {
    const reason: unknown = context.abortSignal?.reason;
    const timedOut =
      (reason instanceof Error && reason.name === 'TimeoutError') ||
      (error instanceof Error && error.name === 'TimeoutError');
    return timedOut
      ? new TunegateError('TIMEOUT', `${reference}: the call timed out`, { isRetryable: true })
      : new TunegateError('ABORTED', `${reference}: the call was aborted`);
  }
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === undefined) {
      const why = error.cause instanceof Error ? error.cause.message : 'no response';
      return new ProviderCallError(
        `${reference}: could not reach ${originOf(error.url)}: ${context.redact(why)}`,
        { isRetryable: true },
      );
    }
    const retryAfterMs = parseRetryAfter(error.responseHeaders);
    const body = describeBody(error.responseBody, context.redact);
    return new ProviderCallError(`${reference}: HTTP ${status}${body ? `: ${body}` : ''}`, {
      status,
      isRetryable: isRetryableStatus(status),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) {
    return new ProviderCallError(`${reference}: network error: ${context.redact(error.message)}`, {
      isRetryable: true,
    });
  }
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderCallError(`${reference}: ${name}: ${trim(context.redact(message))}`, {
    isRetryable: false,
  });
}

function isAbort(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'AbortError' ||
      error.name === 'TimeoutError' ||
      error.name === 'ResponseAborted')
  );
}

/** Prefers the OpenAI/Anthropic-style `error.message`, else the raw body, trimmed. */
function describeBody(body: string | undefined, redact: (text: string) => string): string {
  if (body === undefined || body.trim() === '') return '';
  let text = body;
  try {
    const parsed: unknown = JSON.parse(body);
    const message = findErrorMessage(parsed);
    if (message !== undefined) text = message;
  } catch {
    // Not JSON: show the raw text.
  }
  return trim(redact(text.replace(/\s+/g, ' ').trim()));
}

function findErrorMessage(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const inner = record.error;
  if (typeof inner === 'string') return inner;
  if (typeof inner === 'object' && inner !== null) {
    const message = (inner as Record<string, unknown>).message;
    if (typeof message === 'string') return message;
  }
  return typeof record.message === 'string' ? record.message : undefined;
}

function trim(text: string): string {
  return text.length > snippetLength ? `${text.slice(0, snippetLength)}…` : text;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the provider';
  }
}
