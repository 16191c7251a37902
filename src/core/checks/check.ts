import type { CheckKind, CheckResult } from '../../spec/check-result.js';
import type { EvalCase } from '../task/eval-case.js';
import type { CheckConfig } from '../task/task-schema.js';

/** One acceptance criterion, ready to run against a model output. */
export interface Check {
  name: string;
  kind: CheckKind;
  run(output: string, evalCase: EvalCase): CheckResult | Promise<CheckResult>;
}

/** The configuration of one check type, e.g. `CheckConfigOf<'regex'>`. */
export type CheckConfigOf<T extends CheckConfig['type']> = Extract<CheckConfig, { type: T }>;

/** The name and kind every result of a check carries. */
export interface CheckIdentity {
  name: string;
  kind: CheckKind;
}

/** Builds a result with the check's identity; `reason` and `score` only when given. */
export function checkResult(
  identity: CheckIdentity,
  pass: boolean,
  details: { reason?: string | undefined; score?: number | undefined } = {},
): CheckResult {
  const result: CheckResult = { name: identity.name, kind: identity.kind, pass };
  if (details.score !== undefined) result.score = details.score;
  if (details.reason !== undefined) result.reason = details.reason;
  return result;
}
