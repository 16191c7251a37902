import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadScriptedDoubleRules } from '../../src/providers/load-scripted-double-rules.js';
import { SqliteEvalStore } from '../../src/store/sqlite-eval-store.js';
import { OpenAITestServer } from '../support/openai-test-server.js';
import { validateAgainstOpenApi } from '../support/openapi-validator.js';
import { runCli } from '../support/run-cli.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

const secret = 'sk-test-DO-NOT-LEAK-4242';
let directory: { path: string; remove: () => void };
let task: string;
let server: OpenAITestServer;

beforeEach(async () => {
  directory = temporaryDirectory();
  task = join(directory.path, 'moon');
  expect((await runCli(directory.path, ['init', 'moon'])).code).toBe(0);
  server = await OpenAITestServer.start({
    apiKey: secret,
    double: loadScriptedDoubleRules(join(task, 'double-rules.json')),
  });
  const file = join(task, 'tunegate.yaml');
  const config = parse(readFileSync(file, 'utf8'));
  config.models = [
    { ref: 'openai-compatible:test-server', baseURL: server.baseURL, apiKeyEnv: 'TEST_SERVER_KEY' },
  ];
  config.variants.push({ name: 'completion', mode: 'completion' });
  config.sampling = {
    temperature: 0.7,
    topP: 0.9,
    maxTokens: 8,
    seed: 7,
    frequencyPenalty: 0.5,
    presencePenalty: 0.25,
  };
  config.run = { concurrency: 1, retries: 3, timeoutMs: 10_000 };
  writeFileSync(file, stringify(config));
});

afterEach(async () => {
  await server.close();
  directory.remove();
});

describe('the CLI against a real OpenAI-compatible server on loopback', () => {
  it('survives a 429 with Retry-After and a 500, runs chat and completion mode, and never stores the key', async () => {
    server.failNext({ status: 429, retryAfterSeconds: 1 });
    server.failNext({ status: 500 });
    const started = Date.now();
    const outcome = await runCli(
      task,
      ['eval', '--variant', 'baseline,completion', '--limit', '4', '--repeats', '1'],
      { TEST_SERVER_KEY: secret },
    );
    const elapsed = Date.now() - started;
    expect(outcome.stderr).not.toContain('internal error');
    expect(outcome.code).toBe(0);
    // The 429 asked for one second; the scheduler must have waited at least that long.
    expect(elapsed).toBeGreaterThanOrEqual(1000);

    const cells = 2 * 4;
    const completions = server.requests.filter((request) => request.path === '/v1/completions');
    const chats = server.requests.filter((request) => request.path === '/v1/chat/completions');
    expect(chats.length + completions.length).toBe(cells + 2);
    expect(completions.length).toBeGreaterThanOrEqual(4);
    const chatBody = chats.at(-1)?.body ?? {};
    expect(chatBody).toMatchObject({
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 8,
      seed: 7,
      frequency_penalty: 0.5,
      presence_penalty: 0.25,
    });
    expect(String(completions.at(-1)?.body?.prompt)).toMatch(/Output:$/);

    const shown = JSON.parse((await runCli(task, ['show', '--json'])).stdout) as {
      run: { id: string };
    };
    const store = new SqliteEvalStore(join(task, '.tunegate', 'tunegate.db'));
    const stored = [...store.iterateCells(shown.run.id)];
    store.close();
    expect(stored).toHaveLength(cells);
    expect(stored.every((cell) => cell.status === 'ok')).toBe(true);
    expect(stored.reduce((sum, cell) => sum + cell.attempts, 0)).toBe(cells + 2);
    expect(stored.every((cell) => cell.inputTokens > 0 && cell.outputTokens > 0)).toBe(true);

    for (const name of ['tunegate.db', 'tunegate.db-wal']) {
      let bytes = '';
      try {
        bytes = readFileSync(join(task, '.tunegate', name), 'latin1');
      } catch {}
      expect(bytes).not.toContain(secret);
    }
    expect(outcome.stdout + outcome.stderr).not.toContain(secret);
  });

  it('answers with bodies that follow the official OpenAI contract', async () => {
    const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
    const chat = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        model: 'm',
        messages: [{ role: 'user', content: 'Moon jump 5 meters' }],
      }),
    });
    expect(validateAgainstOpenApi('CreateChatCompletionResponse', await chat.json())).toEqual([]);
    const completion = await fetch(`${server.baseURL}/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: 'm', prompt: 'Input: x\nOutput:' }),
    });
    expect(validateAgainstOpenApi('CreateCompletionResponse', await completion.json())).toEqual([]);
  });

  it('reports a missing key by the variable name, with exit code 4', async () => {
    const outcome = await runCli(task, ['eval', '--limit', '1'], {});
    expect(outcome.code).toBe(4);
    expect(outcome.stderr).toContain('TEST_SERVER_KEY');
  });

  it('stores a non-retryable failure as an errored cell and keeps going', async () => {
    server.failNext({ status: 400, message: 'bad request from the test' });
    const outcome = await runCli(
      task,
      ['eval', '--variant', 'baseline', '--limit', '3', '--repeats', '1'],
      {
        TEST_SERVER_KEY: secret,
      },
    );
    expect(outcome.code).toBe(6); // finished, with a failed call counted apart
    const shown = JSON.parse((await runCli(task, ['show', '--json'])).stdout) as {
      summary: { groups: { errors: number; cells: number }[] };
    };
    expect(shown.summary.groups[0]).toMatchObject({ errors: 1, cells: 3 });
  });
});
