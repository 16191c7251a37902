import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDataset } from '../../src/core/datasets/check-dataset.js';
import type { DatasetReport } from '../../src/core/datasets/dataset-report.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { json, runData } from './data-harness.js';

const chat = (index: number) =>
  JSON.stringify({
    messages: [
      {
        role: 'user',
        content: `question ${index} about topic ${index * 7919} and more words here`,
      },
      { role: 'assistant', content: `answer ${index}` },
    ],
  });

describe('bad input never crashes and never stops the check early', () => {
  let directory: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => {
    directory = temporaryDirectory();
  });
  afterEach(() => directory.remove());

  it('reports every malformed line with its number and checks the rest', async () => {
    const file = join(directory.path, 'mixed.jsonl');
    const lines: string[] = [];
    const broken: number[] = [];
    for (let line = 1; line <= 700; line += 1) {
      if (line % 7 === 0) {
        broken.push(line);
        lines.push(line % 2 === 0 ? '{"messages": [' : 'garbage, not JSON');
      } else lines.push(chat(line));
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const outcome = await runData(directory.path, [
      'check',
      file,
      '--json',
      '--max-listed',
      '1000',
    ]);
    const report = json<DatasetReport>(outcome);
    expect(outcome.code).toBe(3);
    expect(report.rows).toBe(700);
    expect(
      report.problems
        .filter((problem) => problem.code === 'invalid_json')
        .map((problem) => problem.line),
    ).toEqual(broken);
    expect(report.cleanRows).toBe(700 - broken.length);
  });

  it('refuses a binary file with a clear message', async () => {
    const file = join(directory.path, 'model.bin.jsonl');
    writeFileSync(file, Buffer.from([0x47, 0x47, 0x55, 0x46, 0x03, 0x00, 0x00, 0x00]));
    const outcome = await runData(directory.path, ['check', file]);
    expect(outcome.code).toBe(3);
    expect(outcome.stderr).toMatch(
      /looks like a binary file \(a NUL byte at offset 5\); expected JSON Lines, JSON or CSV text/,
    );
  });

  it('refuses one enormous line (over 32 MiB) without holding it, and reads the next line', async () => {
    const file = join(directory.path, 'huge.jsonl');
    const handle = openSync(file, 'w');
    writeSync(handle, `${chat(1)}\n{"messages": [{"role": "user", "content": "`);
    const block = 'x'.repeat(1024 * 1024);
    for (let index = 0; index < 33; index += 1) writeSync(handle, block);
    writeSync(handle, `"}]}\n${chat(3)}\n`);
    closeSync(handle);
    const outcome = await runData(directory.path, ['check', file, '--json']);
    const report = json<DatasetReport>(outcome);
    expect(outcome.code).toBe(3);
    const refused = report.problems.find((problem) => problem.code === 'line_too_long');
    expect(refused?.line).toBe(2);
    expect(refused?.message).toMatch(/the line is 33\.0 MiB, over the 32 MiB limit: refused/);
    expect(report.rows).toBe(3);
    expect(report.cleanRows).toBe(2);
  });

  it('handles an empty file', async () => {
    const file = join(directory.path, 'empty.jsonl');
    writeFileSync(file, '');
    const report = json<DatasetReport>(await runData(directory.path, ['check', file, '--json']));
    expect(report.rows).toBe(0);
    expect(Object.keys(report.counts)).toEqual(['below_policy_minimum', 'too_few_examples']);
  });

  it('survives any text lines: every non-blank line is one row, reported or checked', async () => {
    const file = join(directory.path, 'fuzz.jsonl');
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'grapheme', maxLength: 40 }),
            fc.json({ maxDepth: 3 }),
            fc.constantFrom(
              chat(1),
              '{"messages": null}',
              '[]',
              '""',
              '{"prompt": 1, "completion": {}}',
            ),
          ),
          { maxLength: 25 },
        ),
        async (rows) => {
          const lines = rows.map((row) =>
            row.replaceAll('\r', ' ').replaceAll('\n', ' ').replaceAll(String.fromCharCode(0), ' '),
          );
          writeFileSync(file, lines.join('\n'));
          const { report } = await checkDataset(file);
          expect(report.rows).toBe(lines.filter((line) => line.trim() !== '').length);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('split, dedupe and leakage on small files', () => {
  let directory: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => {
    directory = temporaryDirectory();
  });
  afterEach(() => directory.remove());

  it('dedupe drops exact and near duplicates only, keeping the first of each', async () => {
    const fixtures = join(import.meta.dirname, '../fixtures/datasets');
    const output = join(directory.path, 'deduped.jsonl');
    const outcome = await runData(fixtures, [
      'dedupe',
      'near_duplicate.jsonl',
      '-o',
      output,
      '--json',
    ]);
    expect(json(outcome)).toMatchObject({
      written: 3,
      dropped: 1,
      droppedByCode: { near_duplicate: 1 },
    });
    const check = json<DatasetReport>(await runData(fixtures, ['check', output, '--json']));
    expect(check.counts.near_duplicate).toBeUndefined();
  });

  it('split is reproducible from its seed and keeps the input format', async () => {
    const fixtures = join(import.meta.dirname, '../fixtures/datasets');
    const run = async (name: string, seed: string) =>
      json<{ counts: Record<string, number>; files: { train: string }; stratified: boolean }>(
        await runData(fixtures, [
          'split',
          'classification_detected.jsonl',
          '-o',
          join(directory.path, name),
          '--seed',
          seed,
          '--json',
        ]),
      );
    const first = await run('a', '1');
    const again = await run('b', '1');
    expect(first.stratified).toBe(true);
    // 15 positive and 15 negative: 12 / 2 / 1 each (quotas 12, 1.5, 1.5: the tie goes to validation).
    expect(first.counts).toEqual({ train: 24, validation: 4, eval: 2 });
    expect(readFileSync(first.files.train, 'utf8')).toBe(readFileSync(again.files.train, 'utf8'));
    expect(first.files.train.endsWith('train.jsonl')).toBe(true);
  });
});
