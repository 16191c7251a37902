import { describe, expect, it } from 'vitest';
import type { ContextMeter } from '../../spec/context-meter.js';
import type { Prompt } from '../../spec/prompt.js';
import type { SamplingOptions } from '../../spec/sampling-options.js';
import type { EvalCase } from '../task/eval-case.js';
import { analyzeContextFit, type ContextFitPlan } from './context-fit.js';

const words = (text: string) => text.split(/\s+/).filter((word) => word !== '').length;

/** One token a word; a chat message costs 2 more (hand-countable framing). */
function wordMeter(
  contextSize: number,
  maxTokensBeyondRoom: ContextMeter['maxTokensBeyondRoom'],
  exact = true,
): ContextMeter {
  return {
    contextSize,
    method: 'one token a word',
    exact,
    maxTokensBeyondRoom,
    promptTokens: (prompt: Prompt) =>
      prompt.mode === 'completion'
        ? words(prompt.text)
        : prompt.messages.reduce((sum, message) => sum + words(message.content) + 2, 0),
    answerTokens: words,
  };
}

function evalCase(id: string, input: string, expected?: string): EvalCase {
  return {
    id,
    fields: expected === undefined ? { input } : { input, expected },
    source: { file: 'eval.jsonl', line: 1 },
  };
}

// Prompt tokens: short = 1 + input words; long = 7 + input words.
const cases = [
  evalCase('c1', 'one', 'yes'), // short 2, long 8; answer 1
  evalCase('c2', 'one two three', 'a b c d'), // short 4, long 10; answer 4
  evalCase('c3', 'x x x x x x x', 'no'), // short 8, long 14; answer 1
  evalCase('c4', 'p p p p p p p', 'a b c'), // short 8, long 14; answer 3
  evalCase('c5', 'none'), // short 2, long 8; no expected answer
];

function plan(points: SamplingOptions[]): ContextFitPlan {
  const completion = (text: string): Prompt => ({ mode: 'completion', text });
  return {
    cases,
    answerField: 'expected',
    variants: [
      {
        config: { name: 'short' },
        render: (item) => completion(`Q: ${item.fields.input}`),
        points,
      },
      {
        config: { name: 'long' },
        render: (item) =>
          completion(`Six words of instruction come first. Q: ${item.fields.input}`),
        points,
      },
    ],
  };
}

describe('analyzeContextFit', () => {
  it('finds overflowing prompts, cut answers and a short maxTokens, worst first', () => {
    const findings = analyzeContextFit(plan([{ maxTokens: 3 }]), [
      { name: 'local:tiny', meter: wordMeter(10, 'clipped') },
    ]);
    expect(findings.map((finding) => [finding.kind, finding.variants])).toEqual([
      ['answer-cut', ['short']],
      ['prompt-overflow', ['long']],
      ['max-tokens-short', ['short', 'long']],
    ]);
    const [cut, overflow, short] = findings;
    // short: c4's prompt of 8 leaves 2 of 10 for an answer of 3; c3 (answer 1) still fits.
    expect(cut?.worst).toEqual([{ caseId: 'c4', promptTokens: 8, answerTokens: 3 }]);
    expect(cut?.message).toBe(
      "variant short on local:tiny: prompt of case c4 is 8 tokens, leaving 2 of the context's 10 for its expected answer of 3 tokens (1 of 5 cases leave too little room)",
    );
    // long: 10 + 1, 14 + 1 and 14 + 1 exceed 10; c1 and c5 (8 + 1) fit.
    expect(overflow?.worst.map((item) => [item.caseId, item.promptTokens])).toEqual([
      ['c3', 14],
      ['c4', 14],
      ['c2', 10],
    ]);
    expect([overflow?.affectedCases, overflow?.totalCases, overflow?.maxTokens]).toEqual([
      3,
      5,
      null,
    ]);
    expect(overflow?.message).toBe(
      'variant long on local:tiny: prompt of case c3 is 14 tokens, the context holds 10 (3 of 5 cases overflow; next worst: c4 at 14 tokens, c2 at 10 tokens)',
    );
    // Only c2's answer (4 words) is longer than 3; c5 has no expected answer.
    expect([short?.affectedCases, short?.totalCases, short?.maxTokens]).toEqual([1, 4, 3]);
    expect(short?.message).toBe(
      'maxTokens 3 is shorter than the longest expected answer (4 tokens, case c2) for local:tiny (variants short, long; 1 of 4 expected answers are longer)',
    );
  });

  it('reserves the largest maxTokens where the engine refuses what does not fit', () => {
    const findings = analyzeContextFit(plan([{ maxTokens: 2 }, { maxTokens: 4 }]), [
      { name: 'api', meter: wordMeter(11, 'rejected', false) },
    ]);
    const overflow = findings.filter((finding) => finding.kind === 'prompt-overflow');
    // short + 4: c3 and c4 need 12 > 11; c2 needs 8. long: all but c1 and c5 (8 + 4 = 12 > 11 too).
    expect(overflow.map((finding) => [finding.variants[0], finding.affectedCases])).toEqual([
      ['short', 2],
      ['long', 5],
    ]);
    expect(overflow[0]?.message).toBe(
      'variant short on api: prompt of case c3 is about 8 tokens, with maxTokens 4 it needs 12 and the context holds 11 (2 of 5 cases overflow; next worst: c4 at about 8 tokens)',
    );
    // maxTokens 2: c2 (4) and c4 (3) are longer; maxTokens 4: none.
    const short = findings.filter((finding) => finding.kind === 'max-tokens-short');
    expect(short.map((finding) => [finding.maxTokens, finding.affectedCases])).toEqual([[2, 2]]);
    expect(short[0]?.worst.map((item) => item.caseId)).toEqual(['c2', 'c4']);
  });

  it('counts a prompt that fills the context exactly as overflowing: no token is left to answer', () => {
    const findings = analyzeContextFit(plan([{}]), [
      { name: 'local:tiny', meter: wordMeter(8, 'clipped') },
    ]);
    const short = findings.find(
      (finding) => finding.kind === 'prompt-overflow' && finding.variants[0] === 'short',
    );
    expect(short?.worst.map((item) => item.caseId)).toEqual(['c3', 'c4']);
    expect(short?.message).toContain(
      'prompt of case c3 is 8 tokens, the context holds 8, which leaves no room for an answer',
    );
    // No maxTokens set: nothing to compare the answers with.
    expect(findings.some((finding) => finding.kind === 'max-tokens-short')).toBe(false);
  });

  it('finds nothing when every prompt and answer fits', () => {
    const findings = analyzeContextFit(plan([{ maxTokens: 4 }]), [
      { name: 'roomy', meter: wordMeter(100, 'rejected') },
    ]);
    expect(findings).toEqual([]);
  });

  it('counts chat prompts with their framing', () => {
    const chat: ContextFitPlan = {
      cases: [evalCase('c1', 'one two', 'yes')],
      answerField: 'expected',
      variants: [
        {
          config: { name: 'chat' },
          render: (item) => ({
            mode: 'chat',
            messages: [
              { role: 'system', content: 'Be brief.' },
              { role: 'user', content: String(item.fields.input) },
            ],
          }),
          points: [{}],
        },
      ],
    };
    // (2 + 2) + (2 + 2) = 8 tokens: fits 9, overflows 8.
    expect(analyzeContextFit(chat, [{ name: 'm', meter: wordMeter(9, 'clipped') }])).toEqual([]);
    const [finding] = analyzeContextFit(chat, [{ name: 'm', meter: wordMeter(8, 'clipped') }]);
    expect(finding?.worst).toEqual([{ caseId: 'c1', promptTokens: 8, answerTokens: 1 }]);
  });
});
