import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadScriptedDoubleRules } from '../../src/providers/load-scripted-double-rules.js';
import { OpenAITestServer } from '../support/openai-test-server.js';
import { runCli } from '../support/run-cli.js';
import { runLabCli } from '../support/run-lab-cli.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

const secret = 'sk-test-REPORT-MUST-NOT-LEAK-7781';
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
  config.run = { concurrency: 1, retries: 0, timeoutMs: 10_000 };
  writeFileSync(file, stringify(config));
});

afterEach(async () => {
  await server.close();
  directory.remove();
});

describe('reports from a store filled with an API key in use', () => {
  it('contain no trace of the key, in any format', async () => {
    // One call fails with a body that echoes the key, as a misbehaving proxy might.
    server.failNext({ status: 400, rawBody: `invalid request for key ${secret}` });
    const env = { TEST_SERVER_KEY: secret };
    const probe = await runLabCli(task, ['probe', '--limit', '6', '--repeats', '2'], env);
    // The failed call is counted apart: exit 6, and its message is redacted like the rest.
    expect(probe.code).toBe(6);
    expect(probe.stdout + probe.stderr).not.toContain(secret);
    const evaluated = await runCli(task, ['eval', '--limit', '6', '--repeats', '1'], env);
    expect(evaluated.code).toBe(0);
    expect(server.requests.length).toBeGreaterThan(12);
    expect(
      server.requests.every((request) => request.headers.authorization === `Bearer ${secret}`),
    ).toBe(true);

    const outputs: string[] = [probe.stdout, probe.stderr, evaluated.stdout];
    for (const [format, name] of [
      ['html', 'report.html'],
      ['md', 'report.md'],
      ['json', 'report.json'],
    ]) {
      const outcome = await runLabCli(
        task,
        ['report', '--format', format as string, '-o', name as string],
        env,
      );
      expect(outcome.code).toBe(0);
      outputs.push(
        outcome.stdout,
        outcome.stderr,
        readFileSync(join(task, name as string), 'utf8'),
      );
    }
    const ready = await runLabCli(task, ['ready', '--json'], env);
    expect(JSON.parse(ready.stdout).gates).toHaveLength(5);
    outputs.push(ready.stdout, ready.stderr);
    const html = readFileSync(join(task, 'report.html'), 'utf8');
    expect(html).toContain('test-server');
    for (const text of outputs) expect(text).not.toContain(secret);
    // Nor in the store it was built from.
    for (const name of readdirSync(join(task, '.tunegate'))) {
      expect(readFileSync(join(task, '.tunegate', name), 'latin1')).not.toContain(secret);
    }
  });
});
