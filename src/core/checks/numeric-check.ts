import type { EvalCase } from '../task/eval-case.js';
import { compileTemplate } from '../template/fill-template.js';
import { type Check, type CheckConfigOf, type CheckIdentity, checkResult } from './check.js';
import { parseFirstNumber } from './parse-first-number.js';
import { quoteForReason } from './quote-for-reason.js';

/**
 * Within tolerance, boundary included. A few units of floating-point rounding are forgiven,
 * so 1.1 against 1 with tolerance 0.1 passes as a person would expect.
 */
export function withinTolerance(
  actual: number,
  expected: number,
  tolerance: number,
  relative: boolean,
): boolean {
  const bound = relative ? tolerance * Math.abs(expected) : tolerance;
  const slack = 4 * Number.EPSILON * Math.max(Math.abs(actual), Math.abs(expected), bound);
  return Math.abs(actual - expected) <= bound + slack;
}

/** Compares the first number in the output with the expected number (a template per case). */
export function createNumericCheck(
  config: CheckConfigOf<'numeric'>,
  identity: CheckIdentity,
): Check {
  const expectedOf = compileTemplate(config.expected);
  const describeTolerance = config.relative
    ? `± ${config.tolerance * 100}%`
    : `± ${config.tolerance}`;
  return {
    ...identity,
    run(output: string, evalCase: EvalCase) {
      const expectedText = expectedOf(evalCase.fields);
      const expected = parseFirstNumber(expectedText);
      if (expected === undefined) {
        throw new Error(`expected value ${quoteForReason(expectedText)} is not a number`);
      }
      const actual = parseFirstNumber(output);
      if (actual === undefined) {
        return checkResult(identity, false, { reason: `no number in ${quoteForReason(output)}` });
      }
      if (withinTolerance(actual, expected, config.tolerance, config.relative)) {
        return checkResult(identity, true);
      }
      const reason = `got ${actual}, expected ${expected} ${describeTolerance}`;
      return checkResult(identity, false, { reason });
    },
  };
}
