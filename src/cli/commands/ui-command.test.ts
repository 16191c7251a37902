import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/run-cli.js';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import type { SessionInfo } from '../../web/api-contract.js';
import type { CliIo } from '../cli-io.js';
import { registerUiCommand } from './ui-command.js';

let folder: { path: string; remove: () => void };

beforeEach(async () => {
  folder = temporaryDirectory('tunegate-ui-');
  expect((await runCli(folder.path, ['init', 'moon', '--example', 'moon-jump'])).code).toBe(0);
});

afterEach(() => folder.remove());

describe('tunegate ui', () => {
  it('prints a tokened URL on 127.0.0.1, answers only with the token, and stops on the signal', async () => {
    const stop = new AbortController();
    let stdout = '';
    let stderr = '';
    let announce: (url: string) => void = () => {};
    const announced = new Promise<string>((resolve) => {
      announce = resolve;
    });
    const io: CliIo = {
      stdout: (text) => {
        stdout += text;
        const match = /open (http:\/\/\S+)/.exec(stdout);
        if (match?.[1]) announce(match[1]);
      },
      stderr: (text) => {
        stderr += text;
      },
      interactive: false,
      cwd: folder.path,
      env: {},
      signal: stop.signal,
    };
    const result = { code: -1 };
    const program = new Command('tunegate').exitOverride();
    registerUiCommand(program, { io, result });
    const finished = program.parseAsync(['ui', '--task', 'moon', '--port', '0'], { from: 'user' });
    const url = new URL(await announced);
    expect(url.hostname).toBe('127.0.0.1');
    const token = url.searchParams.get('token') ?? '';
    expect(token.length).toBeGreaterThanOrEqual(40);
    const session = await fetch(`${url.origin}/api/session`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(session.status).toBe(200);
    const body = (await session.json()) as SessionInfo;
    expect(body.task?.name).toBe('moon-jump');
    expect(body.storeFile).toBe(join(folder.path, 'moon', '.tunegate', 'tunegate.db'));
    expect((await fetch(`${url.origin}/api/session`)).status).toBe(401);
    stop.abort();
    await finished;
    expect(result.code).toBe(0);
    expect(stderr).toContain('stopping');
    await expect(fetch(`${url.origin}/api/session`)).rejects.toThrow();
  });

  it('refuses a port outside 0–65535 as a usage error', async () => {
    const program = new Command('tunegate').exitOverride().configureOutput({ writeErr: () => {} });
    const io: CliIo = {
      stdout: () => {},
      stderr: () => {},
      interactive: false,
      cwd: folder.path,
      env: {},
    };
    registerUiCommand(program, { io, result: { code: -1 } });
    await expect(program.parseAsync(['ui', '--port', '70000'], { from: 'user' })).rejects.toThrow(
      /port from 0 to 65535/,
    );
  });
});
