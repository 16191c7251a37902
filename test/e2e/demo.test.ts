import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SqliteComparisonStore } from '../../src/store/sqlite-comparison-store.js';
import { SqliteEvalStore } from '../../src/store/sqlite-eval-store.js';
import { SqliteFinetuneJobStore } from '../../src/store/sqlite-finetune-job-store.js';
import { type CliOutcome, runCli } from '../support/run-cli.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

const stageIds = [
  'probe',
  'variants',
  'limits',
  'data',
  'ready',
  'finetune',
  'compare',
  'sweep',
  'report',
];

interface Progress {
  size: string;
  stages: { id: string; seconds: number; takeaway: string }[];
  finetuned?: string;
}

const readJsonLines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { sentence: string; place: string });

describe('tunegate demo --size small (every stage for real, on the demo model)', () => {
  const folder = temporaryDirectory('tunegate-demo-');
  const demo = join(folder.path, 'demo');
  let first: CliOutcome;
  let progress: Progress;

  beforeAll(async () => {
    first = await runCli(folder.path, ['demo', '--size', 'small', '--dir', 'demo']);
    progress = JSON.parse(readFileSync(join(demo, '.tunegate', 'demo.json'), 'utf8'));
  }, 300_000);
  afterAll(() => folder.remove());

  it('runs the nine stages in order and records each one', () => {
    expect(first.stderr).not.toContain('internal error');
    expect(first.code).toBe(0);
    expect(progress.size).toBe('small');
    expect(progress.stages.map((stage) => stage.id)).toEqual(stageIds);
    for (const stage of progress.stages) {
      expect(stage.seconds).toBeGreaterThan(0);
      expect(first.stdout).toContain(`→ ${stage.takeaway}`);
    }
    expect(first.stdout).toContain('━━ Summary');
  });

  it('measures a baseline and the proposed prompts in the store', () => {
    const store = new SqliteEvalStore(join(demo, '.tunegate', 'tunegate.db'));
    try {
      const runs = store.listRuns();
      const probe = runs.find((run) => run.kind === 'probe');
      // 20 eval cases × 2 repeats of the plain instruction.
      expect(probe && store.countCells(probe.id)).toBe(40);
      const task = parse(readFileSync(join(demo, 'tunegate.yaml'), 'utf8'));
      const variants: { name: string; mode?: string }[] = task.variants;
      expect(variants.length).toBeGreaterThanOrEqual(10);
      expect(variants.some((variant) => variant.mode === 'completion')).toBe(true);
      const evaluation = runs.find((run) => (run.kind ?? 'eval') === 'eval');
      expect(evaluation && store.countCells(evaluation.id)).toBe(variants.length * 40);
    } finally {
      store.close();
    }
    const takeaway = (id: string) => progress.stages.find((stage) => stage.id === id)?.takeaway;
    expect(takeaway('probe')).toMatch(/^baseline: \d+\.\d% pass .* over 20 cases × 2 repeats$/);
    expect(takeaway('variants')).toMatch(/^\d+ prompts measured; best: \S+ at \d+\.\d%/);
    expect(takeaway('limits')).toMatch(/plateau/);
    expect(takeaway('ready')).toMatch(/verdict: (keep-prompting|not-ready|finetune)/);
  });

  it('builds at least 200 clean training rows that share no sentence with the eval set', () => {
    const train = readJsonLines(join(demo, 'data', 'train.jsonl'));
    const evalSentences = new Set(
      readJsonLines(join(demo, 'data', 'eval.jsonl')).map((row) => row.sentence),
    );
    expect(train.length).toBeGreaterThanOrEqual(200);
    expect(train.filter((row) => evalSentences.has(row.sentence))).toEqual([]);
    expect(new Set(train.map((row) => row.sentence)).size).toBe(train.length);
    const task = parse(readFileSync(join(demo, 'tunegate.yaml'), 'utf8'));
    expect(task.data.train).toBe('data/train.jsonl');
  });

  it('finetunes locally, registers the model, and compares it with the best prompt and the base', () => {
    const task = parse(readFileSync(join(demo, 'tunegate.yaml'), 'utf8'));
    const tuned = (task.models as { name: string; ref: string; finetunedFrom?: string }[]).find(
      (model) => model.name === progress.finetuned,
    );
    expect(tuned?.ref).toMatch(/^local:ft:tunegate-demo-stories:demo:[a-z0-9]{8}$/);
    expect(tuned?.finetunedFrom).toBe('local:models/tunegate-demo-stories.gguf');
    const database = join(demo, '.tunegate', 'tunegate.db');
    const jobs = new SqliteFinetuneJobStore(database);
    const comparisons = new SqliteComparisonStore(database);
    try {
      const [job] = jobs.listJobs('story-place');
      expect(job).toMatchObject({ engine: 'local', status: 'succeeded', resultModel: tuned?.ref });
      expect(jobs.lossPoints(job?.id ?? '').length).toBeGreaterThan(100);
      const comparison = comparisons.latestComparison('story-place');
      const arm = (role: string) => comparison?.arms.find((candidate) => candidate.role === role);
      expect(comparison?.arms.map((candidate) => candidate.role)).toEqual([
        'finetuned',
        'best-prompt',
        'base',
      ]);
      expect(arm('finetuned')?.ref).toBe(tuned?.ref);
      expect(arm('finetuned')?.trials).toBe(40);
      // The finetune learned the task the plain instruction cannot do on this model.
      expect(arm('finetuned')?.passRate ?? 0).toBeGreaterThan(arm('base')?.passRate ?? 1);
      const sweep = comparisons.latestSweep('story-place');
      expect(sweep?.model).toBe(progress.finetuned);
      expect(sweep?.variant).toMatch(/^finetuned-short/);
      expect(sweep?.points).toHaveLength(6);
    } finally {
      jobs.close();
      comparisons.close();
    }
  });

  it('writes a report that holds the comparison', () => {
    const report = readFileSync(join(demo, 'report.html'), 'utf8');
    expect(report).toContain('story-place');
    expect(report).toContain(progress.finetuned ?? '(no model)');
  });

  it('continues an interrupted demo without repeating finished stages', async () => {
    const file = join(demo, '.tunegate', 'demo.json');
    const cut = { ...progress, stages: progress.stages.slice(0, 7) };
    writeFileSync(file, JSON.stringify(cut));
    const again = await runCli(folder.path, ['demo', '--size', 'small', '--dir', 'demo']);
    expect(again.code).toBe(0);
    expect(again.stdout.match(/\(done earlier\)/g)).toHaveLength(7);
    expect(again.stdout).toContain('$ tunegate sweep --model');
    expect(again.stdout).not.toContain('$ tunegate finetune');
    const after: Progress = JSON.parse(readFileSync(file, 'utf8'));
    expect(after.stages.map((stage) => stage.id)).toEqual(stageIds);
  }, 120_000);

  it('refuses a folder that holds something else, and a demo of another size', async () => {
    const other = join(folder.path, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'mine');
    const refused = await runCli(folder.path, ['demo', '--dir', 'other']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not empty and holds no tunegate demo');
    const sized = await runCli(folder.path, ['demo', '--dir', 'demo', '--size', 'full']);
    expect(sized.code).toBe(2);
    expect(sized.stderr).toContain('holds a small demo');
    expect(existsSync(join(other, 'tunegate.yaml'))).toBe(false);
  });
});
