import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OpenAIFineTuningDouble } from '../support/openai-fine-tuning-double.js';
import { runFinetuneCli } from '../support/run-finetune-cli.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { moonTaskWithTrainingData, withJobStore } from './finetune-harness.js';

/** bin/tunegate.js's program from dist (npm test builds it), plus finetune while main lacks it. */
const child = fileURLToPath(new URL('../support/finetune-cli-child.mjs', import.meta.url));
const apiKey = 'sk-test-openai-finetune-0123456789';

let directory: { path: string; remove: () => void };
let task: string;
let double: OpenAIFineTuningDouble;

beforeEach(async () => {
  directory = temporaryDirectory();
  task = await moonTaskWithTrainingData(directory.path);
  // Six steps; the job stops moving at step 3 until released, so the kill lands mid-job.
  double = await OpenAIFineTuningDouble.start({ apiKey, script: { steps: 6, holdAtStep: 3 } });
});
afterEach(async () => {
  await double.close();
  directory.remove();
});

function storedLoss(): number {
  return withJobStore(task, (store) =>
    store.listJobs().reduce((sum, job) => sum + store.lossPoints(job.id).length, 0),
  );
}

describe('following a finetune job after the CLI is killed', () => {
  it('resumes with --follow: nothing lost, nothing stored twice, the model registered once', async () => {
    const cli = spawn(
      process.execPath,
      [
        child,
        'finetune',
        '--engine',
        'openai',
        '--base',
        'openai:gpt-4o-mini',
        '--base-url',
        double.baseURL,
        '--poll-interval',
        '20',
      ],
      {
        cwd: task,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, OPENAI_API_KEY: apiKey },
      },
    );
    let stderr = '';
    cli.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const exited = new Promise((resolve) => cli.on('exit', resolve));
    // The store is read only once the child has created it (two processes migrating one new
    // file at once would race), that is once it follows the job it stored.
    for (let waited = 0; waited < 30_000; waited += 50) {
      if (stderr.includes('following openai job') && storedLoss() >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    cli.kill('SIGKILL');
    await exited;
    expect(stderr).toContain('following openai job ftjob-test1');
    const before = withJobStore(task, (store) => ({
      job: store.getJob('ftjob-test1'),
      events: store.events('ftjob-test1').map((event) => event.id),
      loss: store.lossPoints('ftjob-test1').map((point) => point.step),
    }));
    expect(before.job).toMatchObject({ status: 'running', registered: false });
    expect(before.loss).toEqual([1, 2, 3]);

    double.job('ftjob-test1').release();
    const resumed = await runFinetuneCli(
      task,
      ['finetune', '--follow', 'ftjob-test1', '--poll-interval', '5'],
      { OPENAI_API_KEY: apiKey },
    );
    expect(resumed.stderr).not.toContain('internal error');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(
      'job ftjob-test1 succeeded: openai:ft:gpt-4o-mini:tunegate-test::test1',
    );
    withJobStore(task, (store) => {
      const events = store.events('ftjob-test1').map((event) => event.id);
      expect(events.slice(0, before.events.length)).toEqual(before.events);
      expect(new Set(events).size).toBe(events.length);
      expect(store.events('ftjob-test1').map((event) => event.message)).toEqual(
        double.job('ftjob-test1').log.map((entry) => entry.message),
      );
      expect(store.lossPoints('ftjob-test1').map((point) => point.step)).toEqual([
        1, 2, 3, 4, 5, 6,
      ]);
      expect(store.getJob('ftjob-test1')).toMatchObject({ status: 'succeeded', registered: true });
    });
    // Following again is harmless: the model is listed once.
    const again = await runFinetuneCli(task, ['finetune', '--follow', 'ftjob-test1'], {
      OPENAI_API_KEY: apiKey,
    });
    expect(again.code).toBe(0);
    const models = parse(readFileSync(join(task, 'tunegate.yaml'), 'utf8')).models as {
      ref: string;
    }[];
    expect(
      models.filter((model) => model.ref === 'openai:ft:gpt-4o-mini:tunegate-test::test1'),
    ).toHaveLength(1);
  });
});
