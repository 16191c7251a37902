import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetReport } from '../../src/core/datasets/dataset-report.js';
import type { DatasetStats } from '../../src/core/datasets/dataset-stats.js';
import type { SplitResult } from '../../src/core/datasets/split-dataset.js';
import { createTokenCounter } from '../../src/core/datasets/token-counter.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { json, requiredEnvironmentPath, runData } from './data-harness.js';

type Row = { text: string; category: string };

/** Banking77 (PolyAI, CC BY 4.0) as a realistic file: 10,003 training rows, 77 intents. */
describe('Banking77', () => {
  let folder: string;
  let train: Row[];
  let test: Row[];
  let directory: ReturnType<typeof temporaryDirectory>;
  const read = (file: string) =>
    parse(readFileSync(join(folder, file)), { columns: true }) as Row[];

  beforeAll(() => {
    folder = join(requiredEnvironmentPath('TUNEGATE_DATASETS'), 'banking77');
    train = read('train.csv');
    test = read('test.csv');
    directory = temporaryDirectory();
  });
  afterAll(() => directory.remove());

  it('checks the training file: 77 labels, classification, exact duplicates as counted here', async () => {
    const outcome = await runData(folder, ['check', 'train.csv', '--json']);
    const report = json<DatasetReport>(outcome);
    const categories = JSON.parse(
      readFileSync(join(folder, 'categories.json'), 'utf8'),
    ) as string[];
    expect(report.format).toBe('eval-cases');
    expect(report.outputField).toBe('category');
    expect(report.rows).toBe(train.length);
    expect(report.taskType).toBe('classification');
    expect(report.labels?.map((entry) => entry.label).sort()).toEqual([...categories].sort());
    const perLabel = new Map<string, number>();
    for (const row of train) perLabel.set(row.category, (perLabel.get(row.category) ?? 0) + 1);
    for (const entry of report.labels ?? []) expect(entry.count).toBe(perLabel.get(entry.label));
    const seen = new Set<string>();
    let duplicates = 0;
    for (const row of train) {
      const key = `${row.text}\u0000${row.category}`;
      if (seen.has(key)) duplicates += 1;
      seen.add(key);
    }
    expect(report.counts.duplicate_row ?? 0).toBe(duplicates);
    for (const code of ['invalid_csv', 'invalid_utf8', 'empty_field', 'missing_field'] as const) {
      expect(report.counts[code]).toBeUndefined();
    }
    expect(report.cleanRows).toBeGreaterThan(9000);
    expect(outcome.code).toBe(report.errors > 0 ? 3 : 0);
  });

  it('finds every exact copy of a test input in the training file', async () => {
    const normalize = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
    const testInputs = new Set(test.map((row) => normalize(row.text)));
    const exact = train.filter((row) => testInputs.has(normalize(row.text))).length;
    const outcome = await runData(folder, [
      'leakage',
      'train.csv',
      '--against',
      'test.csv',
      '--json',
    ]);
    const report = json<{ exact: number; near: number; rows: number; evalRows: number }>(outcome);
    expect(report.exact).toBe(exact);
    expect([report.rows, report.evalRows]).toEqual([train.length, test.length]);
    expect(outcome.code).toBe(report.exact + report.near > 0 ? 3 : 0);
  });

  it('splits stratified by intent: every row once, every intent in every split', async () => {
    const output = join(directory.path, 'split');
    const outcome = await runData(folder, [
      'split',
      'train.csv',
      '-o',
      output,
      '--seed',
      '7',
      '--json',
    ]);
    const result = json<SplitResult>(outcome);
    expect(result.stratified).toBe(true);
    const parts = (['train', 'validation', 'eval'] as const).map(
      (name) => parse(readFileSync(result.files[name]), { columns: true }) as Row[],
    );
    const key = (row: Row) => `${row.text}\u0000${row.category}`;
    expect(parts.flat().map(key).sort()).toEqual(train.map(key).sort());
    for (const entry of result.labels ?? []) {
      const total = entry.counts.train + entry.counts.validation + entry.counts.eval;
      expect(entry.counts.validation).toBeGreaterThanOrEqual(Math.floor(total * 0.1));
      expect(entry.counts.eval).toBeGreaterThanOrEqual(Math.floor(total * 0.1));
      expect(entry.counts.train).toBeGreaterThanOrEqual(Math.floor(total * 0.8));
    }
    expect(result.labels).toHaveLength(77);
  });

  it('reports token statistics, labels and the training tokens of the upload rows by the epoch rule', async () => {
    const outcome = await runData(folder, [
      'stats',
      'train.csv',
      '--model',
      'openai:gpt-4o-mini',
      '--json',
    ]);
    const stats = json<DatasetStats>(outcome);
    expect(stats.usableRows).toBe(train.length);
    const tokens = stats.tokensPerExample;
    expect(tokens).not.toBeNull();
    expect(tokens && tokens.p5 <= tokens.p50 && tokens.p50 <= tokens.p95).toBe(true);
    expect(stats.labels).toHaveLength(77);
    // 10,003 × 3 passes exceed 25,000: floor(25,000 / 10,003) = 2 epochs, at $3 per 1M tokens.
    const [estimate] = stats.training;
    expect(estimate?.epochs).toBe(2);
    // Each row uploads as a user turn (the text) and an assistant turn (the intent): OpenAI's
    // recipe adds 4 tokens a message and 3 to prime the reply.
    const o200k = await createTokenCounter('o200k_base');
    let perEpoch = 0;
    for (const row of train)
      perEpoch += 3 + 4 + o200k.count(row.text) + 4 + o200k.count(row.category);
    expect(estimate?.tokensPerEpoch).toBe(perEpoch);
    expect(estimate?.trainingTokens).toBe(perEpoch * 2);
    expect(estimate?.cost).toBeCloseTo((perEpoch * 2 * 3) / 1_000_000, 10);
  });
});
