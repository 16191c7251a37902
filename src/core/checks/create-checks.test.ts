import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LanguageModel } from '../../spec/language-model.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { EvalCase } from '../task/eval-case.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { taskSchema } from '../task/task-schema.js';
import { createChecks } from './create-checks.js';
import { runChecks } from './run-checks.js';

let directory = '';
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'tunegate-create-checks-'));
  writeFileSync(join(directory, 'check.mjs'), 'export default (output) => output.length > 0;\n');
});
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function loadedTask(checks: Record<string, unknown>[]): LoadedTask {
  const config = taskSchema.parse({
    name: 'mood',
    instruction: 'Answer yes or no.',
    output: { kind: 'label', labels: ['yes', 'no'] },
    checks,
    data: { eval: 'eval.jsonl' },
    models: ['openai:gpt-4o-mini'],
    variants: [{ name: 'base' }],
  });
  return { config, file: join(directory, 'tunegate.yaml'), directory, hash: 'h' };
}

const judgeReferences: string[] = [];
const options = {
  createJudgeModel: (reference: string): LanguageModel => {
    judgeReferences.push(reference);
    return {
      reference,
      provider: 'fake',
      modelId: 'judge',
      supportsCompletionMode: false,
      generate: async () => ({
        text: '{"score": 1}',
        usage: { inputTokens: 1, outputTokens: 1 },
        finishReason: 'stop',
      }),
    };
  },
};

async function problemsOf(task: LoadedTask) {
  try {
    await createChecks(task, options);
  } catch (error) {
    expect(error).toBeInstanceOf(TunegateError);
    expect((error as TunegateError).code).toBe('INVALID_TASK');
    return (error as TunegateError).problems;
  }
  throw new Error('expected createChecks to fail');
}

describe('createChecks', () => {
  it('names repeats type-2, type-3 and keeps configured names', async () => {
    const checks = await createChecks(
      loadedTask([
        { type: 'equals' },
        { type: 'equals', expected: 'yes' },
        { type: 'contains', value: 'y', name: 'mentions-y' },
        { type: 'equals', expected: 'no' },
      ]),
      options,
    );
    expect(checks.map((check) => check.name)).toEqual([
      'equals',
      'equals-2',
      'mentions-y',
      'equals-3',
    ]);
  });

  it('assigns default kinds per type and lets the config override', async () => {
    const checks = await createChecks(
      loadedTask([
        { type: 'label' },
        { type: 'json' },
        { type: 'regex', pattern: 'y' },
        { type: 'length', unit: 'words', max: 3 },
        { type: 'equals' },
        { type: 'contains', value: 'y' },
        { type: 'not-contains', value: 'z' },
        { type: 'numeric' },
        { type: 'javascript', module: 'check.mjs' },
        { type: 'llm-judge', model: 'fake:judge', rubric: 'Fine?' },
        { type: 'regex', pattern: 'x', kind: 'content' },
      ]),
      options,
    );
    expect(checks.map((check) => `${check.name}:${check.kind}`)).toEqual([
      'label:format',
      'json:format',
      'regex:format',
      'length:format',
      'equals:content',
      'contains:content',
      'not-contains:content',
      'numeric:content',
      'javascript:content',
      'llm-judge:content',
      'regex-2:content',
    ]);
    expect(judgeReferences).toContain('fake:judge');

    const evalCase: EvalCase = {
      id: 'c',
      fields: { expected: 'yes' },
      source: { file: 'e', line: 1 },
    };
    const results = await runChecks(checks, 'yes', evalCase);
    expect(results.map((result) => `${result.name}:${result.pass}`)).toEqual([
      'label:true',
      'json:false',
      'regex:true',
      'length:true',
      'equals:true',
      'contains:true',
      'not-contains:true',
      'numeric:false',
      'javascript:true',
      'llm-judge:true',
      'regex-2:false',
    ]);
    expect(results[7]?.reason).toMatch(/^check error: expected value "yes" is not a number/);
  });

  it('collects every configuration problem with its path and file', async () => {
    const task = loadedTask([
      { type: 'regex', pattern: '(' },
      { type: 'equals' },
      { type: 'javascript', module: 'missing.mjs' },
      { type: 'contains', value: 'x', name: 'equals' },
    ]);
    const problems = await problemsOf(task);
    expect(problems.map((problem) => problem.path)).toEqual([
      ['checks', 0, 'pattern'],
      ['checks', 2, 'module'],
      ['checks', 3, 'name'],
    ]);
    expect(problems.every((problem) => problem.file === task.file)).toBe(true);
    expect(problems[2]?.message).toBe('check name "equals" is already used by checks.1');
  });

  it('lets errors other than task problems through', async () => {
    const failing = {
      createJudgeModel: () => {
        throw new TunegateError('MISSING_API_KEY', 'set JUDGE_KEY');
      },
    };
    const task = loadedTask([{ type: 'llm-judge', model: 'fake:judge', rubric: 'Fine?' }]);
    await expect(createChecks(task, failing)).rejects.toMatchObject({ code: 'MISSING_API_KEY' });
  });
});
