import { type Check, type CheckConfigOf, type CheckIdentity, checkResult } from './check.js';
import { checkProblem } from './check-problem.js';
import { quoteForReason } from './quote-for-reason.js';

/** Passes when the pattern matches somewhere in the output; compiled once. */
export function createRegexCheck(config: CheckConfigOf<'regex'>, identity: CheckIdentity): Check {
  let pattern: RegExp;
  try {
    pattern = new RegExp(config.pattern, config.flags);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw checkProblem(identity.name, ['pattern'], `invalid regular expression: ${detail}`, error);
  }
  return {
    ...identity,
    run(output: string) {
      // With the g or y flag, test() resumes from lastIndex; every output starts afresh.
      pattern.lastIndex = 0;
      if (pattern.test(output)) return checkResult(identity, true);
      const reason = `${quoteForReason(output)} does not match /${config.pattern}/${config.flags ?? ''}`;
      return checkResult(identity, false, { reason });
    },
  };
}
