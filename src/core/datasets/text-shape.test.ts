import { describe, expect, it } from 'vitest';
import { datasetProblem } from './dataset-problem.js';
import { LabelCounter } from './label-counter.js';
import { ProblemSink } from './problem-sink.js';
import { isMostlyUppercase, outputKind, outputKinds } from './text-shape.js';

describe('isMostlyUppercase', () => {
  it('needs 20 letters and more than 70 % of them upper case, accents included', () => {
    expect(isMostlyUppercase('ABCDEFGHIJKLMNOPQRSTUVWXYZ')).toBe(true);
    expect(isMostlyUppercase('SHORT TEXT')).toBe(false);
    expect(isMostlyUppercase('ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ')).toBe(true);
    // 14 upper of 20 letters is exactly 70 %: not more.
    expect(isMostlyUppercase('ABCDEFGHIJKLMNopqrst')).toBe(false);
    expect(isMostlyUppercase('ABCDEFGHIJKLMNOpqrst')).toBe(true);
  });
});

describe('outputKind', () => {
  it('tells JSON objects and arrays from prose', () => {
    expect(outputKind(' {"a": 1} ')).toBe(outputKinds.json);
    expect(outputKind('[1, 2]')).toBe(outputKinds.json);
    expect(outputKind('{not json')).toBe(outputKinds.prose);
    expect(outputKind('42')).toBe(outputKinds.prose);
    expect(outputKind('  ')).toBe(outputKinds.none);
    expect(outputKind(undefined)).toBe(outputKinds.none);
  });
});

describe('LabelCounter', () => {
  it('counts labels by first appearance and gives up past its cap', () => {
    const counter = new LabelCounter(2);
    expect(['b', 'a', 'b'].map((label) => counter.add(label))).toEqual([0, 1, 0]);
    expect(counter.distribution()).toEqual([
      { label: 'b', count: 2 },
      { label: 'a', count: 1 },
    ]);
    expect(counter.add('c')).toBe(-1);
    expect(counter.overflowed).toBe(true);
    expect(counter.total).toBe(4);
  });
});

describe('ProblemSink', () => {
  it('counts every problem but lists only the first few of each code', () => {
    const sink = new ProblemSink(2);
    for (let line = 5; line >= 1; line -= 1)
      sink.add(datasetProblem('duplicate_row', 'dup', { line }));
    sink.add(datasetProblem('below_policy_minimum', 'few'));
    expect(sink.counts()).toEqual({ below_policy_minimum: 1, duplicate_row: 5 });
    expect(sink.listed().map((problem) => problem.line ?? null)).toEqual([null, 4, 5]);
    expect(sink.unlisted).toBe(3);
    expect([sink.errors, sink.warnings]).toEqual([1, 5]);
  });
});
