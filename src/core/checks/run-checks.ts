import type { CheckResult } from '../../spec/check-result.js';
import type { EvalCase } from '../task/eval-case.js';
import type { Check } from './check.js';

/** Runs every check concurrently, in order; never throws: a throwing check fails with its error. */
export async function runChecks(
  checks: Check[],
  output: string,
  evalCase: EvalCase,
): Promise<CheckResult[]> {
  return Promise.all(
    checks.map(async (check): Promise<CheckResult> => {
      try {
        return await check.run(output, evalCase);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return {
          name: check.name,
          kind: check.kind,
          pass: false,
          reason: `check error: ${detail}`,
        };
      }
    }),
  );
}
