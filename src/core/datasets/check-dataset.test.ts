import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import { loadTask } from '../task/load-task.js';
import { checkDataset } from './check-dataset.js';

const chat = (user: string, assistant: string) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: user },
      { role: 'assistant', content: assistant },
    ],
  });

describe('checkDataset', () => {
  let directory: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => {
    directory = temporaryDirectory();
  });
  afterEach(() => directory.remove());

  it("runs the task's checks on chat outputs, with the output under the task's output field", async () => {
    const taskDirectory = join(directory.path, 'task');
    mkdirSync(taskDirectory);
    writeFileSync(join(taskDirectory, 'eval.csv'), 'text,label\nfine,positive\n');
    writeFileSync(
      join(taskDirectory, 'tunegate.yaml'),
      [
        'name: sentiment',
        'instruction: Label it.',
        'output: { kind: label, labels: [positive, negative], field: label }',
        'checks:',
        '  - type: label',
        '  - type: equals',
        '    expected: "{{label}}"',
        'data: { eval: eval.csv }',
        'models: [double:echo]',
        'variants: [{ name: baseline }]',
      ].join('\n'),
    );
    const file = join(directory.path, 'train.jsonl');
    writeFileSync(file, `${chat('great food', 'positive')}\n${chat('meh', 'maybe')}\n`);
    const { report } = await checkDataset(file, { task: await loadTask(taskDirectory) });
    const failed = report.problems.filter((problem) => problem.code === 'fails_task_checks');
    expect(failed.map((problem) => [problem.line, problem.message])).toEqual([
      [
        2,
        `the output fails the task's checks: label: expected one of: positive, negative; got "maybe"`,
      ],
    ]);
    expect(report.taskType).toBe('classification');
  });

  it('says when the context limit of a model is unknown', async () => {
    const file = join(directory.path, 'a.jsonl');
    writeFileSync(file, `${chat('a b c', 'd')}\n`);
    const { report } = await checkDataset(file, { contextModel: 'acme:giant' });
    expect(report.contextLimit).toEqual({
      tokens: 65_536,
      model: 'acme:giant (limit unknown: 65536 assumed; set --context-limit)',
    });
    const known = await checkDataset(file, { contextModel: 'openai:gpt-3.5-turbo-0125' });
    expect(known.report.contextLimit).toEqual({
      tokens: 16_385,
      model: 'openai:gpt-3.5-turbo-0125',
    });
  });
});
