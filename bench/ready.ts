/**
 * `tunegate ready` plus an HTML `tunegate report` on a store of 1,000,000 cells:
 *
 *   npm run build && node bench/ready.ts
 *
 * The store holds 10 completed runs of 5 variants × 2 models × 4 sampling points × 500 cases
 * × 5 repeats (two check results per cell), built once (not timed). Each measurement runs in a
 * fresh process: `ready` then `report --format html -o FILE`, through the same command
 * functions the CLI runs. Last line: `ready_report_1m_s VALUE s`, the median of 3.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type StoreModule = typeof import('../src/store/sqlite-eval-store.js');
type CellResult = import('../src/core/eval/cell-result.js').CellResult;

const dist = (path: string) => new URL(`../dist/${path}`, import.meta.url).href;

const RUNS = 10;
const VARIANTS = 5;
const MODELS = 2;
const SAMPLING = 4;
const CASES = 500;
const REPEATS = 5;

function writeTask(directory: string): void {
  const lines = (rows: object[]) => `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`;
  const label = (index: number) => (index % 3 === 0 ? 'incorrect' : 'correct');
  writeFileSync(
    join(directory, 'eval.jsonl'),
    lines(
      Array.from({ length: CASES }, (_, i) => ({
        id: `c${i}`,
        input: `claim number ${i} about gravity on the moon`,
        expected: label(i),
      })),
    ),
  );
  writeFileSync(
    join(directory, 'pool.jsonl'),
    lines(
      Array.from({ length: 20 }, (_, i) => ({
        id: `p${i}`,
        input: `example claim ${i}`,
        expected: label(i),
      })),
    ),
  );
  writeFileSync(
    join(directory, 'train.jsonl'),
    lines(
      Array.from({ length: 2000 }, (_, i) => ({
        id: `t${i}`,
        input: `training claim ${i} about falling bodies`,
        expected: label(i),
      })),
    ),
  );
  writeFileSync(
    join(directory, 'tunegate.yaml'),
    [
      'name: bench',
      'instruction: Decide whether the claim is plausible. Answer with exactly one word, correct or incorrect.',
      'output: { kind: label, labels: [correct, incorrect] }',
      'checks: [{ type: label, name: one-label }, { type: equals, name: right-label }]',
      'targets: { passRate: 0.95, consistency: 0.95 }',
      'data: { eval: eval.jsonl, fewShot: pool.jsonl, train: train.jsonl }',
      'models:',
      '  - { ref: "openai:gpt-4o-mini", name: m0 }',
      '  - { ref: "openai:gpt-4.1-nano", name: m1 }',
      'variants:',
      '  - { name: v0 }',
      '  - { name: v1, instruction: "Classify the claim. Answer with exactly one word: correct or incorrect." }',
      '  - { name: v2, fewShot: { k: 3, selection: nearest } }',
      '  - { name: v3, system: "You are a physics teacher. Answer correct or incorrect." }',
      '  - { name: v4, fewShot: { k: 5 } }',
      'sampling: { temperature: [0, 0.3, 0.7, 1] }',
      `repeats: ${REPEATS}`,
    ].join('\n'),
  );
}

async function buildStore(directory: string): Promise<void> {
  const { SqliteEvalStore }: StoreModule = await import(dist('store/sqlite-eval-store.js'));
  const store = new SqliteEvalStore(join(directory, '.tunegate', 'tunegate.db'));
  for (let run = 0; run < RUNS; run++) {
    const id = `run-${run}`;
    store.createRun({
      id,
      taskName: 'bench',
      taskFile: join(directory, 'tunegate.yaml'),
      taskHash: 'bench',
      options: {},
      status: 'completed',
      totalCells: VARIANTS * MODELS * SAMPLING * CASES * REPEATS,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, run)).toISOString(),
      finishedAt: null,
    });
    for (let variant = 0; variant < VARIANTS; variant++) {
      for (let model = 0; model < MODELS; model++) {
        for (let sampling = 0; sampling < SAMPLING; sampling++) {
          const cells: CellResult[] = [];
          for (let index = 0; index < CASES; index++) {
            for (let repeat = 0; repeat < REPEATS; repeat++) {
              // About 70–80 % pass, some cases never, some answers off-format.
              const seed = (index * 31 + repeat * 7 + variant * 3 + sampling + run) % 100;
              const hard = index % 17 === 0;
              const format = seed % 23 === 0;
              const pass = !hard && !format && seed < 72 + variant + model;
              const truth = index % 3 === 0 ? 'incorrect' : 'correct';
              const wrong = truth === 'correct' ? 'incorrect' : 'correct';
              const output = format ? `I think it is ${truth}.` : pass ? truth : wrong;
              const key = JSON.stringify([
                `v${variant}`,
                `m${model}`,
                sampling,
                `c${index}`,
                repeat,
              ]);
              cells.push({
                key,
                variant: `v${variant}`,
                model: `m${model}`,
                samplingIndex: sampling,
                sampling: { temperature: [0, 0.3, 0.7, 1][sampling] as number },
                caseId: `c${index}`,
                repeat,
                status: 'ok',
                output,
                errorCode: null,
                errorMessage: null,
                passed: pass,
                formatPassed: !format,
                checks: [
                  { name: 'one-label', kind: 'format', pass: !format },
                  { name: 'right-label', kind: 'content', pass },
                ],
                inputTokens: 180 + variant * 60,
                outputTokens: format ? 6 : 2,
                tokensEstimated: false,
                cost: 0.00003,
                latencyMs: 300,
                finishReason: 'stop',
                cached: false,
                attempts: 1,
              });
            }
          }
          store.writeCells(id, cells, []);
        }
      }
    }
  }
  store.close();
}

/** One cold process: `ready`, then the HTML report, as the CLI runs them. */
async function measure(directory: string): Promise<void> {
  const { createProgram } = await import(dist('cli/main.js'));
  const { registerReadyCommand } = await import(dist('cli/commands/ready-command.js'));
  const { registerReportCommand } = await import(dist('cli/commands/report-command.js'));
  let stdout = '';
  const io = {
    stdout: (text: string) => {
      stdout += text;
    },
    stderr: () => {},
    interactive: false,
    cwd: directory,
    env: {},
  };
  const run = async (args: string[]) => {
    const result = { code: 0 };
    const program = createProgram(io, result);
    for (const register of [registerReadyCommand, registerReportCommand]) {
      const name = register === registerReadyCommand ? 'ready' : 'report';
      if (!program.commands.some((command: { name(): string }) => command.name() === name)) {
        register(program, { io, result });
      }
    }
    await program.parseAsync(args, { from: 'user' });
    if (result.code !== 0) throw new Error(`tunegate ${args.join(' ')} exited ${result.code}`);
  };
  const started = performance.now();
  await run(['ready']);
  await run(['report', '--format', 'html', '-o', 'report.html']);
  const seconds = (performance.now() - started) / 1000;
  const verdict = /verdict: ([a-z-]+)/.exec(stdout)?.[1];
  console.log(
    JSON.stringify({
      seconds,
      verdict,
      reportBytes: statSync(join(directory, 'report.html')).size,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

const measureArgument = process.argv.indexOf('--measure');
if (measureArgument > 0) {
  await measure(process.argv[measureArgument + 1] as string);
} else {
  const directory = mkdtempSync(join(tmpdir(), 'tunegate-bench-ready-'));
  try {
    writeTask(directory);
    const building = performance.now();
    await buildStore(directory);
    console.log(
      `built a store of ${RUNS * VARIANTS * MODELS * SAMPLING * CASES * REPEATS} cells in ${((performance.now() - building) / 1000).toFixed(1)} s (not timed)`,
    );
    const self = fileURLToPath(import.meta.url);
    const seconds: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const child = spawnSync(process.execPath, [self, '--measure', directory], {
        encoding: 'utf8',
      });
      if (child.status !== 0) throw new Error(`measurement failed: ${child.stderr}`);
      const figures = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}');
      seconds.push(figures.seconds);
      console.log(
        `run ${attempt + 1}: ${figures.seconds.toFixed(2)} s, verdict ${figures.verdict}, report ${Math.round(figures.reportBytes / 1024)} KiB, peak RSS ${figures.peakRssMiB.toFixed(0)} MiB`,
      );
    }
    seconds.sort((a, b) => a - b);
    console.log(`ready_report_1m_s ${(seconds[1] as number).toFixed(2)} s`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
