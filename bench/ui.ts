/**
 * The Runs page on a store of 100,000 cells, in headless Chromium. Run against the build:
 *
 *   npm run build && node bench/ui.ts
 *
 * The store holds one completed run: 5 variants × 4 models × 1,000 cases × 5 repeats, with
 * two checks per cell. Each measurement opens the page in a new tab and reads the
 * `runs-ready` performance mark the app sets once the matrix and the first rows of the
 * virtualised cell list are on screen: milliseconds since navigation started, server time
 * included. The figure is the median of 5 tabs; the last line is
 * `runs_page_first_render_ms VALUE ms`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

type Store = typeof import('../src/store/sqlite-eval-store.js');
type Server = typeof import('../src/web/server/create-web-server.js');
type Prepare = typeof import('../src/core/eval/prepare-run.js');
type CellResult = import('../src/core/eval/cell-result.js').CellResult;

// Paths built at run time, so type checking needs no dist/ (types come from src/).
const dist = (path: string) => new URL(`../dist/${path}`, import.meta.url).href;
const { SqliteEvalStore }: Store = await import(dist('store/sqlite-eval-store.js'));
const { createWebServer }: Server = await import(dist('web/server/create-web-server.js'));
const { cellKey }: Prepare = await import(dist('core/eval/prepare-run.js'));

const variants = ['baseline', 'strong-verb', 'few-shot', 'system', 'strict'];
const models = ['double:a', 'double:b', 'double:c', 'double:d'];
const cases = 1000;
const repeats = 5;
const measurements = 5;
const words = 'the rock falls slowly because gravity on the moon is weak and there is no air'.split(
  ' ',
);

function writeTask(folder: string): string {
  const lines = Array.from({ length: cases }, (_, index) =>
    JSON.stringify({ id: caseId(index), input: `statement ${index}`, expected: 'correct' }),
  );
  writeFileSync(join(folder, 'eval.jsonl'), `${lines.join('\n')}\n`);
  const file = join(folder, 'tunegate.yaml');
  writeFileSync(
    file,
    [
      'name: bench',
      'instruction: Judge the statement. Answer correct or incorrect.',
      'output: { kind: label, labels: [correct, incorrect] }',
      'checks: [{ type: label }, { type: equals }]',
      'data: { eval: eval.jsonl }',
      `models: [${models.join(', ')}]`,
      `variants: [${variants.map((name) => `{ name: ${name} }`).join(', ')}]`,
      `repeats: ${repeats}`,
    ].join('\n'),
  );
  return file;
}

const caseId = (index: number) => `case-${String(index).padStart(4, '0')}`;

function cell(variant: string, model: string, index: number, repeat: number): CellResult {
  const mix = (index * 31 + repeat * 7 + variant.length * 13 + model.charCodeAt(7)) % 17;
  const output =
    mix < 11 ? 'correct' : mix < 15 ? 'incorrect' : words.slice(mix % 5, (mix % 5) + 7).join(' ');
  const passed = mix < 11;
  return {
    key: cellKey(variant, model, 0, caseId(index), repeat),
    variant,
    model,
    samplingIndex: 0,
    sampling: { temperature: 0.7, maxTokens: 10 },
    caseId: caseId(index),
    repeat,
    status: 'ok',
    output,
    errorCode: null,
    errorMessage: null,
    passed,
    formatPassed: mix < 15,
    checks: [
      { name: 'label', kind: 'format', pass: mix < 15 },
      {
        name: 'equals',
        kind: 'content',
        pass: passed,
        ...(passed ? {} : { reason: 'expected correct' }),
      },
    ],
    inputTokens: 120,
    outputTokens: output.split(' ').length,
    tokensEstimated: false,
    cost: 0.00002,
    latencyMs: 300 + mix,
    finishReason: 'stop',
    cached: false,
    attempts: 1,
  };
}

const folder = mkdtempSync(join(tmpdir(), 'tunegate-bench-ui-'));
const profile = mkdtempSync(join(tmpdir(), 'tunegate-bench-chromium-'));
try {
  const taskFile = writeTask(folder);
  const storeFile = join(folder, 'tunegate.db');
  const store = new SqliteEvalStore(storeFile);
  const runId = 'bench-run';
  const total = variants.length * models.length * cases * repeats;
  const now = new Date().toISOString();
  store.createRun({
    id: runId,
    taskName: 'bench',
    taskFile,
    taskHash: 'bench',
    options: {},
    status: 'completed',
    totalCells: total,
    createdAt: now,
    finishedAt: now,
  });
  const seeding = performance.now();
  let batch: CellResult[] = [];
  for (const variant of variants) {
    for (const model of models) {
      for (let index = 0; index < cases; index++) {
        for (let repeat = 0; repeat < repeats; repeat++) {
          batch.push(cell(variant, model, index, repeat));
          if (batch.length === 5000) {
            store.writeCells(runId, batch, []);
            batch = [];
          }
        }
      }
    }
  }
  store.writeCells(runId, batch, []);
  console.log(
    `store: ${store.countCells(runId)} cells written in ${Math.round(performance.now() - seeding)} ms`,
  );

  const server = await createWebServer({ store, storeFile, taskFile });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.TUNEGATE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const figures: number[] = [];
  try {
    for (let attempt = 0; attempt < measurements; attempt++) {
      const page = await context.newPage();
      await page.goto(`${server.url}#/runs/${runId}`);
      await page.waitForSelector('body[data-runs-ready="true"]', { timeout: 60_000 });
      const milliseconds = await page.evaluate(
        () => performance.getEntriesByName('runs-ready')[0]?.startTime ?? Number.NaN,
      );
      const rows = await page.locator('.cell-row').count();
      console.log(`tab ${attempt + 1}: ${Math.round(milliseconds)} ms (${rows} rows drawn)`);
      figures.push(milliseconds);
      await page.close();
    }
  } finally {
    await context.close();
    await server.close();
    store.close();
  }
  figures.sort((a, b) => a - b);
  const median = figures[Math.floor(figures.length / 2)] ?? Number.NaN;
  console.log(`runs_page_first_render_ms ${Math.round(median)} ms`);
} finally {
  rmSync(folder, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}
