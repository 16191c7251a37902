import { TunegateError } from '../../spec/tunegate-error.js';

/**
 * A configuration problem found while creating a check. `path` is relative to the check's
 * entry; createChecks prefixes it with ["checks", index] and adds the task file.
 */
export function checkProblem(
  checkName: string,
  path: (string | number)[],
  message: string,
  cause?: unknown,
): TunegateError {
  const text = `check "${checkName}": ${message}`;
  return new TunegateError('INVALID_TASK', text, {
    problems: [{ code: 'invalid-check', path, message: text }],
    cause,
  });
}
