/**
 * Times `data check` with near-duplicate detection on generated chat examples. Run against
 * the compiled library:
 *
 *   npm run build && node bench/data.ts [ROWS]
 *
 * The file (default 1,000,000 rows, about 330 MB) is written to the system temp folder and
 * removed afterwards. Rows are seeded: a user turn of 15–40 and an assistant turn of 8–30
 * words from a 20,000-word vocabulary with Zipf-like frequencies, a system message on a
 * third of them; every 150th row repeats an earlier row exactly, every 97th changes one word
 * of an earlier row (a near-duplicate), every 100,000th line is broken JSON. The check runs in
 * a child process so that its peak resident memory (maxRSS) is its own. The last line is
 * `data_check_1m_s VALUE s`.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Datasets = typeof import('../src/core/datasets/index.js');

const datasetsUrl = new URL('../dist/core/datasets/index.js', import.meta.url).href;

if (process.argv[2] === '--child') {
  const datasets: Datasets = await import(datasetsUrl);
  const start = performance.now();
  const { report } = await datasets.checkDataset(process.argv[3] as string, {
    maxListedPerCode: 5,
  });
  const seconds = (performance.now() - start) / 1000;
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({
      seconds,
      maxRssBytes,
      rows: report.rows,
      clean: report.cleanRows,
      counts: report.counts,
    }),
  );
} else {
  await parent();
}

async function parent(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const file = join(tmpdir(), `tunegate-bench-data-${process.pid}.jsonl`);
  const generated = performance.now();
  await generate(file, rows, 1);
  console.log(
    `# generated ${rows} rows in ${((performance.now() - generated) / 1000).toFixed(1)} s: ${file}`,
  );
  try {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`the check failed with exit code ${child.status}`);
    const result = JSON.parse(child.stdout.trim().split('\n').pop() as string) as {
      seconds: number;
      maxRssBytes: number;
      rows: number;
      clean: number;
      counts: Record<string, number>;
    };
    console.log(`# ${result.rows} rows, ${result.clean} clean; ${JSON.stringify(result.counts)}`);
    console.log(`data_check_peak_rss_mib ${(result.maxRssBytes / 1024 / 1024).toFixed(0)} MiB`);
    console.log(`data_check_1m_s ${result.seconds.toFixed(2)} s`);
  } finally {
    await rm(file, { force: true });
  }
}

/** mulberry32, as the library's seeded source. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function generate(file: string, rows: number, seed: number): Promise<void> {
  const random = seeded(seed);
  const vocabulary: string[] = [];
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const seen = new Set<string>();
  while (vocabulary.length < 20_000) {
    let word = '';
    const length = 2 + Math.floor(random() * 9);
    for (let index = 0; index < length; index += 1) word += letters[Math.floor(random() * 26)];
    if (!seen.has(word)) {
      seen.add(word);
      vocabulary.push(word);
    }
  }
  const cumulative = new Float64Array(vocabulary.length);
  let total = 0;
  for (let rank = 0; rank < vocabulary.length; rank += 1) {
    total += 1 / (rank + 1) ** 1.05;
    cumulative[rank] = total;
  }
  const word = (): string => {
    const target = random() * total;
    let low = 0;
    let high = vocabulary.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low] as string;
  };
  const words = (minimum: number, maximum: number): string[] =>
    Array.from({ length: minimum + Math.floor(random() * (maximum - minimum + 1)) }, word);
  const stream = createWriteStream(file);
  const recent: string[][] = [];
  let batch: string[] = [];
  for (let row = 1; row <= rows; row += 1) {
    let line: string;
    if (row % 100_000 === 0) line = '{"messages": [{"role": "user", "content": "broken';
    else if (row % 150 === 0 && recent.length > 0)
      line = JSON.stringify(toRow(recent[Math.floor(random() * recent.length)] as string[]));
    else {
      let parts: string[];
      if (row % 97 === 0 && recent.length > 0) {
        parts = [...(recent[Math.floor(random() * recent.length)] as string[])];
        const user = (parts[1] as string).split(' ');
        user[Math.floor(random() * user.length)] = word();
        parts[1] = user.join(' ');
      } else {
        const system = random() < 1 / 3 ? 'You are a concise support assistant.' : '';
        parts = [system, words(15, 40).join(' '), words(8, 30).join(' ')];
      }
      recent.push(parts);
      if (recent.length > 1000) recent.shift();
      line = JSON.stringify(toRow(parts));
    }
    batch.push(line);
    if (batch.length === 10_000) {
      if (!stream.write(`${batch.join('\n')}\n`)) await once(stream, 'drain');
      batch = [];
    }
  }
  if (batch.length > 0) stream.write(`${batch.join('\n')}\n`);
  stream.end();
  await once(stream, 'close');
}

function toRow([system, user, assistant]: string[]): unknown {
  const messages = [];
  if (system) messages.push({ role: 'system', content: system });
  messages.push({ role: 'user', content: user }, { role: 'assistant', content: assistant });
  return { messages };
}
