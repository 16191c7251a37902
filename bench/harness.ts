// Scheduler overhead: N cells through runEval with the scripted double, persisted to SQLite.
// Each size runs in its own child process so peak RSS is that size's own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const sizes = [10_000, 100_000];
const variants = 2;
const repeats = 5;

async function measure(cells: number): Promise<void> {
  const { loadTask, runEval, SqliteEvalStore } = await import('../dist/index.js');
  const directory = mkdtempSync(join(tmpdir(), 'tunegate-bench-'));
  const cases = cells / (variants * repeats);
  const lines: string[] = [];
  for (let index = 0; index < cases; index++) {
    const expected = index % 3 === 0 ? 'incorrect' : 'correct';
    lines.push(
      JSON.stringify({
        id: `c${index}`,
        input: `statement number ${index} about gravity`,
        expected,
      }),
    );
  }
  writeFileSync(join(directory, 'eval.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(
    join(directory, 'rules.json'),
    JSON.stringify({
      description: 'benchmark double',
      rules: [{ match: '[02468] about', output: ['correct', 'incorrect'] }],
      default: 'correct',
    }),
  );
  writeFileSync(
    join(directory, 'tunegate.yaml'),
    [
      'name: bench',
      'instruction: Judge the statement. Answer correct or incorrect.',
      'output: { kind: label, labels: [correct, incorrect] }',
      'checks:',
      '  - { type: label }',
      '  - { type: equals }',
      'data: { eval: eval.jsonl }',
      'models: [ "double:rules.json" ]',
      'variants:',
      '  - { name: plain }',
      '  - { name: terse, instruction: "Answer correct or incorrect." }',
      `repeats: ${repeats}`,
      'run: { concurrency: 8 }',
    ].join('\n'),
  );
  const task = await loadTask(join(directory, 'tunegate.yaml'));
  const store = new SqliteEvalStore(join(directory, 'bench.db'));
  const started = performance.now();
  const result = await runEval(task, { store });
  const wallMs = performance.now() - started;
  const stored = store.countCells(result.run.id);
  store.close();
  rmSync(directory, { recursive: true, force: true });
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ cells, stored, wallMs, msPerCell: wallMs / cells, peakRssMiB }));
}

const sizeArgument = process.argv.indexOf('--cells');
if (sizeArgument > 0) {
  await measure(Number(process.argv[sizeArgument + 1]));
} else {
  const self = fileURLToPath(import.meta.url);
  const results: { cells: number; wallMs: number; msPerCell: number; peakRssMiB: number }[] = [];
  for (const cells of sizes) {
    const child = spawnSync(process.execPath, [self, '--cells', String(cells)], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`benchmark child failed: ${child.stderr}`);
    const line = child.stdout.trim().split('\n').at(-1) ?? '{}';
    const figures = JSON.parse(line);
    results.push(figures);
    console.log(
      `cells ${cells}: wall ${(figures.wallMs / 1000).toFixed(2)} s, ${figures.msPerCell.toFixed(4)} ms/cell, peak RSS ${figures.peakRssMiB.toFixed(0)} MiB (stored ${figures.stored})`,
    );
  }
  const last = results.at(-1);
  console.log(`harness_ms_per_cell ${last?.msPerCell.toFixed(4)} ms`);
}
