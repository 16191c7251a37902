import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadTask } from '../../src/core/task/load-task.js';
import { SqliteEvalStore } from '../../src/store/sqlite-eval-store.js';
import { runCli } from '../support/run-cli.js';
import { runLabCli } from '../support/run-lab-cli.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

let directory: { path: string; remove: () => void };
let task: string;
let file: string;
let original: string;

/** The moon-jump example run on its scripted double, priced so the economics have numbers. */
beforeEach(async () => {
  directory = temporaryDirectory();
  task = join(directory.path, 'moon');
  expect((await runCli(directory.path, ['init', 'moon'])).code).toBe(0);
  file = join(task, 'tunegate.yaml');
  const text = readFileSync(file, 'utf8');
  const models = text.slice(text.indexOf('\nmodels:') + 1, text.indexOf('# Prompt variants'));
  original = text.replace(
    models,
    [
      'models:',
      '  - ref: double:double-rules.json',
      '    name: rules',
      '    price: { input: 0.5, output: 1.5, training: 8 }',
      'prices:',
      '  "double:ft:double-rules.json": { input: 0.3, output: 1.2 }',
      '',
      '',
    ].join('\n'),
  );
  writeFileSync(file, original);
});

afterEach(() => directory.remove());

describe('lint', () => {
  it('passes the example and fails an unclear instruction with exit code 3', async () => {
    const clean = await runLabCli(task, ['lint']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('0 errors, 0 warnings');
    writeFileSync(
      file,
      original.replace(/^instruction: \|-\n(?: {2}.*\n)+/m, 'instruction: Handle the assertion.\n'),
    );
    const unclear = await runLabCli(task, ['lint', '--json']);
    expect(unclear.code).toBe(3);
    const report = JSON.parse(unclear.stdout);
    expect(report.instruction.findings.map((finding: { code: string }) => finding.code)).toEqual([
      'labels-unstated',
      'weak-verb',
    ]);
  });
});

describe('probe, limits, ready and report', () => {
  it('records the baseline, finds the limits and gives a verdict with per-verdict exit codes', async () => {
    const before = await runLabCli(task, ['ready', '--exit-code']);
    expect(before.code).toBe(10);
    expect(before.stdout).toContain('verdict: keep-prompting');

    const probe = await runLabCli(task, ['probe']);
    expect(probe.code).toBe(0);
    expect(probe.stdout).toMatch(/^probe run \S+: the plain instruction, zero-shot; 288 cells run/);
    const store = new SqliteEvalStore(join(task, '.tunegate', 'tunegate.db'));
    expect(store.latestRun()?.kind).toBe('probe');
    store.close();
    expect((await runCli(task, ['eval'])).code).toBe(0);

    const limits = JSON.parse((await runLabCli(task, ['limits', '--json'])).stdout);
    // Probe: baseline at 2 temperatures; eval: 4 variants at 2 temperatures.
    expect(limits.iterations).toHaveLength(10);
    expect(limits.plateau.reached).toBe(true);
    expect(limits.neverSolved.length).toBeGreaterThan(0);

    const ready = await runLabCli(task, ['ready', '--exit-code']);
    expect(ready.code).toBe(11);
    expect(ready.stdout).toMatch(/PASS {2}gate 1: Baseline/);
    expect(ready.stdout).toContain('verdict: not-ready');
    expect((await runLabCli(task, ['ready'])).code).toBe(0);
    const json = JSON.parse((await runLabCli(task, ['ready', '--json'])).stdout);
    expect(json.verdict).toBe('not-ready');
    expect(json.gates.map((gate: { pass: boolean }) => gate.pass)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(json.economics.breakEvenCalls).toBeGreaterThan(0);

    const report = await runLabCli(task, ['report', '-o', 'readiness.md']);
    expect(report.code).toBe(0);
    expect(report.stderr).toContain('wrote the md report');
    expect(readFileSync(join(task, 'readiness.md'), 'utf8')).toContain('**Verdict: not-ready**');
  });
});

describe('variants', () => {
  it('proposes built-in candidates and writes the accepted ones back, keeping the file as it was', async () => {
    const listed = await runLabCli(task, ['variants', '--axis', 'system,sampling']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('system-format');
    expect(listed.stdout).not.toContain('wording');
    const accepted = await runLabCli(task, [
      'variants',
      '--accept',
      'system-format,sampling-greedy',
    ]);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('added 2 variants');
    const updated = readFileSync(file, 'utf8');
    // Everything before the new entries is unchanged, comments included.
    const cut = original.indexOf('\n# The sampling grid');
    expect(updated.startsWith(original.slice(0, cut))).toBe(true);
    expect(updated.endsWith(original.slice(cut))).toBe(true);
    const names = (await loadTask(file)).config.variants.map((variant) => variant.name);
    expect(names.slice(-2)).toEqual(['system-format', 'sampling-greedy']);
    expect(updated).toContain('# proposed by tunegate variants (system axis, built-in)');
    expect((await runCli(task, ['eval', '--variant', 'system-format', '--limit', '2'])).code).toBe(
      0,
    );
  });

  it('asks the configured model for rewrites and can accept one', async () => {
    writeFileSync(
      join(task, 'rewriter.json'),
      JSON.stringify({
        rules: [],
        default:
          'Classify the assertion as physically plausible or not.\nAnswer with exactly one word: correct or incorrect.',
      }),
    );
    writeFileSync(file, `${original}\nlab:\n  model: double:rewriter.json\n`);
    const outcome = await runLabCli(task, [
      'variants',
      '--axis',
      'wording',
      '--rewrites',
      '2',
      '--accept',
      'rewrite-1',
    ]);
    expect(outcome.code).toBe(0);
    // The second answer repeats the first, so only one rewrite is proposed.
    expect(outcome.stdout).toContain('rejected a rewrite (same as an earlier rewrite)');
    const variants = parse(readFileSync(file, 'utf8')).variants;
    expect(variants.at(-1)).toEqual({
      name: 'rewrite-1',
      description: 'Wording axis: the instruction rewritten by double:rewriter.json.',
      instruction:
        'Classify the assertion as physically plausible or not.\nAnswer with exactly one word: correct or incorrect.',
    });
  });
});
