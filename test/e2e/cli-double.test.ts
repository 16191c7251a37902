import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteEvalStore } from '../../src/store/sqlite-eval-store.js';
import { runCli } from '../support/run-cli.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

let directory: { path: string; remove: () => void };
let task: string;
beforeEach(async () => {
  directory = temporaryDirectory();
  task = join(directory.path, 'moon');
  const init = await runCli(directory.path, ['init', 'moon', '--example', 'moon-jump']);
  expect(init.code).toBe(0);
});
afterEach(() => directory.remove());

/** The plain baseline variant on a scripted double of the task folder. */
function evalBaseline(rules: string, repeats: string, extra: string[] = []) {
  return runCli(task, [
    'eval',
    '--model',
    `double:${rules}`,
    '--variant',
    'baseline',
    '--repeats',
    repeats,
    ...extra,
  ]);
}

function countLines(file: string): number {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '').length;
}

describe('the CLI on the bundled example with the scripted double', () => {
  it('evaluates every cell, stores it, and show agrees with the stored cells', async () => {
    const cases = countLines(join(task, 'data', 'eval.jsonl'));
    const evaluation = await runCli(task, ['eval', '--model', 'double:double-rules.json']);
    expect(evaluation.stderr).not.toContain('internal error');
    expect(evaluation.code).toBe(0);
    // 4 variants × 2 temperatures × cases × 3 repeats, one model.
    const expectedCells = 4 * 2 * cases * 3;
    expect(evaluation.stdout).toContain(`${expectedCells} cells run`);

    const shown = await runCli(task, ['show', '--json']);
    expect(shown.code).toBe(0);
    const report = JSON.parse(shown.stdout) as {
      run: { id: string; status: string; totalCells: number };
      summary: {
        groups: {
          variant: string;
          passed: number;
          cells: number;
          passRate: number;
          lower: number;
          upper: number;
        }[];
        best: { variant: string };
      };
    };
    expect(report.run.status).toBe('completed');
    expect(report.run.totalCells).toBe(expectedCells);
    expect(report.summary.groups).toHaveLength(8);

    // Recount passes straight from the SQLite file and compare with the summary.
    const store = new SqliteEvalStore(join(task, '.tunegate', 'tunegate.db'));
    const passedByGroup = new Map<string, number>();
    let stored = 0;
    for (const cell of store.iterateCells(report.run.id)) {
      stored++;
      const key = `${cell.variant}/${cell.samplingIndex}`;
      passedByGroup.set(key, (passedByGroup.get(key) ?? 0) + (cell.passed ? 1 : 0));
    }
    store.close();
    expect(stored).toBe(expectedCells);
    for (const group of report.summary.groups) {
      expect(group.cells).toBe(cases * 3);
      expect(group.lower).toBeLessThanOrEqual(group.passRate);
      expect(group.upper).toBeGreaterThanOrEqual(group.passRate);
    }
    const totalPassed = report.summary.groups.reduce((sum, group) => sum + group.passed, 0);
    expect(totalPassed).toBe([...passedByGroup.values()].reduce((a, b) => a + b, 0));
    // The double is built to be right about 70 % of the time, never perfect.
    expect(totalPassed / expectedCells).toBeGreaterThan(0.4);
    expect(totalPassed / expectedCells).toBeLessThan(0.95);
  });

  it('gives the same interval and paired p for 1 and 3 repeats of a deterministic model', async () => {
    // The same answer on every call: 3 repeats are 3 copies, not 3 times the evidence.
    const rules = JSON.parse(readFileSync(join(task, 'double-rules.json'), 'utf8')) as {
      rules: { match: string; output: string | string[] }[];
    };
    for (const rule of rules.rules) {
      if (Array.isArray(rule.output)) rule.output = rule.output[0] as string;
    }
    writeFileSync(join(task, 'fixed-rules.json'), JSON.stringify(rules));
    type Summary = {
      summary: {
        best: { passRate: number; lower: number; upper: number; cases: number };
        comparison: { p: number; pairing: string; method: string } | null;
      };
    };
    const measure = async (repeats: string) => {
      const evaluation = await evalBaseline('fixed-rules.json', repeats);
      expect(evaluation.code).toBe(0);
      return (JSON.parse((await runCli(task, ['show', '--json'])).stdout) as Summary).summary;
    };
    const once = await measure('1');
    const thrice = await measure('3');
    expect(thrice.best.passRate).toBeCloseTo(once.best.passRate, 12);
    expect(thrice.best.lower).toBeCloseTo(once.best.lower, 12);
    expect(thrice.best.upper).toBeCloseTo(once.best.upper, 12);
    // The double ignores temperature: 0 and 0.7 answer alike, and the paired test says so.
    expect(once.comparison?.method).toBe('exact McNemar');
    expect(thrice.comparison?.p).toBe(1);
    expect(thrice.comparison?.pairing).toBe(`${thrice.best.cases} cases, 3 repeats each`);
  });

  it('exits 6 when calls failed, shows them apart, and names no best from a group without answers', async () => {
    const rules = JSON.parse(readFileSync(join(task, 'double-rules.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    rules.failures = [{ status: 400, match: 'hammer|feather', message: 'scripted bad request' }];
    writeFileSync(join(task, 'failing-rules.json'), JSON.stringify(rules));
    const partly = await evalBaseline('failing-rules.json', '1');
    expect(partly.code).toBe(6);
    expect(partly.stderr).toMatch(/\d+ calls? failed in run .*not scored \(exit 6\)/);
    expect(partly.stdout).toContain('failed calls in baseline on double:failing-rules.json');
    expect(partly.stdout).toContain('scripted bad request');
    const shown = JSON.parse((await runCli(task, ['show', '--json'])).stdout) as {
      summary: { groups: { errors: number; cells: number; cases: number }[] };
    };
    for (const group of shown.summary.groups) {
      expect(group.errors).toBeGreaterThan(0);
      // Failed calls are no cases: only answered cases enter the pass rate.
      expect(group.cases).toBe(group.cells - group.errors);
    }

    rules.failures = [{ status: 400, message: 'scripted bad request' }];
    writeFileSync(join(task, 'failing-rules.json'), JSON.stringify(rules));
    const all = await evalBaseline('failing-rules.json', '1', ['--limit', '4']);
    expect(all.code).toBe(6);
    expect(all.stdout).toContain('no best: every group is incomplete');
    expect(all.stdout).not.toMatch(/^best:/m);
  });

  it('serves a second identical run from the response cache', async () => {
    await runCli(task, ['eval', '--model', 'double:double-rules.json', '--limit', '5']);
    const second = await runCli(task, [
      'eval',
      '--model',
      'double:double-rules.json',
      '--limit',
      '5',
    ]);
    expect(second.code).toBe(0);
    const shown = JSON.parse((await runCli(task, ['show', '--json'])).stdout) as {
      run: { id: string };
    };
    const store = new SqliteEvalStore(join(task, '.tunegate', 'tunegate.db'));
    const cells = [...store.iterateCells(shown.run.id)];
    store.close();
    expect(cells.length).toBe(4 * 2 * 5 * 3);
    expect(cells.every((cell) => cell.cached)).toBe(true);
  });

  it('lists failures with the failing check and its reason', async () => {
    await runCli(task, ['eval', '--model', 'double:double-rules.json', '--variant', 'baseline']);
    const shown = await runCli(task, ['show', '--failures', '--limit', '3']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('failures (3 shown)');
    expect(shown.stdout).toMatch(/right-label \(content\)|one-label \(format\)/);
  });

  it('prints calls, tokens and cost on --dry-run and spends nothing', async () => {
    const cases = countLines(join(task, 'data', 'eval.jsonl'));
    const dry = await runCli(task, [
      'eval',
      '--dry-run',
      '--variant',
      'baseline',
      '--repeats',
      '1',
    ]);
    expect(dry.code).toBe(0);
    // baseline × 2 temperatures × cases × 1 repeat × 2 models
    expect(dry.stdout).toContain(`${2 * cases * 2} calls`);
    expect(dry.stdout).toMatch(/estimated cost \$\d/);
    const none = await runCli(task, ['show']);
    expect(none.code).toBe(5);
    expect(none.stderr).toContain('no runs yet');
  });

  it('answers an unknown flag with one line and exit code 2', async () => {
    const outcome = await runCli(task, ['eval', '--temprature', '1']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
    expect(outcome.stderr).toContain("unknown option '--temprature'");
  });

  it('names file, line and field of a bad task file, with exit code 3 and no stack trace', async () => {
    const file = join(task, 'tunegate.yaml');
    const text = readFileSync(file, 'utf8').replace('repeats: 3', 'repeats: 3\nrepeatz: 2');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((row) => row.startsWith('repeatz')) + 1;
    const outcome = await runCli(task, ['eval']);
    expect(outcome.code).toBe(3);
    expect(outcome.stderr).toContain(`tunegate.yaml:${line}`);
    expect(outcome.stderr).toContain('repeatz');
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the data file and line of a broken eval row', async () => {
    const file = join(task, 'data', 'eval.jsonl');
    const rows = readFileSync(file, 'utf8').trimEnd().split('\n');
    rows.splice(2, 0, '{"id": "broken", "assertion": ');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const outcome = await runCli(task, ['eval', '--model', 'double:double-rules.json']);
    expect(outcome.code).toBe(3);
    expect(outcome.stderr).toContain('eval.jsonl:3');
  });

  it('refuses an unknown variant with the names it knows', async () => {
    const outcome = await runCli(task, ['eval', '--variant', 'nope']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('unknown variant "nope"');
    expect(outcome.stderr).toContain('baseline');
  });
});
