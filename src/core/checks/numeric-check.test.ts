import { describe, expect, it } from 'vitest';
import type { EvalCase } from '../task/eval-case.js';
import { checkConfigSchema } from '../task/task-schema.js';
import type { CheckConfigOf } from './check.js';
import { createNumericCheck, withinTolerance } from './numeric-check.js';
import { parseFirstNumber } from './parse-first-number.js';

const evalCase = (expected: unknown): EvalCase => ({
  id: 'c1',
  fields: { expected },
  source: { file: 'eval.jsonl', line: 1 },
});
const make = (input: Record<string, unknown> = {}) =>
  createNumericCheck(
    checkConfigSchema.parse({ type: 'numeric', ...input }) as CheckConfigOf<'numeric'>,
    { name: 'numeric', kind: 'content' },
  );

describe('parseFirstNumber', () => {
  it('reads integers, decimals, signs and exponents', () => {
    expect(parseFirstNumber('The answer is 42.')).toBe(42);
    expect(parseFirstNumber('-3.5e2 units')).toBe(-350);
    expect(parseFirstNumber('about .5 of it')).toBe(0.5);
    expect(parseFirstNumber('\u22127 degrees')).toBe(-7);
    expect(parseFirstNumber('+8')).toBe(8);
  });

  it('reads thousands separators only in groups of three', () => {
    expect(parseFirstNumber('Total: 1,234.5 USD')).toBe(1234.5);
    expect(parseFirstNumber('x12,345,678y')).toBe(12345678);
    expect(parseFirstNumber('1,2')).toBe(1);
    expect(parseFirstNumber('1234,567')).toBe(1234);
  });

  it('returns undefined without a number', () => {
    expect(parseFirstNumber('none')).toBeUndefined();
    expect(parseFirstNumber('')).toBeUndefined();
  });
});

describe('withinTolerance', () => {
  it('includes the boundary despite floating-point rounding', () => {
    expect(withinTolerance(1.1, 1, 0.1, false)).toBe(true);
    expect(withinTolerance(0.9, 1, 0.1, false)).toBe(true);
    expect(withinTolerance(1.1000001, 1, 0.1, false)).toBe(false);
    expect(withinTolerance(0.3, 0.1 + 0.2, 0, false)).toBe(true);
  });

  it('scales a relative tolerance by the expected value', () => {
    expect(withinTolerance(210, 200, 0.05, true)).toBe(true);
    expect(withinTolerance(190, 200, 0.05, true)).toBe(true);
    expect(withinTolerance(210.01, 200, 0.05, true)).toBe(false);
    expect(withinTolerance(0, 0, 0.05, true)).toBe(true);
    expect(withinTolerance(0.001, 0, 0.05, true)).toBe(false);
  });
});

describe('numeric check', () => {
  it('compares the first number with an absolute tolerance, boundary included', () => {
    const check = make({ tolerance: 0.1 });
    expect(check.run('It is 100.1 kg', evalCase(100))).toEqual({
      name: 'numeric',
      kind: 'content',
      pass: true,
    });
    expect(check.run('100.11', evalCase(100))).toEqual({
      name: 'numeric',
      kind: 'content',
      pass: false,
      reason: 'got 100.11, expected 100 ± 0.1',
    });
  });

  it('uses exact equality by default and parses formatted expected values', () => {
    expect(make().run('-5', evalCase(-5))).toMatchObject({ pass: true });
    expect(make().run('about 1,000.0 items', evalCase('1,000'))).toMatchObject({ pass: true });
    expect(make().run('1001', evalCase('1,000'))).toMatchObject({ pass: false });
  });

  it('describes a relative tolerance in percent', () => {
    const check = make({ tolerance: 0.05, relative: true });
    expect(check.run('210', evalCase(200))).toMatchObject({ pass: true });
    expect(check.run('211', evalCase(200))).toMatchObject({
      pass: false,
      reason: 'got 211, expected 200 ± 5%',
    });
  });

  it('fails when the output has no number, including empty output', () => {
    expect(make().run('', evalCase(1))).toMatchObject({ pass: false, reason: 'no number in ""' });
    expect(make().run('many', evalCase(1))).toMatchObject({ pass: false });
  });

  it('throws when the expected value is not a number', () => {
    expect(() => make().run('1', evalCase('n/a'))).toThrow(/"n\/a" is not a number/);
  });
});
