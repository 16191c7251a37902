import { type Check, type CheckConfigOf, type CheckIdentity, checkResult } from './check.js';
import { quoteForReason } from './quote-for-reason.js';

/** Passes when the output contains any of the values (or all, with `all: true`). */
export function createContainsCheck(
  config: CheckConfigOf<'contains'>,
  identity: CheckIdentity,
): Check {
  const fold = (text: string) => (config.caseSensitive ? text : text.toLowerCase());
  const values = config.value.map((value) => ({ value, folded: fold(value) }));
  return {
    ...identity,
    run(output: string) {
      const haystack = fold(output);
      const missing = values.filter(({ folded }) => !haystack.includes(folded));
      const pass = config.all ? missing.length === 0 : missing.length < values.length;
      if (pass) return checkResult(identity, true);
      const quoted = missing.map(({ value }) => quoteForReason(value)).join(', ');
      const reason = config.all ? `missing ${quoted}` : `contains none of ${quoted}`;
      return checkResult(identity, false, { reason });
    },
  };
}
