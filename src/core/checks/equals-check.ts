import type { EvalCase } from '../task/eval-case.js';
import { compileTemplate } from '../template/fill-template.js';
import { type Check, type CheckConfigOf, type CheckIdentity, checkResult } from './check.js';
import { normalizeText } from './normalize-text.js';
import { quoteForReason } from './quote-for-reason.js';

/** Passes when the normalised output equals the normalised expected template, filled per case. */
export function createEqualsCheck(config: CheckConfigOf<'equals'>, identity: CheckIdentity): Check {
  const expectedOf = compileTemplate(config.expected);
  return {
    ...identity,
    run(output: string, evalCase: EvalCase) {
      const expected = expectedOf(evalCase.fields);
      if (normalizeText(output, config.normalize) === normalizeText(expected, config.normalize)) {
        return checkResult(identity, true);
      }
      const reason = `expected ${quoteForReason(expected)}, got ${quoteForReason(output)}`;
      return checkResult(identity, false, { reason });
    },
  };
}
