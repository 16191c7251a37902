import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteEvalStore } from '../../src/store/sqlite-eval-store.js';
import { runCli } from '../support/run-cli.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

const bin = fileURLToPath(new URL('../../bin/tunegate.js', import.meta.url));
let directory: { path: string; remove: () => void };
let task: string;

beforeEach(async () => {
  directory = temporaryDirectory();
  task = join(directory.path, 'moon');
  expect((await runCli(directory.path, ['init', 'moon'])).code).toBe(0);
  // Slow the double down so the run is still going when it is killed.
  const rulesFile = join(task, 'double-rules.json');
  const rules = JSON.parse(readFileSync(rulesFile, 'utf8'));
  writeFileSync(rulesFile, JSON.stringify({ ...rules, latencyMs: 15 }));
});
afterEach(() => directory.remove());

function storedCells(): Map<string, string | null> {
  const file = join(task, '.tunegate', 'tunegate.db');
  const cells = new Map<string, string | null>();
  if (!existsSync(file)) return cells;
  const store = new SqliteEvalStore(file);
  try {
    const run = store.latestRun();
    if (run) for (const cell of store.iterateCells(run.id)) cells.set(cell.key, cell.output);
  } finally {
    store.close();
  }
  return cells;
}

describe('a run killed with kill -9', () => {
  it('resumes with only the missing cells: none lost, none repeated', async () => {
    const child = spawn(
      process.execPath,
      [bin, 'eval', '--model', 'double:double-rules.json', '--variant', 'baseline'],
      { cwd: task, stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let before = new Map<string, string | null>();
    for (let waited = 0; waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      before = storedCells();
      if (before.size >= 40) break;
    }
    child.kill('SIGKILL');
    await exited;
    before = storedCells();
    const cases = readFileSync(join(task, 'data', 'eval.jsonl'), 'utf8')
      .trim()
      .split('\n').length;
    const total = 2 * cases * 3;
    expect(before.size).toBeGreaterThanOrEqual(40);
    expect(before.size).toBeLessThan(total);

    const store = new SqliteEvalStore(join(task, '.tunegate', 'tunegate.db'));
    const run = store.latestRun();
    store.close();
    expect(run?.status).toBe('running');
    const resumed = await runCli(task, ['eval', '--resume', run?.id ?? '']);
    expect(resumed.stderr).not.toContain('internal error');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(
      `${total - before.size} cells run, ${before.size} already stored`,
    );

    const after = storedCells();
    expect(after.size).toBe(total);
    for (const [key, output] of before) expect(after.get(key)).toBe(output);
  });

  it('stops cleanly on Ctrl-C (SIGINT): in-flight work saved, exit 130, resumable', async () => {
    const child = spawn(
      process.execPath,
      [bin, 'eval', '--model', 'double:double-rules.json', '--variant', 'baseline'],
      { cwd: task, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    for (let waited = 0; waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (storedCells().size >= 20) break;
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('tunegate eval --resume');
    const store = new SqliteEvalStore(join(task, '.tunegate', 'tunegate.db'));
    const run = store.latestRun();
    const saved = run ? store.countCells(run.id) : 0;
    store.close();
    expect(run?.status).toBe('interrupted');
    const resumed = await runCli(task, ['eval', '--resume', run?.id ?? '']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`${saved} already stored`);
  });
});
