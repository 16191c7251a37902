import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import { loadTask } from '../../core/task/load-task.js';
import type { LoadedTask } from '../../core/task/loaded-task.js';
import { fileVersion, loadDatasetReview } from './dataset-review-loader.js';
import { saveDatasetReview } from './dataset-review-saver.js';
import { WebHttpError } from './web-http-error.js';

const chat = (question: string, answer: string) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: question },
      { role: 'assistant', content: answer },
    ],
  });

let folder: { path: string; remove: () => void };
let file: string;
let task: LoadedTask;

beforeEach(async () => {
  folder = temporaryDirectory('tunegate-review-');
  file = join(folder.path, 'candidates.jsonl');
  // Row 0 keeps its own spacing, so an untouched row must come back byte for byte.
  const rows = [
    '{"messages": [{"role": "user", "content": "Is the Moon airless?"}, {"role": "assistant", "content": "yes"}]}',
    chat('Does a feather fall slowly on the Moon?', 'no'),
    '{"messages": [',
    chat('Can you jump higher on Mars?', 'yes'),
    chat('Does a feather fall slowly on the Moon?', 'no'),
  ];
  writeFileSync(file, `${rows.join('\n')}\n`);
  const lineage = rows.map((_, index) =>
    JSON.stringify({
      line: index + 1,
      run: `run-${index}`,
      case: `c${index}`,
      variant: 'v',
      model: 'm',
    }),
  );
  writeFileSync(`${file}.lineage.jsonl`, `${lineage.join('\n')}\n`);
  writeFileSync(join(folder.path, 'eval.jsonl'), '{"id": "e1", "input": "x", "expected": "y"}\n');
  writeFileSync(
    join(folder.path, 'tunegate.yaml'),
    [
      'name: review',
      'instruction: Answer the question.',
      'output: { kind: text }',
      'checks: [{ type: length, unit: words, max: 50 }]',
      'data: { eval: eval.jsonl }',
      'models: [double:echo]',
      'variants: [{ name: plain }]',
    ].join('\n'),
  );
  task = await loadTask(join(folder.path, 'tunegate.yaml'));
});

afterEach(() => folder.remove());

describe('dataset review', () => {
  it('loads every row with its problems and lineage, the unreadable one as null', async () => {
    const review = await loadDatasetReview(task, file);
    expect(review.file).toBe('candidates.jsonl');
    expect(review.container).toBe('jsonl');
    expect(review.checkError).toBeNull();
    expect(review.check).toMatchObject({ format: 'openai-chat', rows: 5 });
    expect(review.rows.map((row) => row.line)).toEqual([1, 2, 3, 4, 5]);
    expect(review.rows[2]?.value).toBeNull();
    expect(review.rows[2]?.problems.map((problem) => problem.code)).toContain('invalid_json');
    // Line 5 repeats line 2.
    expect(review.rows[4]?.problems.map((problem) => problem.code)).toContain('duplicate_row');
    expect(review.rows[1]?.lineage).toMatchObject({ run: 'run-1', case: 'c1', variant: 'v' });
    expect(review.rows.every((row) => !row.accepted)).toBe(true);
    expect(review.version).toBe(await fileVersion(file));
  });

  it('removes rejected rows, replaces edited ones, keeps the rest verbatim, and records the review', async () => {
    const before = readFileSync(file, 'utf8').split('\n');
    const { version } = await loadDatasetReview(task, file);
    const edited = {
      messages: [
        { role: 'user', content: 'Jump on Mars?' },
        { role: 'assistant', content: 'higher' },
      ],
    };
    const result = await saveDatasetReview({
      task,
      file,
      version,
      decisions: [
        { index: 0, action: 'accept' },
        { index: 1, action: 'reject' },
        { index: 2, action: 'reject' },
        { index: 3, action: 'edit', value: edited },
      ],
      reviewer: 'ana',
      now: () => new Date('2026-02-03T04:05:06.000Z'),
    });
    expect(result).toMatchObject({ written: 3, removed: 2, edited: 1, accepted: 1 });
    expect(readFileSync(file, 'utf8')).toBe(
      `${before[0]}\n${JSON.stringify(edited)}\n${before[4]}\n`,
    );
    const lineage = readFileSync(`${file}.lineage.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lineage).toEqual([
      {
        line: 1,
        run: 'run-0',
        case: 'c0',
        variant: 'v',
        model: 'm',
        review: 'accepted',
        reviewedBy: 'ana',
        reviewedAt: '2026-02-03T04:05:06.000Z',
      },
      {
        line: 2,
        run: 'run-3',
        case: 'c3',
        variant: 'v',
        model: 'm',
        review: 'edited',
        reviewedBy: 'ana',
        reviewedAt: '2026-02-03T04:05:06.000Z',
      },
      { line: 3, run: 'run-4', case: 'c4', variant: 'v', model: 'm' },
    ]);
    const again = await loadDatasetReview(task, file);
    expect(again.rows.map((row) => row.accepted)).toEqual([true, true, false]);
    expect(result.version).toBe(again.version);
  });

  it('refuses a save against a changed file, and one that leaves an unreadable row undecided', async () => {
    const original = readFileSync(file, 'utf8');
    const save = (version: string) =>
      saveDatasetReview({
        task,
        file,
        version,
        decisions: [{ index: 1, action: 'reject' }],
        reviewer: 'ana',
        now: () => new Date(),
      });
    await expect(save('stale')).rejects.toMatchObject({ status: 409 });
    const failure = await save(await fileVersion(file)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WebHttpError);
    expect((failure as WebHttpError).message).toContain('line 3 cannot be read');
    expect(readFileSync(file, 'utf8')).toBe(original);
  });
});
