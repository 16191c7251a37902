import { Command } from 'commander';
import OpenAI, { APIError, toFile } from 'openai';
import type { FineTuningJob } from 'openai/resources/fine-tuning/jobs/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { registerServeCommand } from '../../src/cli/commands/serve-command.js';
import { countUploadTokens } from '../../src/core/datasets/training-token-count.js';
import { openLlamaCppTrainingTokenCounter } from '../../src/engines/trainer/data/llama-cpp-training-token-counter.js';
import { type TagCase, tagCases, tagFormat } from '../fixtures/trainer/tag-format-dataset.js';
import { validateAgainstOpenApi } from '../support/openapi-validator.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { importStories260K, type Stories260K } from './local-stories260k.js';

const token = 'sk-serve-fine-tuning-51a9';
const statusOrder = ['validating_files', 'queued', 'running', 'succeeded', 'failed', 'cancelled'];

interface RunningServe {
  baseURL: string;
  client: OpenAI;
  stdout: () => string;
  stop: () => Promise<number>;
}

let stories: Stories260K;
let folder: { path: string; remove: () => void };
let serve: RunningServe;

/** `tunegate serve` in-process on the shared store, resolving once it listens. */
async function startServe(): Promise<RunningServe> {
  let stdout = '';
  let stderr = '';
  const stop = new AbortController();
  const result = { code: -1 };
  let announce: (url: string) => void = () => {};
  const announced = new Promise<string>((resolve) => {
    announce = resolve;
  });
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
      const match = /at (http:\/\/\S+\/v1)\n/.exec(stdout);
      if (match?.[1] !== undefined) announce(match[1]);
    },
    stderr: (text) => {
      stderr += text;
    },
    interactive: false,
    cwd: folder.path,
    env: { ...stories.env, SERVE_KEY: token },
    signal: stop.signal,
  };
  const program = new Command('tunegate').exitOverride();
  registerServeCommand(program, { io, result });
  const args = ['serve', '--port', '0', '--model', 'stories260K', '--api-key-env', 'SERVE_KEY'];
  const finished = program.parseAsync([...args, '--store', 'state/serve.db'], { from: 'user' });
  const baseURL = await Promise.race([
    announced,
    finished.then(() => Promise.reject(new Error(stderr))),
  ]);
  return {
    baseURL,
    client: new OpenAI({ baseURL, apiKey: token, maxRetries: 0 }),
    stdout: () => stdout,
    stop: async () => {
      stop.abort();
      await finished;
      return result.code;
    },
  };
}

async function getJson(path: string): Promise<unknown> {
  const response = await fetch(`${serve.baseURL}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return response.json();
}

function expectValid(schema: string, body: unknown): void {
  expect(validateAgainstOpenApi(schema, body)).toEqual([]);
}

const chatLine = (item: TagCase) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: item.prompt.replace('\nTag:', '') },
      { role: 'assistant', content: `${item.name} | ${item.thing}` },
    ],
  });

const cases = tagCases();
const trainingText = `${cases.slice(0, 200).map(chatLine).join('\n')}\n`;
const heldOut = cases.slice(300, 320);

async function upload(client: OpenAI, text: string, name = 'train.jsonl') {
  return client.files.create({ file: await toFile(Buffer.from(text), name), purpose: 'fine-tune' });
}

/** Polls until `done` holds for the job, returning every status seen on the way. */
async function follow(client: OpenAI, id: string, done: (job: FineTuningJob) => boolean) {
  const seen: string[] = [];
  for (;;) {
    const job = await client.fineTuning.jobs.retrieve(id);
    if (seen.at(-1) !== job.status) seen.push(job.status);
    if (done(job)) return { job, seen };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function eventMessages(client: OpenAI, id: string): Promise<string[]> {
  const messages: string[] = [];
  for await (const event of client.fineTuning.jobs.listEvents(id, { limit: 100 })) {
    messages.push(event.message);
  }
  return messages.reverse();
}

/** Starts a job too long to finish within the test and waits until it has trained a step. */
async function startLongJob(client: OpenAI, fileId: string): Promise<string> {
  const job = await client.fineTuning.jobs.create({
    model: 'stories260K',
    training_file: fileId,
    hyperparameters: { n_epochs: 50, batch_size: 1 },
  });
  await follow(
    client,
    job.id,
    (current) => current.status !== 'validating_files' && current.status !== 'queued',
  );
  for (;;) {
    const messages = await eventMessages(client, job.id);
    if (messages.some((message) => message.startsWith('Step 1/'))) return job.id;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Share of held-out prompts answered greedily in the strict `Name | thing` format. */
async function compliance(client: OpenAI, model: string): Promise<number> {
  let compliant = 0;
  for (const item of heldOut) {
    const answer = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: item.prompt.replace('\nTag:', '') }],
      temperature: 0,
      max_tokens: 12,
    });
    const text = answer.choices[0]?.message.content?.trim().split('\n')[0] ?? '';
    if (tagFormat.test(text)) compliant++;
  }
  return compliant / heldOut.length;
}

beforeAll(async () => {
  stories = await importStories260K();
  folder = temporaryDirectory('tunegate-serve-fine-tuning-');
  serve = await startServe();
});

afterAll(async () => {
  if (serve !== undefined) expect(await serve.stop()).toBe(0);
  stories?.remove();
  folder?.remove();
});

describe('the fine-tuning API of tunegate serve, through the official openai client', () => {
  let trainingFileId = '';
  let fineTunedModel = '';

  it('uploads, trains, lists events and checkpoints, and serves the fine-tuned model', async () => {
    const { client } = serve;
    const file = await upload(client, trainingText);
    expectValid('OpenAIFile', file);
    expect(file).toMatchObject({ purpose: 'fine-tune', bytes: Buffer.byteLength(trainingText) });
    expectValid('OpenAIFile', await client.files.retrieve(file.id));
    trainingFileId = file.id;

    const created = await client.fineTuning.jobs.create({
      model: 'stories260K',
      training_file: file.id,
      suffix: 'tags',
      seed: 7,
      method: {
        type: 'supervised',
        supervised: {
          hyperparameters: { n_epochs: 3, batch_size: 8, learning_rate_multiplier: 10 },
        },
      },
    });
    expectValid('FineTuningJob', created);
    expect(created.status).toBe('validating_files');
    expect(created.hyperparameters).toMatchObject({
      n_epochs: 3,
      batch_size: 8,
      learning_rate_multiplier: 10,
      lora_rank: 8,
    });
    expect(created.fine_tuned_model).toBeNull();

    const { job, seen } = await follow(client, created.id, (current) =>
      ['succeeded', 'failed', 'cancelled'].includes(current.status),
    );
    expect(job.error).toBeNull();
    expect(job.status).toBe('succeeded');
    const order = ['validating_files', ...seen].map((status) => statusOrder.indexOf(status));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expectValid('FineTuningJob', job);
    fineTunedModel = job.fine_tuned_model ?? '';
    expect(fineTunedModel).toMatch(/^ft:stories260K:tags:[a-z0-9]{8}$/);
    // trained_tokens is tunegate's one count: the upload, in the model's tokenizer, × 3 epochs.
    const counter = await openLlamaCppTrainingTokenCounter(stories.path);
    try {
      const counted = countUploadTokens(trainingText, counter, { epochs: 3, source: 'n_epochs' });
      expect(counted.trainingTokens).toBeGreaterThan(0);
      expect(job.trained_tokens).toBe(counted.trainingTokens);
    } finally {
      await counter.dispose();
    }
    expect(job.result_files).toHaveLength(1);

    // 200 examples in batches of 8: 25 steps an epoch, a checkpoint after each of 3 epochs.
    const messages = await eventMessages(client, job.id);
    const milestones = [
      `Created fine-tuning job: ${job.id}`,
      `Validating training file: ${file.id}`,
      'Files validated, moving job to queued state',
      'Fine-tuning job started',
      'Step 1/75: training loss=',
      'Step 75/75: training loss=',
      `Checkpoint created at step 75: ${fineTunedModel}:ckpt-step-75`,
      `New fine-tuned model created: ${fineTunedModel}`,
      'The job has successfully completed',
    ];
    const positions = milestones.map((start) =>
      messages.findIndex((text) => text.startsWith(start)),
    );
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const firstEvents = await getJson(`/fine_tuning/jobs/${job.id}/events?limit=5`);
    expectValid('ListFineTuningJobEventsResponse', firstEvents);
    expect(firstEvents).toMatchObject({ has_more: true });

    const checkpoints = await getJson(`/fine_tuning/jobs/${job.id}/checkpoints`);
    expectValid('ListFineTuningJobCheckpointsResponse', checkpoints);
    const steps = (
      checkpoints as { data: { step_number: number; fine_tuned_model_checkpoint: string }[] }
    ).data;
    expect(steps.map((checkpoint) => checkpoint.step_number)).toEqual([75, 50, 25]);
    expect(steps[2]?.fine_tuned_model_checkpoint).toBe(`${fineTunedModel}:ckpt-step-25`);

    const jobs = await getJson('/fine_tuning/jobs');
    expectValid('ListPaginatedFineTuningJobsResponse', jobs);
    const models = await getJson('/models');
    expectValid('ListModelsResponse', models);
    expectValid('Model', await client.models.retrieve(fineTunedModel));
    expect((models as { data: { id: string }[] }).data.map((model) => model.id)).toEqual([
      'stories260K',
      fineTunedModel,
    ]);

    // Measured (seed 7): base 0/20 in the format, fine-tuned 20/20.
    expect(await compliance(client, 'stories260K')).toBe(0);
    expect(await compliance(client, fineTunedModel)).toBeGreaterThanOrEqual(0.8);
    const completion = await client.completions.create({
      model: fineTunedModel,
      prompt: 'Once',
      max_tokens: 4,
    });
    expectValid('CreateCompletionResponse', completion);
    const early = await client.chat.completions.create({
      model: `${fineTunedModel}:ckpt-step-25`,
      messages: [{ role: 'user', content: 'Tom saw a cat.' }],
      max_tokens: 8,
    });
    expect(early.model).toBe(`${fineTunedModel}:ckpt-step-25`);

    const metrics = await fetch(`${serve.baseURL}/files/${job.result_files[0]}/content`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const csv = await metrics.text();
    expect(csv.split('\n')[0]).toBe('step,train_loss,valid_loss,learning_rate');
    expect(csv.trim().split('\n')).toHaveLength(76);
  }, 90_000);

  it('refuses a malformed upload with 400, naming the line', async () => {
    const lines = trainingText.split('\n').slice(0, 12);
    lines[2] = '{"messages": [{"role": "user", "content": "hi"}';
    const failure = await upload(serve.client, lines.join('\n'), 'bad.jsonl').catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as APIError).status).toBe(400);
    expect((failure as APIError).message).toContain('line 3');
    const response = await fetch(`${serve.baseURL}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: (() => {
        const form = new FormData();
        form.append('purpose', 'fine-tune');
        form.append('file', new Blob([lines.join('\n')]), 'bad.jsonl');
        return form;
      })(),
    });
    expect(response.status).toBe(400);
    expectValid('ErrorResponse', await response.json());
  });

  it('cancels a running job at once', async () => {
    const { client } = serve;
    const id = await startLongJob(client, trainingFileId);
    const cancelled = await client.fineTuning.jobs.cancel(id);
    expectValid('FineTuningJob', cancelled);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.finished_at).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await client.fineTuning.jobs.retrieve(id)).status).toBe('cancelled');
    expect((await eventMessages(client, id)).at(-1)).toBe('Fine-tuning job cancelled');
  }, 60_000);

  it('never leaves a job running across a restart, and still serves finished models', async () => {
    const id = await startLongJob(serve.client, trainingFileId);
    expect(await serve.stop()).toBe(0);
    serve = await startServe();
    const { client } = serve;
    const job = await client.fineTuning.jobs.retrieve(id);
    expectValid('FineTuningJob', job);
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'server_stopped', param: null });
    expect(job.error?.message).toContain('create the job again');
    expect(serve.stdout()).toContain(`  ${fineTunedModel}  fine-tuned stories260K`);
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toContain(fineTunedModel);
  }, 60_000);
});
