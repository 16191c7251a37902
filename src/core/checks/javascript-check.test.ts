import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { EvalCase } from '../task/eval-case.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { checkConfigSchema, taskSchema } from '../task/task-schema.js';
import type { CheckConfigOf } from './check.js';
import { createJavascriptCheck } from './javascript-check.js';

let directory = '';
let task: LoadedTask;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'tunegate-js-check-'));
  writeFileSync(
    join(directory, 'exact.mjs'),
    'export default (output, context) => output.trim() === context.expected;\n',
  );
  writeFileSync(
    join(directory, 'graded.mjs'),
    [
      'export async function grade(output, context) {',
      '  const pass = [...output].length <= context.limit;',
      '  const reason = [...output].length + " of " + context.limit;',
      '  return { pass, score: pass ? 1 : 0.25, reason };',
      '}',
      'export const notAFunction = 3;',
    ].join('\n'),
  );
  writeFileSync(join(directory, 'odd.mjs'), "export default () => 'yes';\n");
  const config = taskSchema.parse({
    name: 'js',
    instruction: 'Answer.',
    output: { kind: 'text', field: 'answer' },
    checks: [{ type: 'javascript', module: 'exact.mjs' }],
    data: { eval: 'eval.jsonl' },
    models: ['openai:gpt-4o-mini'],
    variants: [{ name: 'base' }],
  });
  task = { config, file: join(directory, 'tunegate.yaml'), directory, hash: 'h' };
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const evalCase = (fields: Record<string, unknown>): EvalCase => ({
  id: 'c1',
  fields,
  source: { file: 'eval.jsonl', line: 1 },
});
const make = (input: Record<string, unknown>) =>
  createJavascriptCheck(
    checkConfigSchema.parse({ type: 'javascript', ...input }) as CheckConfigOf<'javascript'>,
    { name: 'custom', kind: 'content' },
    task,
  );

describe('javascript check', () => {
  it('passes the output field as expected to a default export', async () => {
    const check = await make({ module: 'exact.mjs' });
    expect(await check.run(' 42 ', evalCase({ answer: '42' }))).toEqual({
      name: 'custom',
      kind: 'content',
      pass: true,
    });
    expect(await check.run('41', evalCase({ answer: '42' }))).toMatchObject({ pass: false });
  });

  it('accepts a named async export returning score and reason, with case fields', async () => {
    const check = await make({ module: './graded.mjs', export: 'grade' });
    expect(await check.run('héllo', evalCase({ limit: 5 }))).toEqual({
      name: 'custom',
      kind: 'content',
      pass: true,
      score: 1,
      reason: '5 of 5',
    });
    expect(await check.run('héllo!', evalCase({ limit: 5 }))).toMatchObject({
      pass: false,
      score: 0.25,
    });
  });

  it('throws when the module returns something else', async () => {
    const check = await make({ module: 'odd.mjs' });
    await expect(check.run('x', evalCase({}))).rejects.toThrow(/returned "yes"/);
  });

  it('is a task problem when the module or export is missing', async () => {
    await expect(make({ module: 'absent.mjs' })).rejects.toThrow(TunegateError);
    await expect(make({ module: 'absent.mjs' })).rejects.toThrow(/check "custom": cannot load/);
    await expect(make({ module: 'graded.mjs', export: 'missing' })).rejects.toThrow(
      /no function export "missing"/,
    );
    await expect(make({ module: 'graded.mjs', export: 'notAFunction' })).rejects.toThrow(
      /no function export "notAFunction"/,
    );
  });
});
