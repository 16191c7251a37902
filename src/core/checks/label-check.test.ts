import { describe, expect, it } from 'vitest';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { EvalCase } from '../task/eval-case.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { checkConfigSchema, taskSchema } from '../task/task-schema.js';
import type { CheckConfigOf } from './check.js';
import { createLabelCheck } from './label-check.js';

const identity = { name: 'label', kind: 'format' } as const;
const evalCase: EvalCase = { id: 'c1', fields: {}, source: { file: 'eval.jsonl', line: 1 } };

function loadedTask(output: Record<string, unknown>): LoadedTask {
  const config = taskSchema.parse({
    name: 'labels',
    instruction: 'Answer Positive, Negative or Not sure.',
    output,
    checks: [{ type: 'label' }],
    data: { eval: 'eval.jsonl' },
    models: ['openai:gpt-4o-mini'],
    variants: [{ name: 'base' }],
  });
  return { config, file: '/task/tunegate.yaml', directory: '/task', hash: 'h' };
}

const labelTask = loadedTask({ kind: 'label', labels: ['Positive', 'Negative', 'Not sure'] });
const make = (input: Record<string, unknown> = {}, task = labelTask) =>
  createLabelCheck(
    checkConfigSchema.parse({ type: 'label', ...input }) as CheckConfigOf<'label'>,
    identity,
    task,
  );

describe('label check', () => {
  it('accepts any label after normalisation', () => {
    const check = make();
    expect(check.run('positive', evalCase)).toEqual({ name: 'label', kind: 'format', pass: true });
    expect(check.run(' NEGATIVE\n', evalCase)).toMatchObject({ pass: true });
    expect(check.run('not   sure', evalCase)).toMatchObject({ pass: true });
  });

  it('names the labels when the output is not one of them', () => {
    expect(make().run('Positive.', evalCase)).toEqual({
      name: 'label',
      kind: 'format',
      pass: false,
      reason: 'expected one of: Positive, Negative, Not sure; got "Positive."',
    });
    expect(make().run('', evalCase)).toMatchObject({ pass: false });
  });

  it('strips punctuation when configured', () => {
    const check = make({ normalize: { stripPunctuation: true } });
    expect(check.run('Positive.', evalCase)).toMatchObject({ pass: true });
  });

  it('is a task problem when the output kind is not label', () => {
    const textTask = loadedTask({ kind: 'text' });
    expect(() => make({}, textTask)).toThrow(TunegateError);
    expect(() => make({}, textTask)).toThrow(/check "label"/);
  });
});
