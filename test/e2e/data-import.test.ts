import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CellResult } from '../../src/core/eval/cell-result.js';
import { loadTask } from '../../src/core/task/load-task.js';
import { SqliteEvalStore } from '../../src/store/sqlite-eval-store.js';
import { validateAgainstOpenApi } from '../support/openapi-validator.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { requiredEnvironmentPath, runData } from './data-harness.js';

const fixtures = resolve(import.meta.dirname, '../fixtures/datasets');

function cell(caseId: string, variant: string, output: string, passed: boolean): CellResult {
  return {
    key: `${variant}|double:echo|0|${caseId}|0`,
    variant,
    model: 'double:echo',
    samplingIndex: 0,
    sampling: {},
    caseId,
    repeat: 0,
    status: 'ok',
    output,
    errorCode: null,
    errorMessage: null,
    passed,
    formatPassed: passed,
    checks: [{ name: 'one-label', kind: 'format', pass: passed }],
    inputTokens: 10,
    outputTokens: 1,
    tokensEstimated: false,
    cost: 0,
    latencyMs: 5,
    finishReason: 'stop',
    cached: false,
    attempts: 1,
  };
}

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('tunegate data import --from-run', () => {
  let directory: ReturnType<typeof temporaryDirectory>;
  beforeEach(async () => {
    directory = temporaryDirectory();
    const taskDirectory = join(directory.path, 'task');
    mkdirSync(taskDirectory);
    for (const name of ['tunegate.yaml', 'eval.csv']) {
      copyFileSync(join(fixtures, 'task-label', name), join(taskDirectory, name));
    }
    const task = await loadTask(taskDirectory);
    const store = new SqliteEvalStore(join(taskDirectory, '.tunegate', 'tunegate.db'));
    store.createRun({
      id: 'run-1',
      taskName: task.config.name,
      taskFile: task.file,
      taskHash: task.hash,
      options: {},
      status: 'completed',
      totalCells: 4,
      createdAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:01:00.000Z',
    });
    // Case line-2: two passing answers (the same text) and a failing one; line-3: only a failure.
    store.writeCells(
      'run-1',
      [
        cell('line-2', 'a', 'positive', true),
        cell('line-2', 'b', 'positive', true),
        cell('line-2', 'c', 'neutral', false),
        cell('line-3', 'a', 'maybe', false),
      ],
      [],
    );
    store.close();
  });
  afterEach(() => directory.remove());

  it('keeps passing outputs only, one per case, with lineage to run, case and cell', async () => {
    const output = join(directory.path, 'imported.jsonl');
    const outcome = await runData(directory.path, [
      'import',
      '--from-run',
      'run-1',
      '--task',
      'task',
      '-o',
      output,
    ]);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('1 cases had no passing output');
    const rows = lines(output);
    expect(rows).toEqual([
      {
        messages: [
          {
            role: 'system',
            content:
              'Label the sentiment of the review as positive or negative. Answer with one word.',
          },
          { role: 'user', content: 'Review: the soup was warm and the staff were kind' },
          { role: 'assistant', content: 'positive' },
        ],
      },
    ]);
    expect(lines(`${output}.lineage.jsonl`)).toEqual([
      {
        line: 1,
        run: 'run-1',
        case: 'line-2',
        cell: 'a|double:echo|0|line-2|0',
        variant: 'a',
        model: 'double:echo',
        repeat: 0,
      },
    ]);
    expect(
      validateAgainstOpenApi(
        'FineTuneChatRequestInput',
        rows[0],
        requiredEnvironmentPath('TUNEGATE_OPENAI_SPEC_2025'),
      ),
    ).toEqual([]);
  });

  it('--as dpo pairs a passing and a failing output of the same case', async () => {
    const output = join(directory.path, 'pairs.jsonl');
    const outcome = await runData(directory.path, [
      'import',
      '--from-run',
      'run-1',
      '--task',
      'task',
      '-o',
      output,
      '--as',
      'dpo',
      '--no-system',
    ]);
    expect(outcome.code).toBe(0);
    expect(lines(output)).toEqual([
      {
        input: {
          messages: [
            { role: 'user', content: 'Review: the soup was warm and the staff were kind' },
          ],
        },
        preferred_output: [{ role: 'assistant', content: 'positive' }],
        non_preferred_output: [{ role: 'assistant', content: 'neutral' }],
      },
    ]);
    expect(lines(`${output}.lineage.jsonl`)[0]).toMatchObject({
      case: 'line-2',
      rejectedCell: 'c|double:echo|0|line-2|0',
    });
  });

  it('says when the run does not exist', async () => {
    const outcome = await runData(directory.path, [
      'import',
      '--from-run',
      'nope',
      '--task',
      'task',
      '-o',
      'x.jsonl',
    ]);
    expect(outcome.code).toBe(5);
    expect(outcome.stderr).toContain('no run "nope"');
  });
});
