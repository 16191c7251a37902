import { describe, expect, it } from 'vitest';
import {
  describeAnswers,
  diversityApplicability,
  SHORT_ANSWER_WORDS,
} from './diversity-applicability.js';

const byCase = (entries: [string, string[]][]) => new Map(entries);

describe('diversityApplicability', () => {
  it('does not apply to label outputs, whatever their length', () => {
    const result = diversityApplicability(
      byCase([
        ['c1', ['not enough information here at all', 'spam']],
        ['c2', ['not enough information here at all']],
      ]),
      { labelOutputs: true },
    );
    expect(result.applies).toBe(false);
    expect(result.reason).toBe('label outputs');
  });

  it(`does not apply when the median answered output has at most ${SHORT_ANSWER_WORDS} words`, () => {
    // Words 1, 1, 3, 5, 2: median 2.
    const short = diversityApplicability(
      byCase([
        ['c1', ['Yes', 'yes.']],
        ['c2', ['no, not really', 'it depends on the weather']],
        ['c3', ['Paris, France']],
      ]),
    );
    expect([short.applies, short.medianWords, short.reason]).toEqual([
      false,
      2,
      'short answers (median 2 words)',
    ]);
    // Words 3, 4: median 3.5, over the rule.
    const sentences = diversityApplicability(
      byCase([['c1', ['one two three', 'one two three four']]]),
    );
    expect([sentences.applies, sentences.medianWords, sentences.reason]).toEqual([true, 3.5, null]);
  });

  it('measures the answer spread across inputs from the first answer of each case', () => {
    const result = diversityApplicability(
      byCase([
        ['c1', ['spam', 'ham']],
        ['c2', [' Spam ']],
        ['c3', ['ham']],
        ['c4', ['SPAM']],
      ]),
      { labelOutputs: true },
    );
    expect(result.answers).toEqual({ inputs: 4, distinct: 2, modalShare: 0.75 });
    expect(describeAnswers(result)).toBe('2 distinct answers over 4 inputs, the most common 75%');
  });

  it('applies with no answers (there is nothing short to judge)', () => {
    const result = diversityApplicability(new Map());
    expect([result.applies, result.medianWords, result.answers]).toEqual([true, null, null]);
  });
});
