import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { CliIo } from '../cli-io.js';
import { registerServeCommand } from './serve-command.js';

interface Running {
  url: Promise<string>;
  finished: Promise<number>;
  stop: () => void;
  output: () => { stdout: string; stderr: string };
}

function runServe(args: string[], env: Record<string, string | undefined> = {}): Running {
  let stdout = '';
  let stderr = '';
  const controller = new AbortController();
  const result = { code: -1 };
  let announce: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => {
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
    signal: controller.signal,
  };
  const program = new Command('tunegate').exitOverride().configureOutput({
    writeOut: io.stdout,
    writeErr: io.stderr,
  });
  registerServeCommand(program, { io, result });
  const finished = program.parseAsync(['serve', ...args], { from: 'user' }).then(() => result.code);
  return { url, finished, stop: () => controller.abort(), output: () => ({ stdout, stderr }) };
}

let running: Running | undefined;

afterEach(async () => {
  running?.stop();
  await running?.finished.catch(() => {});
  running = undefined;
});

describe('tunegate serve', () => {
  it('serves the named models until stopped, behind the token from the named variable', async () => {
    running = runServe(['--port', '0', '--model', 'double:echo', '--api-key-env', 'MY_TOKEN'], {
      MY_TOKEN: 'tok-123',
    });
    const url = await running.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(running.output().stdout).toContain('  double:echo  double:echo\n');
    const denied = await fetch(`${url}/models`);
    expect(denied.status).toBe(401);
    const listed = await fetch(`${url}/models`, { headers: { authorization: 'Bearer tok-123' } });
    const body = (await listed.json()) as { data: { id: string }[] };
    expect(body.data.map((model) => model.id)).toEqual(['double:echo']);
    const answer = await fetch(`${url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer tok-123', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'double:echo', messages: [{ role: 'user', content: 'ping' }] }),
    });
    const chat = (await answer.json()) as { choices: { message: { content: string } }[] };
    expect(chat.choices[0]?.message.content).toBe('ping');
    running.stop();
    expect(await running.finished).toBe(0);
    expect(running.output().stderr).toContain('stopping: finishing requests in flight');
    await expect(fetch(`${url}/models`)).rejects.toThrow();
  });

  it('creates the fine-tuning store only on the first upload, at --store', async () => {
    const folder = temporaryDirectory();
    try {
      const store = join(folder.path, 'state', 'serve.db');
      running = runServe(['--port', '0', '--model', 'double:echo', '--store', store]);
      const url = await running.url;
      expect(existsSync(store)).toBe(false);
      const form = new FormData();
      form.append('purpose', 'fine-tune');
      const line = (index: number) =>
        JSON.stringify({ prompt: `Story ${index}.\nTag:`, completion: ` Tag ${index}` });
      const lines = Array.from({ length: 10 }, (_, index) => line(index));
      form.append('file', new Blob([lines.join('\n')]), 'train.jsonl');
      const uploaded = await fetch(`${url}/files`, { method: 'POST', body: form });
      expect(uploaded.status).toBe(200);
      expect(existsSync(store)).toBe(true);
      // Fine-tuning needs a local GGUF base model; this server serves none.
      const job = await fetch(`${url}/fine_tuning/jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'double:echo', training_file: 'file-x' }),
      });
      expect(job.status).toBe(400);
      expect(((await job.json()) as { error: { param: string } }).error.param).toBe('model');
      running.stop();
      expect(await running.finished).toBe(0);
    } finally {
      folder.remove();
    }
  });

  it('warns when bound beyond loopback without a token', async () => {
    running = runServe(['--port', '0', '--host', '0.0.0.0', '--model', 'double:echo']);
    await running.url;
    expect(running.output().stderr).toContain('reachable from other machines and without a token');
  });

  it('refuses an unset token variable, naming it', async () => {
    running = runServe(['--port', '0', '--model', 'double:echo', '--api-key-env', 'NOT_SET']);
    const failure = await running.finished.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TunegateError);
    expect((failure as TunegateError).code).toBe('MISSING_API_KEY');
    expect((failure as TunegateError).message).toContain('NOT_SET');
  });

  it('refuses to start with nothing to serve', async () => {
    const empty = temporaryDirectory();
    try {
      running = runServe(['--port', '0'], { TUNEGATE_MODELS_DIR: empty.path });
      const failure = await running.finished.catch((error: unknown) => error);
      expect((failure as TunegateError).code).toBe('INVALID_ARGUMENT');
      expect((failure as TunegateError).message).toContain('no models to serve');
    } finally {
      empty.remove();
    }
  });

  it('rejects a port out of range', async () => {
    running = runServe(['--port', '70000', '--model', 'double:echo']);
    await expect(running.finished).rejects.toThrow();
    expect(running.output().stderr).toContain('expected a port from 0 to 65535');
  });
});
