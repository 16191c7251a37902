import { type Check, type CheckConfigOf, type CheckIdentity, checkResult } from './check.js';
import { quoteForReason } from './quote-for-reason.js';

/** Passes when the output contains none of the values. */
export function createNotContainsCheck(
  config: CheckConfigOf<'not-contains'>,
  identity: CheckIdentity,
): Check {
  const fold = (text: string) => (config.caseSensitive ? text : text.toLowerCase());
  const values = config.value.map((value) => ({ value, folded: fold(value) }));
  return {
    ...identity,
    run(output: string) {
      const haystack = fold(output);
      const found = values.filter(({ folded }) => haystack.includes(folded));
      if (found.length === 0) return checkResult(identity, true);
      const reason = `contains ${found.map(({ value }) => quoteForReason(value)).join(', ')}`;
      return checkResult(identity, false, { reason });
    },
  };
}
