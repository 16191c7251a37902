import { tokenizeWords as wordTokens } from '../metrics/tokenize-words.js';
import { type Check, type CheckConfigOf, type CheckIdentity, checkResult } from './check.js';
import { checkProblem } from './check-problem.js';

/**
 * Sentence rule: a sentence ends at a run of . ! ? followed by whitespace or the end of the
 * text, or at a run of the full-width 。！？ anywhere (CJK text puts no space after them).
 * Segments that are empty after trimming are not counted, so "" has 0 sentences and text
 * without a terminator has 1.
 */
const sentenceEnd = /[.!?]+(?=\s|$)|[。！？]+/u;

export function countSentences(text: string): number {
  return text.split(sentenceEnd).filter((segment) => segment.trim() !== '').length;
}

const measures = {
  /** Unicode code points, so an emoji or "é" counts once. */
  characters: (text: string) => [...text].length,
  words: (text: string) => wordTokens(text).length,
  sentences: countSentences,
} as const;

/** Passes when the output's length in the configured unit lies within [min, max], inclusive. */
export function createLengthCheck(config: CheckConfigOf<'length'>, identity: CheckIdentity): Check {
  const { min, max, unit } = config;
  if (min === undefined && max === undefined) {
    throw checkProblem(identity.name, [], 'set min, max or both');
  }
  if (min !== undefined && max !== undefined && min > max) {
    throw checkProblem(identity.name, ['min'], `min ${min} is above max ${max}`);
  }
  const measure = measures[unit];
  return {
    ...identity,
    run(output: string) {
      const length = measure(output);
      if (min !== undefined && length < min) {
        return checkResult(identity, false, {
          reason: `${length} ${unit}, expected at least ${min}`,
        });
      }
      if (max !== undefined && length > max) {
        return checkResult(identity, false, {
          reason: `${length} ${unit}, expected at most ${max}`,
        });
      }
      return checkResult(identity, true);
    },
  };
}
