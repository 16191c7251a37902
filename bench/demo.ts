/**
 * `tunegate demo` end to end, stage by stage:
 *
 *   npm run build && node bench/demo.ts            (the full demo, as the README runs it)
 *   BENCH_DEMO_SIZE=small BENCH_DEMO_RUNS=3 node bench/demo.ts
 *
 * Each run is a fresh `bin/tunegate.js demo` process in a new temporary folder, timed from
 * spawn to exit (model loading, the trainer's worker and the report included). Per stage it
 * prints the wall time the demo recorded; the last line is `demo_s VALUE s`, the median over
 * the runs of the whole process's wall time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const size = process.env.BENCH_DEMO_SIZE ?? 'full';
const runs = Number(process.env.BENCH_DEMO_RUNS ?? '1');
const bin = fileURLToPath(new URL('../bin/tunegate.js', import.meta.url));

interface Progress {
  stages: { id: string; seconds: number; takeaway: string }[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

const totals: number[] = [];
const stageTimes = new Map<string, number[]>();
for (let run = 1; run <= runs; run++) {
  const folder = mkdtempSync(join(tmpdir(), 'tunegate-bench-demo-'));
  try {
    const started = performance.now();
    const result = spawnSync(process.execPath, [bin, 'demo', '--size', size, '--dir', 'demo'], {
      cwd: folder,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 0) {
      process.stderr.write(result.stdout.slice(-4000) + result.stderr.slice(-4000));
      throw new Error(`tunegate demo exited with ${result.status}`);
    }
    const progress = JSON.parse(
      readFileSync(join(folder, 'demo', '.tunegate', 'demo.json'), 'utf8'),
    ) as Progress;
    console.log(`run ${run}/${runs} (${size}): ${seconds.toFixed(1)} s`);
    for (const stage of progress.stages) {
      console.log(
        `  ${stage.id.padEnd(9)} ${stage.seconds.toFixed(1).padStart(6)} s  ${stage.takeaway}`,
      );
      stageTimes.set(stage.id, [...(stageTimes.get(stage.id) ?? []), stage.seconds]);
    }
    totals.push(seconds);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
console.log(`stage medians over ${runs} run${runs === 1 ? '' : 's'}:`);
for (const [id, values] of stageTimes)
  console.log(`  ${id.padEnd(9)} ${median(values).toFixed(1)} s`);
console.log(`demo_s ${median(totals).toFixed(1)} s`);
