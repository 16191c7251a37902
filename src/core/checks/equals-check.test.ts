import { describe, expect, it } from 'vitest';
import type { EvalCase } from '../task/eval-case.js';
import { checkConfigSchema } from '../task/task-schema.js';
import type { CheckConfigOf } from './check.js';
import { createEqualsCheck } from './equals-check.js';

const identity = { name: 'equals', kind: 'content' } as const;
const evalCase = (fields: Record<string, unknown>): EvalCase => ({
  id: 'c1',
  fields,
  source: { file: 'eval.jsonl', line: 1 },
});
const make = (input: Record<string, unknown> = {}) =>
  createEqualsCheck(
    checkConfigSchema.parse({ type: 'equals', ...input }) as CheckConfigOf<'equals'>,
    identity,
  );

describe('equals check', () => {
  it('compares with the expected field after default normalisation', () => {
    const check = make();
    expect(check.run('  PARIS \n', evalCase({ expected: 'Paris' }))).toEqual({
      name: 'equals',
      kind: 'content',
      pass: true,
    });
    expect(check.run('ZÜRICH', evalCase({ expected: 'zürich' }))).toMatchObject({ pass: true });
  });

  it('explains a mismatch with both values', () => {
    expect(make().run('London', evalCase({ expected: 'Paris' }))).toEqual({
      name: 'equals',
      kind: 'content',
      pass: false,
      reason: 'expected "Paris", got "London"',
    });
  });

  it('keeps punctuation unless stripPunctuation is set', () => {
    expect(make().run('Paris.', evalCase({ expected: 'Paris' }))).toMatchObject({ pass: false });
    const stripping = make({ normalize: { stripPunctuation: true } });
    expect(stripping.run('"Paris."', evalCase({ expected: 'Paris' }))).toMatchObject({
      pass: true,
    });
  });

  it('honours case when caseFold is off', () => {
    const strict = make({ normalize: { caseFold: false } });
    expect(strict.run('paris', evalCase({ expected: 'Paris' }))).toMatchObject({ pass: false });
  });

  it('fills a custom expected template, stringifying numbers', () => {
    const check = make({ expected: 'The answer is {{answer}}' });
    expect(check.run('the answer is 42', evalCase({ answer: 42 }))).toMatchObject({ pass: true });
  });

  it('handles empty output', () => {
    expect(make().run('', evalCase({ expected: '' }))).toMatchObject({ pass: true });
    expect(make().run('', evalCase({ expected: 'x' }))).toMatchObject({
      pass: false,
      reason: 'expected "x", got ""',
    });
  });

  it('throws when the expected field is missing (runChecks reports it)', () => {
    expect(() => make().run('x', evalCase({}))).toThrow(/"expected"/);
  });
});
