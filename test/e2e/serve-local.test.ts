import { Command } from 'commander';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { registerServeCommand } from '../../src/cli/commands/serve-command.js';
import { createLanguageModel } from '../../src/providers/create-language-model.js';
import { loadLocalModel } from '../../src/providers/local/local-runtime.js';
import { validateAgainstOpenApi } from '../support/openapi-validator.js';
import { greedyStoryStart, importStories260K, type Stories260K } from './local-stories260k.js';

const token = 'sk-serve-local-7e1f';
let stories: Stories260K;
let baseURL: string;
let stdout = '';
let stderr = '';
const stop = new AbortController();
let finished: Promise<number>;
let client: OpenAI;

/** Starts `tunegate serve` in-process and resolves with its base URL once it listens. */
async function startServe(env: Record<string, string>): Promise<string> {
  const result = { code: -1 };
  let announce: (url: string) => void = () => {};
  const announced = new Promise<string>((resolve) => {
    announce = resolve;
  });
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
      const match = /at (http:\/\/\S+\/v1)/.exec(stdout);
      if (match?.[1] !== undefined) announce(match[1]);
    },
    stderr: (text) => {
      stderr += text;
    },
    interactive: false,
    cwd: process.cwd(),
    env,
    signal: stop.signal,
  };
  const program = new Command('tunegate').exitOverride();
  registerServeCommand(program, { io, result });
  const args = ['serve', '--port', '0', '--model', 'stories260K', '--api-key-env', 'SERVE_KEY'];
  finished = program.parseAsync(args, { from: 'user' }).then(() => result.code);
  return Promise.race([announced, finished.then(() => Promise.reject(new Error(stderr)))]);
}

beforeAll(async () => {
  stories = await importStories260K();
  baseURL = await startServe({ ...stories.env, SERVE_KEY: token });
  client = new OpenAI({ baseURL, apiKey: token });
});

afterAll(async () => {
  stop.abort();
  expect(await finished).toBe(0);
  expect(stderr).toContain('stopping');
  stories?.remove();
});

async function postJson(path: string, body: unknown) {
  const response = await fetch(`${baseURL}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('tunegate serve on stories260K', () => {
  it('announces the model and its engine settings', () => {
    expect(stdout).toMatch(/serving 1 model at http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(stdout).toMatch(/stories260K .*context 512, 2 at once, 1 thread, F32 KV cache/);
  });

  it('completes greedily from BOS through the official client, in the official shape', async () => {
    const completion = await client.completions.create({
      model: 'stories260K',
      prompt: '',
      temperature: 0,
      max_tokens: 20,
    });
    expect(completion.choices[0]?.text.startsWith(greedyStoryStart)).toBe(true);
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.usage).toMatchObject({
      prompt_tokens: 1,
      completion_tokens: 20,
      total_tokens: 21,
    });
    const raw = await postJson('/completions', {
      model: 'stories260K',
      prompt: '',
      temperature: 0,
      max_tokens: 20,
    });
    expect(validateAgainstOpenApi('CreateCompletionResponse', raw.body)).toEqual([]);
  });

  it('reports prompt tokens as the tokenizer counts them', async () => {
    const prompt = 'Lily and Tom went to the park';
    const completion = await client.completions.create({
      model: 'stories260K',
      prompt,
      temperature: 0,
      max_tokens: 8,
    });
    const llama = await loadLocalModel(stories.path);
    expect(completion.usage?.prompt_tokens).toBe(llama.tokenize(prompt).length + 1);
    expect(completion.usage?.completion_tokens).toBe(8);
  });

  it('streams completions whose pieces join to the non-streaming text', async () => {
    const request = {
      model: 'stories260K',
      prompt: 'Once upon a time',
      temperature: 0,
      max_tokens: 40,
    };
    const whole = await client.completions.create(request);
    const stream = await client.completions.create({
      ...request,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let pieces = 0;
    let usage: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.text ?? '';
      if ((chunk.choices[0]?.text ?? '') !== '') pieces++;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(whole.choices[0]?.text);
    // Deltas are batched every 10 ms, but 40 tokens still take more than one piece.
    expect(pieces).toBeGreaterThan(1);
    expect(usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 40 });
  });

  it('chats through the official client, streaming and not, with the same text', async () => {
    const request = {
      model: 'stories260K',
      messages: [{ role: 'user' as const, content: 'Tell me about Lily.' }],
      temperature: 0,
      max_tokens: 24,
    };
    const whole = await client.chat.completions.create(request);
    const text = whole.choices[0]?.message.content ?? '';
    expect(text.length).toBeGreaterThan(0);
    const response = await fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...request, stream: true }),
    });
    const events = (await response.text()).split('\n\n').filter((event) => event !== '');
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.slice('data: '.length)));
    for (const chunk of chunks)
      expect(validateAgainstOpenApi('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
    const streamed = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
    expect(streamed).toBe(text);
    const raw = await postJson('/chat/completions', request);
    expect(validateAgainstOpenApi('CreateChatCompletionResponse', raw.body)).toEqual([]);
    // The in-process provider answers the same chat with the same words.
    const local = createLanguageModel({ ref: 'local:stories260K' }, { env: stories.env });
    const direct = await local.generate({
      prompt: { mode: 'chat', messages: request.messages },
      sampling: { temperature: 0, maxTokens: 24 },
    });
    expect(direct.text).toBe(text);
  });

  it("serves tunegate's own openai-compatible provider in both modes", async () => {
    const remote = createLanguageModel(
      { ref: 'openai-compatible:stories260K', baseURL, apiKeyEnv: 'SERVE_KEY' },
      { env: { SERVE_KEY: token } },
    );
    const completion = await remote.generate({
      prompt: { mode: 'completion', text: '' },
      sampling: { temperature: 0, maxTokens: 20 },
    });
    expect(completion.text.startsWith(greedyStoryStart)).toBe(true);
    expect(completion.usage).toEqual({ inputTokens: 1, outputTokens: 20 });
    const chat = await remote.generate({
      prompt: { mode: 'chat', messages: [{ role: 'user', content: 'Tell me about Lily.' }] },
      sampling: { temperature: 0, maxTokens: 24 },
    });
    expect(chat.text.length).toBeGreaterThan(0);
    expect(chat.finishReason).toBe('length');
  });

  it('refuses requests without the token and bad requests with OpenAI error bodies', async () => {
    const anonymous = new OpenAI({ baseURL, apiKey: 'sk-wrong' });
    await expect(anonymous.models.list()).rejects.toMatchObject({ status: 401 });
    const badTemperature = await postJson('/completions', {
      model: 'stories260K',
      prompt: '',
      temperature: -1,
    });
    expect(badTemperature.status).toBe(400);
    expect(badTemperature.body).toEqual({
      error: {
        message: expect.any(String),
        type: 'invalid_request_error',
        param: 'temperature',
        code: null,
      },
    });
    const tooLong = await postJson('/completions', {
      model: 'stories260K',
      prompt: 'Lily and Tom played in the park. '.repeat(80),
    });
    expect(tooLong.status).toBe(400);
    expect(String((tooLong.body.error as { message: string }).message)).toMatch(
      /context holds 512/,
    );
    const unknown = await postJson('/chat/completions', {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(unknown.status).toBe(404);
  });

  it('constrains chat output to a response_format JSON Schema', async () => {
    const answer = await client.chat.completions.create({
      model: 'stories260K',
      messages: [{ role: 'user', content: 'Who is Lily?' }],
      temperature: 0,
      max_tokens: 60,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'person',
          schema: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              age: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
            },
            required: ['name', 'age'],
          },
        },
      },
    });
    const parsed = JSON.parse(answer.choices[0]?.message.content ?? '') as {
      name: unknown;
      age: unknown;
    };
    expect(typeof parsed.name).toBe('string');
    expect(parsed.age === null || Number.isInteger(parsed.age)).toBe(true);
  });

  it('answers n choices with different, reproducible samples', async () => {
    const request = {
      model: 'stories260K',
      prompt: '',
      temperature: 1,
      max_tokens: 16,
      seed: 11,
      n: 2,
    };
    const first = await client.completions.create(request);
    const again = await client.completions.create(request);
    const texts = first.choices.map((choice) => choice.text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).not.toBe(texts[1]);
    expect(again.choices.map((choice) => choice.text)).toEqual(texts);
  });

  it('queues concurrent requests and answers them all', async () => {
    const request = () =>
      client.completions.create({
        model: 'stories260K',
        prompt: '',
        temperature: 0,
        max_tokens: 30,
      });
    const answers = await Promise.all([request(), request(), request(), request(), request()]);
    const texts = answers.map((answer) => answer.choices[0]?.text);
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]?.startsWith(greedyStoryStart)).toBe(true);
  });
});
