import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetReport } from '../../src/core/datasets/dataset-report.js';
import type { FixLogEntry } from '../../src/core/datasets/fix-dataset.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { json, runData } from './data-harness.js';

const fixtures = resolve(import.meta.dirname, '../fixtures/datasets');

/** Options a fixture needs to show its problem; fix must be run with the same ones. */
const extraArgs: Record<string, string[]> = {
  'line_too_long.jsonl': ['--max-line-bytes', '1000'],
  'fails_task_checks.jsonl': ['--task', join(fixtures, 'task-label')],
  'checks_skipped.jsonl': ['--task', join(fixtures, 'task-judge')],
  'over_context_limit.jsonl': ['--context-limit', '100'],
};

const files = readdirSync(fixtures).filter(
  (name) => /\.(jsonl|csv)$/.test(name) && !name.startsWith('leakage-'),
);

describe('check → fix → check', () => {
  let directory: ReturnType<typeof temporaryDirectory>;
  afterEach(() => directory.remove());

  for (const name of files) {
    it(`leaves no fixable problem in ${name}`, async () => {
      directory = temporaryDirectory();
      const input = join(fixtures, name);
      const before = readFileSync(input);
      const args = extraArgs[name] ?? [];
      const first = json<DatasetReport>(
        await runData(fixtures, ['check', input, '--json', ...args]),
      );
      const output = join(directory.path, `clean-${name}`);
      const fixed = await runData(fixtures, ['fix', input, '-o', output, '--json', ...args]);
      expect(fixed.code).toBe(0);
      const second = json<DatasetReport>(
        await runData(fixtures, ['check', output, '--json', ...args]),
      );
      expect(second.problems.filter((problem) => problem.fixable)).toEqual([]);
      expect(second.rows).toBe(first.cleanRows);
      // The input is never written to.
      expect(readFileSync(input).equals(before)).toBe(true);
      // Every dropped row is in the log with its line and reason.
      const log = readFileSync(`${output}.fix-log.jsonl`, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean);
      const entries = log.map((line) => JSON.parse(line) as FixLogEntry);
      expect(entries.filter((entry) => entry.action === 'dropped')).toHaveLength(
        first.rows - first.cleanRows,
      );
    });
  }
});
