import { formatProblem, type Problem } from './problem.js';

/** Stable error codes; the CLI maps them to exit codes. */
export type ErrorCode =
  | 'INVALID_TASK'
  | 'INVALID_DATA'
  | 'FILE_NOT_FOUND'
  | 'UNKNOWN_PROVIDER'
  | 'MISSING_API_KEY'
  | 'PROVIDER_ERROR'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  | 'RUN_NOT_FOUND'
  | 'INVALID_ARGUMENT'
  | 'STORE_ERROR'
  | 'CONTEXT_OVERFLOW'
  | 'ABORTED';

export class TunegateError extends Error {
  readonly code: ErrorCode;
  readonly problems: Problem[];
  readonly isRetryable: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    options: { problems?: Problem[]; isRetryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TunegateError';
    this.code = code;
    this.problems = options.problems ?? [];
    this.isRetryable = options.isRetryable ?? false;
  }

  static fromProblems(code: ErrorCode, problems: Problem[]): TunegateError {
    const first = problems[0];
    const headline = first ? formatProblem(first) : 'invalid input';
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    return new TunegateError(code, `${headline}${more}`, { problems });
  }
}

/** A provider call failed; `retryAfterMs` comes from a Retry-After header when present. */
export class ProviderCallError extends TunegateError {
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    options: { status?: number; retryAfterMs?: number; isRetryable: boolean; cause?: unknown },
  ) {
    super(options.status === 429 ? 'RATE_LIMITED' : 'PROVIDER_ERROR', message, options);
    this.name = 'ProviderCallError';
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}
