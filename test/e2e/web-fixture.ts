import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { CliIo } from '../../src/cli/cli-io.js';
import { dataImportAction } from '../../src/cli/data-import-action.js';
import { ScriptedJobSource } from '../../src/core/jobs/scripted-job-source.js';
import { SqliteEvalStore } from '../../src/store/sqlite-eval-store.js';
import { createWebServer, type WebServer } from '../../src/web/server/create-web-server.js';
import { runCli } from '../support/run-cli.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

/** A model output that would run if anything rendered it as HTML. */
export const hostileOutput =
  '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">incorrect';

export interface WebFixture {
  folder: string;
  task: string;
  store: SqliteEvalStore;
  server: WebServer;
  runId: string;
  jobs: ScriptedJobSource;
  close: () => Promise<void>;
}

const root = join(import.meta.dirname, '..', '..');
export const builtApp = join(root, 'dist', 'web', 'app');

/**
 * The built app: `npm test` builds it first. A bare `vitest run` without a build gets its own
 * build in a temporary folder, so test files running side by side never write the same one.
 */
export async function ensureBuiltApp(): Promise<string> {
  if (existsSync(join(builtApp, 'index.html'))) return builtApp;
  const outDir = mkdtempSync(join(tmpdir(), 'tunegate-web-build-'));
  await build({
    configFile: join(root, 'vite.web.config.ts'),
    root: join(root, 'src', 'web', 'app'),
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  return outDir;
}

/**
 * The bundled moon-jump task, evaluated with the scripted double (one rule answers with a
 * script tag), candidate training rows imported from the run with their lineage, a scripted
 * finetune job, and the web server on a free port.
 */
export async function startWebFixture(
  env: Record<string, string | undefined> = {},
): Promise<WebFixture> {
  const app = await ensureBuiltApp();
  const folder = temporaryDirectory('tunegate-web-');
  const task = join(folder.path, 'moon');
  const init = await runCli(folder.path, ['init', 'moon', '--example', 'moon-jump']);
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  const rules = JSON.parse(readFileSync(join(task, 'double-rules.json'), 'utf8')) as {
    rules: { match: string; output: string | string[] }[];
  };
  rules.rules.unshift({ match: 'hammer', output: hostileOutput });
  writeFileSync(join(task, 'ui-rules.json'), JSON.stringify(rules));
  const evaluation = await runCli(task, [
    'eval',
    '--model',
    'double:ui-rules.json',
    '--limit',
    '8',
  ]);
  if (evaluation.code !== 0) throw new Error(`eval failed: ${evaluation.stderr}`);
  const storeFile = join(task, '.tunegate', 'tunegate.db');
  const store = new SqliteEvalStore(storeFile);
  const runId = store.latestRun()?.id;
  if (!runId) throw new Error('the eval stored no run');
  const io: CliIo = { stdout: () => {}, stderr: () => {}, interactive: false, cwd: task, env: {} };
  await dataImportAction(io, {
    fromRun: runId,
    output: join(task, 'data', 'candidates.jsonl'),
    as: 'sft',
    perCase: 1,
    system: true,
    json: false,
  });
  const jobs = new ScriptedJobSource();
  jobs.addJob(
    {
      id: 'ftjob-moon-1',
      engine: 'local',
      baseModel: 'local:stories260K',
      status: 'running',
      createdAt: '2026-03-01T10:00:00.000Z',
      finishedAt: null,
      resultModel: null,
      progress: 0.3,
    },
    [
      { step: 1, loss: 2.9, validationLoss: null },
      { step: 2, loss: 2.4, validationLoss: 2.6 },
      { step: 3, loss: 2.1, validationLoss: null },
    ],
    [{ at: '2026-03-01T10:00:01.000Z', level: 'info', message: 'training started' }],
  );
  const server = await createWebServer({
    store,
    storeFile,
    taskFile: join(task, 'tunegate.yaml'),
    env,
    jobs,
    staticDirectory: app,
    reviewer: 'web-test',
    pollIntervalMs: 100,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  return {
    folder: folder.path,
    task,
    store,
    server,
    runId,
    jobs,
    close: async () => {
      await server.close();
      store.close();
      folder.remove();
      if (app !== builtApp) rmSync(app, { recursive: true, force: true });
    },
  };
}
