import { describe, expect, it } from 'vitest';
import type { EvalCase } from '../task/eval-case.js';
import { checkConfigSchema } from '../task/task-schema.js';
import type { CheckConfigOf } from './check.js';
import { createContainsCheck } from './contains-check.js';
import { createNotContainsCheck } from './not-contains-check.js';

const evalCase: EvalCase = { id: 'c1', fields: {}, source: { file: 'eval.jsonl', line: 1 } };
const contains = (input: Record<string, unknown>) =>
  createContainsCheck(
    checkConfigSchema.parse({ type: 'contains', ...input }) as CheckConfigOf<'contains'>,
    { name: 'contains', kind: 'content' },
  );
const notContains = (input: Record<string, unknown>) =>
  createNotContainsCheck(
    checkConfigSchema.parse({ type: 'not-contains', ...input }) as CheckConfigOf<'not-contains'>,
    { name: 'not-contains', kind: 'content' },
  );

describe('contains check', () => {
  it('passes when any value occurs, ignoring case by default', () => {
    const check = contains({ value: ['cat', 'dog'] });
    expect(check.run('A Dog barked', evalCase)).toEqual({
      name: 'contains',
      kind: 'content',
      pass: true,
    });
    expect(check.run('A bird sang', evalCase)).toMatchObject({
      pass: false,
      reason: 'contains none of "cat", "dog"',
    });
  });

  it('requires every value with all: true and names the missing ones', () => {
    const check = contains({ value: ['cat', 'dog', 'owl'], all: true });
    expect(check.run('cat, dog and owl', evalCase)).toMatchObject({ pass: true });
    expect(check.run('only a cat', evalCase)).toMatchObject({
      pass: false,
      reason: 'missing "dog", "owl"',
    });
  });

  it('accepts a single value and respects caseSensitive', () => {
    expect(contains({ value: 'ÖL' }).run('kein öl', evalCase)).toMatchObject({ pass: true });
    const sensitive = contains({ value: 'dog', caseSensitive: true });
    expect(sensitive.run('Dog', evalCase)).toMatchObject({ pass: false });
    expect(sensitive.run('hotdog', evalCase)).toMatchObject({ pass: true });
  });

  it('fails on empty output', () => {
    expect(contains({ value: 'a' }).run('', evalCase)).toMatchObject({ pass: false });
  });
});

describe('not-contains check', () => {
  it('fails naming every value found', () => {
    const check = notContains({ value: ['as an AI', 'sorry', 'cannot'] });
    expect(check.run('Sorry, as an AI model I', evalCase)).toEqual({
      name: 'not-contains',
      kind: 'content',
      pass: false,
      reason: 'contains "as an AI", "sorry"',
    });
    expect(check.run('Here is the summary.', evalCase)).toMatchObject({ pass: true });
  });

  it('respects caseSensitive and passes on empty output', () => {
    const sensitive = notContains({ value: 'sorry', caseSensitive: true });
    expect(sensitive.run('Sorry!', evalCase)).toMatchObject({ pass: true });
    expect(notContains({ value: 'x' }).run('', evalCase)).toMatchObject({ pass: true });
  });
});
