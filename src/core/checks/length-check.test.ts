import { describe, expect, it } from 'vitest';
import type { EvalCase } from '../task/eval-case.js';
import { checkConfigSchema } from '../task/task-schema.js';
import type { CheckConfigOf } from './check.js';
import { countSentences, createLengthCheck } from './length-check.js';

const evalCase: EvalCase = { id: 'c1', fields: {}, source: { file: 'eval.jsonl', line: 1 } };
const make = (input: Record<string, unknown>) =>
  createLengthCheck(
    checkConfigSchema.parse({ type: 'length', ...input }) as CheckConfigOf<'length'>,
    { name: 'length', kind: 'format' },
  );

describe('countSentences', () => {
  it('splits on . ! ? before whitespace or the end', () => {
    expect(countSentences('Hello world. How are you? Fine!')).toBe(3);
    expect(countSentences('Version 2.5 is out. See e.g.the notes')).toBe(2);
    expect(countSentences('Wait... what?!')).toBe(2);
  });

  it('splits on full-width terminators without a following space', () => {
    expect(countSentences('你好。谢谢！再见？')).toBe(3);
  });

  it('counts text without a terminator as one sentence and blank text as none', () => {
    expect(countSentences('No terminator here')).toBe(1);
    expect(countSentences('')).toBe(0);
    expect(countSentences('  ')).toBe(0);
    expect(countSentences('...')).toBe(0);
  });
});

describe('length check', () => {
  it('counts characters as code points, with inclusive bounds', () => {
    // h é l l o, space, one emoji: 7 code points (8 UTF-16 units).
    expect(make({ unit: 'characters', min: 7, max: 7 }).run('héllo 👋', evalCase)).toEqual({
      name: 'length',
      kind: 'format',
      pass: true,
    });
    expect(make({ unit: 'characters', max: 6 }).run('héllo 👋', evalCase)).toEqual({
      name: 'length',
      kind: 'format',
      pass: false,
      reason: '7 characters, expected at most 6',
    });
  });

  it('counts Unicode words', () => {
    // The project's stated word tokenisation (src/core/metrics/tokenize-words.ts) keeps inner
    // apostrophes: don't, stop, me, now, grüße → 5 words; the dash is not a word.
    const check = make({ unit: 'words', min: 5, max: 5 });
    expect(check.run("don't stop-me now — Grüße", evalCase)).toMatchObject({ pass: true });
    expect(
      make({ unit: 'words', min: 6 }).run("don't stop-me now — Grüße", evalCase),
    ).toMatchObject({ pass: false, reason: '5 words, expected at least 6' });
  });

  it('counts sentences', () => {
    const check = make({ unit: 'sentences', max: 2 });
    expect(check.run('One. Two.', evalCase)).toMatchObject({ pass: true });
    expect(check.run('One. Two. Three.', evalCase)).toMatchObject({
      pass: false,
      reason: '3 sentences, expected at most 2',
    });
  });

  it('measures empty output as zero', () => {
    expect(make({ unit: 'words', min: 1 }).run('', evalCase)).toMatchObject({
      pass: false,
      reason: '0 words, expected at least 1',
    });
    expect(make({ unit: 'characters', max: 0 }).run('', evalCase)).toMatchObject({ pass: true });
  });

  it('rejects a check without bounds or with min above max', () => {
    expect(() => make({ unit: 'words' })).toThrow(/set min, max or both/);
    expect(() => make({ unit: 'words', min: 5, max: 2 })).toThrow(/min 5 is above max 2/);
  });
});
