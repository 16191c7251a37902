import { ZodError } from 'zod';
import { type ErrorCode, TunegateError } from '../../spec/tunegate-error.js';
import type { ApiErrorBody } from '../api-contract.js';
import { WebHttpError } from './web-http-error.js';

const statusOfCode: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  INVALID_TASK: 422,
  INVALID_DATA: 422,
  CONTEXT_OVERFLOW: 422,
  FILE_NOT_FOUND: 404,
  RUN_NOT_FOUND: 404,
  UNKNOWN_PROVIDER: 400,
  MISSING_API_KEY: 400,
  PROVIDER_ERROR: 502,
  RATE_LIMITED: 429,
  TIMEOUT: 504,
  STORE_ERROR: 500,
  ABORTED: 409,
};

export interface ErrorResponse {
  status: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
  /** Unexpected: worth a log line with the stack. */
  internal: boolean;
}

/** The one place errors become HTTP answers; an unexpected error never shows its details. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof WebHttpError) {
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, problems: error.problems } },
      headers: error.headers,
      internal: false,
    };
  }
  if (error instanceof ZodError) {
    const problems = error.issues.map((issue) => ({
      code: issue.code,
      message: issue.message,
      path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    }));
    const first = problems[0];
    const message = first
      ? `invalid request: ${first.path.join('.') || '(body)'}: ${first.message}`
      : 'invalid request';
    return {
      status: 400,
      body: { error: { code: 'invalid_request', message, problems } },
      headers: {},
      internal: false,
    };
  }
  if (error instanceof TunegateError) {
    return {
      status: statusOfCode[error.code],
      body: {
        error: { code: error.code.toLowerCase(), message: error.message, problems: error.problems },
      },
      headers: {},
      internal: false,
    };
  }
  return {
    status: 500,
    body: {
      error: {
        code: 'internal',
        message: 'internal error: the server log has the details',
        problems: [],
      },
    },
    headers: {},
    internal: true,
  };
}
