import { join } from 'node:path';
// The package's own name: what a user's `import … from 'tunegate'` resolves to (dist/ via exports).
import { loadTask, type RunSummary, runEval, SqliteEvalStore, summarizeRun } from 'tunegate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

let directory: { path: string; remove: () => void };
beforeEach(async () => {
  directory = temporaryDirectory();
  expect((await runCli(directory.path, ['init', 'moon'])).code).toBe(0);
});
afterEach(() => directory.remove());

describe('the library API', () => {
  it('loads a task and runs an eval with typed results kept in the default store', async () => {
    const task = await loadTask(join(directory.path, 'moon', 'tunegate.yaml'));
    expect(task.config.name).toBe('moon-jump');
    const seen: number[] = [];
    const result = await runEval(task, {
      models: ['double:double-rules.json'],
      variants: ['baseline'],
      limit: 4,
      repeats: 2,
      onProgress: (progress) => seen.push(progress.done),
    });
    expect(result.run.status).toBe('completed');
    expect(result.executed).toBe(2 * 4 * 2);
    expect(seen.at(-1)).toBe(16);
    const store = new SqliteEvalStore(join(directory.path, 'moon', '.tunegate', 'tunegate.db'));
    const summary: RunSummary = summarizeRun(store, result.run.id);
    store.close();
    expect(summary.groups.reduce((sum, group) => sum + group.cells, 0)).toBe(16);
  });
});
