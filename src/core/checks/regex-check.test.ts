import { describe, expect, it } from 'vitest';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { EvalCase } from '../task/eval-case.js';
import { checkConfigSchema } from '../task/task-schema.js';
import type { CheckConfigOf } from './check.js';
import { createRegexCheck } from './regex-check.js';

const evalCase: EvalCase = { id: 'c1', fields: {}, source: { file: 'eval.jsonl', line: 1 } };
const make = (input: Record<string, unknown>) =>
  createRegexCheck(checkConfigSchema.parse({ type: 'regex', ...input }) as CheckConfigOf<'regex'>, {
    name: 'phone',
    kind: 'format',
  });

describe('regex check', () => {
  it('passes on a match and explains a miss', () => {
    const check = make({ pattern: '^\\d{3}-\\d{4}$' });
    expect(check.run('555-1234', evalCase)).toEqual({ name: 'phone', kind: 'format', pass: true });
    expect(check.run('555-12345', evalCase)).toEqual({
      name: 'phone',
      kind: 'format',
      pass: false,
      reason: '"555-12345" does not match /^\\d{3}-\\d{4}$/',
    });
  });

  it('gives the same answer twice with the global flag', () => {
    const check = make({ pattern: 'yes', flags: 'gi' });
    expect(check.run('YES', evalCase)).toMatchObject({ pass: true });
    expect(check.run('YES', evalCase)).toMatchObject({ pass: true });
  });

  it('supports Unicode property escapes and empty output', () => {
    expect(make({ pattern: '^\\p{Lu}', flags: 'u' }).run('Élan', evalCase)).toMatchObject({
      pass: true,
    });
    expect(make({ pattern: '^$' }).run('', evalCase)).toMatchObject({ pass: true });
    expect(make({ pattern: '\\S' }).run('', evalCase)).toMatchObject({ pass: false });
  });

  it('rejects an invalid pattern at creation, naming the check', () => {
    try {
      make({ pattern: '(unclosed' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TunegateError);
      expect((error as TunegateError).code).toBe('INVALID_TASK');
      expect((error as TunegateError).message).toMatch(
        /^check "phone": invalid regular expression/,
      );
      expect((error as TunegateError).problems[0]?.path).toEqual(['pattern']);
    }
  });
});
