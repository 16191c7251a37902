import type { ErrorCode } from '../spec/tunegate-error.js';

/** Documented in the README; CI scripts rely on them, so never renumber. */
export const exitCodes = {
  ok: 0,
  internal: 1,
  usage: 2,
  invalidInput: 3,
  configuration: 4,
  notFound: 5,
  /** The run finished, but some calls failed: they are counted apart and never scored. */
  failedCalls: 6,
  interrupted: 130,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'INVALID_ARGUMENT':
      return exitCodes.usage;
    case 'INVALID_TASK':
    case 'INVALID_DATA':
    case 'FILE_NOT_FOUND':
    case 'CONTEXT_OVERFLOW':
      return exitCodes.invalidInput;
    case 'UNKNOWN_PROVIDER':
    case 'MISSING_API_KEY':
    case 'PROVIDER_ERROR':
    case 'RATE_LIMITED':
    case 'TIMEOUT':
      return exitCodes.configuration;
    case 'RUN_NOT_FOUND':
    case 'STORE_ERROR':
      return exitCodes.notFound;
    case 'ABORTED':
      return exitCodes.interrupted;
  }
}
