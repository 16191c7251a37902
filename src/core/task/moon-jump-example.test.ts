import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EvalCase } from './eval-case.js';
import { loadTask } from './load-task.js';
import type { LoadedTask } from './loaded-task.js';
import { loadCases, resolveDataPath } from './read-data-file.js';

const exampleDirectory = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../examples/moon-jump',
);

interface DoubleRules {
  description: string;
  rules: { match: string; output: string | string[] }[];
  default: string | string[];
}

let task: LoadedTask;
let evalCases: EvalCase[];
let fewShotCases: EvalCase[];
let double: DoubleRules;

beforeAll(async () => {
  task = await loadTask(exampleDirectory);
  const evalSet = await loadCases(resolveDataPath(task, task.config.data.eval));
  const pool = await loadCases(resolveDataPath(task, task.config.data.fewShot ?? ''));
  expect(evalSet.problems).toEqual([]);
  expect(pool.problems).toEqual([]);
  evalCases = evalSet.cases;
  fewShotCases = pool.cases;
  double = JSON.parse(
    await readFile(resolve(exampleDirectory, 'double-rules.json'), 'utf8'),
  ) as DoubleRules;
});

const text = (evalCase: EvalCase, field: string): string => String(evalCase.fields[field]);
const normalized = (value: string): string => value.toLowerCase().replace(/\s+/g, ' ').trim();

describe('moon-jump data', () => {
  it('has at least 40 eval cases with both labels in balance', () => {
    expect(evalCases.length).toBeGreaterThanOrEqual(40);
    const correct = evalCases.filter((evalCase) => text(evalCase, 'expected') === 'correct');
    const incorrect = evalCases.filter((evalCase) => text(evalCase, 'expected') === 'incorrect');
    expect(correct.length + incorrect.length).toBe(evalCases.length);
    expect(correct.length / evalCases.length).toBeGreaterThanOrEqual(0.4);
    expect(incorrect.length / evalCases.length).toBeGreaterThanOrEqual(0.4);
  });

  it('gives every eval row an explicit unique id and all the documented fields', () => {
    const ids = evalCases.map((evalCase) => evalCase.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const evalCase of evalCases) {
      expect(evalCase.fields.id).toBe(evalCase.id);
      for (const field of ['assertion', 'expected', 'body', 'reason']) {
        expect(typeof evalCase.fields[field], `${evalCase.id}.${field}`).toBe('string');
      }
    }
  });

  it('covers the Moon, Mars, Earth, Jupiter and the ISS', () => {
    const bodies = new Set(evalCases.map((evalCase) => text(evalCase, 'body')));
    expect([...bodies].sort()).toEqual(['Earth', 'ISS', 'Jupiter', 'Mars', 'Moon']);
  });

  it('keeps the few-shot pool apart from the eval set', () => {
    expect(fewShotCases.length).toBeGreaterThanOrEqual(10);
    const evalAssertions = new Set(
      evalCases.map((evalCase) => normalized(text(evalCase, 'assertion'))),
    );
    const evalIds = new Set(evalCases.map((evalCase) => evalCase.id));
    for (const example of fewShotCases) {
      expect(evalAssertions.has(normalized(text(example, 'assertion'))), example.id).toBe(false);
      expect(evalIds.has(example.id), example.id).toBe(false);
    }
    const labels = new Set(fewShotCases.map((example) => text(example, 'expected')));
    expect([...labels].sort()).toEqual(['correct', 'incorrect']);
  });
});

describe('moon-jump double rules', () => {
  const pick = (output: string | string[], repeat: number): string =>
    typeof output === 'string' ? output : (output[repeat % output.length] ?? '');
  const answer = (message: string, repeat: number): string => {
    const rule = double.rules.find((candidate) => new RegExp(candidate.match, 'i').test(message));
    return pick(rule ? rule.output : double.default, repeat);
  };
  const render = (evalCase: EvalCase): string =>
    task.config.input.replace(/\{\{(\w+)\}\}/g, (_, field: string) => text(evalCase, field));

  it('never matches the instruction, system messages or templates alone', () => {
    const prompts = [
      task.config.instruction,
      ...task.config.variants.flatMap((variant) =>
        [variant.instruction, variant.system, variant.template].filter(
          (part): part is string => part !== undefined,
        ),
      ),
    ];
    for (const rule of double.rules) {
      for (const prompt of prompts)
        expect(new RegExp(rule.match, 'i').test(prompt), rule.match).toBe(false);
    }
  });

  it('behaves like a mediocre model: about 70 % right, sometimes inconsistent or off-format', () => {
    const repeats = task.config.repeats;
    let right = 0;
    let offFormat = 0;
    let inconsistentCases = 0;
    for (const evalCase of evalCases) {
      const answers = Array.from({ length: repeats }, (_, repeat) =>
        answer(render(evalCase), repeat),
      );
      right += answers.filter((output) => output === text(evalCase, 'expected')).length;
      offFormat += answers.filter(
        (output) => output !== 'correct' && output !== 'incorrect',
      ).length;
      if (new Set(answers).size > 1) inconsistentCases += 1;
    }
    const accuracy = right / (evalCases.length * repeats);
    expect(accuracy).toBeGreaterThan(0.6);
    expect(accuracy).toBeLessThan(0.8);
    expect(offFormat).toBeGreaterThan(0);
    expect(inconsistentCases).toBeGreaterThanOrEqual(3);
  });
});

describe('moon-jump task', () => {
  it('explores prompting over several axes from a plain baseline', () => {
    const [baseline, ...others] = task.config.variants;
    expect(baseline?.instruction).toBeUndefined();
    expect(baseline?.fewShot).toBeUndefined();
    expect(baseline?.system).toBeUndefined();
    expect(others.some((variant) => variant.instruction !== undefined)).toBe(true);
    expect(others.some((variant) => variant.fewShot?.selection === 'fixed')).toBe(true);
    expect(
      others.some((variant) => variant.fewShot?.selection === 'nearest' && variant.system),
    ).toBe(true);
    expect(task.config.sampling.temperature).toEqual([0, 0.7]);
  });
});
