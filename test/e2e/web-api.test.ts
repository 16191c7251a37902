import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CellDetail,
  CellPage,
  DatasetList,
  DatasetReview,
  DatasetSaveResult,
  JobStreamEvent,
  PlaygroundEvent,
  PlaygroundStarted,
  RunMatrix,
  RunProgressEvent,
  SessionInfo,
} from '../../src/web/api-contract.js';
import { hostileOutput, startWebFixture, type WebFixture } from './web-fixture.js';

let fixture: WebFixture;

beforeAll(async () => {
  fixture = await startWebFixture();
});

afterAll(async () => {
  await fixture?.close();
});

const auth = () => ({ authorization: `Bearer ${fixture.server.token}` });

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${fixture.server.origin}${path}`, { headers: auth() });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${fixture.server.origin}${path}`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Reads a server-sent event stream to its end (the server closes it when done). */
async function readEvents<T>(path: string): Promise<T[]> {
  const response = await fetch(`${fixture.server.origin}${path}`, { headers: auth() });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => JSON.parse(block.slice(6)) as T);
}

/** A raw request, so the Host header can be anything (fetch always sends the real one). */
function rawGet(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port: fixture.server.port, path, headers },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

describe('the web server guards every request', () => {
  it('refuses requests without the token with 401, the API and the page alike', async () => {
    for (const path of ['/api/session', '/api/runs', '/', '/index.html']) {
      const response = await fetch(`${fixture.server.origin}${path}`);
      expect(response.status, path).toBe(401);
      expect(await response.text()).not.toContain(fixture.server.token);
    }
    const wrong = await fetch(`${fixture.server.origin}/api/session`, {
      headers: { authorization: 'Bearer not-the-token' },
    });
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const token = fixture.server.token;
    expect(
      await rawGet('/api/session', { host: `attacker.example:${fixture.server.port}`, ...auth() }),
    ).toBe(403);
    expect(await rawGet(`/?token=${token}`, { host: 'attacker.example' })).toBe(403);
    expect(
      await rawGet('/api/session', { host: `localhost:${fixture.server.port}`, ...auth() }),
    ).toBe(200);
  });

  it('serves the page with a strict content policy and a session cookie for its scripts', async () => {
    const page = await fetch(fixture.server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const html = await page.text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${fixture.server.origin}/${script}`, {
      headers: { cookie: cookie.split(';')[0] as string },
    });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
  });

  it('answers unknown endpoints with 404, wrong methods with 405, non-JSON bodies with 415', async () => {
    expect((await fetch(`${fixture.server.origin}/api/nothing`, { headers: auth() })).status).toBe(
      404,
    );
    expect((await post('/api/runs', {})).status).toBe(405);
    const form = await fetch(`${fixture.server.origin}/api/variants`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'variant=x',
    });
    expect(form.status).toBe(415);
    const invalid = await post('/api/variants', { variant: { name: 'has space' } });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as {
      error: { code: string; problems: { path: unknown[] }[] };
    };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.problems[0]?.path).toEqual(['variant', 'name']);
  });
});

describe('runs', () => {
  it('summarises the run as a variant × model matrix from the store', async () => {
    const session = await getJson<SessionInfo>('/api/session');
    expect(session.task?.name).toBe('moon-jump');
    const matrix = await getJson<RunMatrix>(`/api/runs/${fixture.runId}/matrix`);
    // 4 variants × 2 temperatures, 8 cases × 3 repeats each.
    expect(matrix.groups).toHaveLength(8);
    expect(matrix.variants).toEqual([
      'baseline',
      'strong-verb',
      'few-shot-fixed',
      'few-shot-nearest-system',
    ]);
    expect(matrix.groups.every((group) => group.trials === 24 && group.cases === 8)).toBe(true);
    const stored = [...fixture.store.iterateCells(fixture.runId)];
    expect(matrix.run.storedCells).toBe(stored.length);
    const passed = stored.filter((cell) => cell.passed).length;
    expect(matrix.groups.reduce((sum, group) => sum + group.passed, 0)).toBe(passed);
  });

  it('pages cells by filter and returns the hostile output as plain data', async () => {
    const failures = await getJson<CellPage>(
      `/api/runs/${fixture.runId}/cells?filter=failures&limit=500`,
    );
    const stored = [...fixture.store.iterateCells(fixture.runId)];
    expect(failures.total).toBe(stored.filter((cell) => cell.passed !== true).length);
    const hostile = stored.find((cell) => cell.output === hostileOutput);
    expect(hostile).toBeDefined();
    const detail = await getJson<CellDetail>(
      `/api/runs/${fixture.runId}/cell?key=${encodeURIComponent(hostile?.key ?? '')}`,
    );
    expect(detail.output).toBe(hostileOutput);
    expect(detail.otherVariants.map((other) => other.variant)).toHaveLength(3);
  });

  it('streams a run as another process writes it, until it completes', async () => {
    const source = [...fixture.store.iterateCells(fixture.runId)].slice(0, 6);
    fixture.store.createRun({
      id: 'live-run',
      taskName: 'moon-jump',
      taskFile: join(fixture.task, 'tunegate.yaml'),
      taskHash: 'h',
      options: {},
      status: 'running',
      totalCells: 6,
      createdAt: new Date().toISOString(),
      finishedAt: null,
    });
    const stream = readEvents<RunProgressEvent>('/api/runs/live-run/events');
    for (let index = 0; index < 3; index++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      fixture.store.writeCells('live-run', source.slice(index * 2, index * 2 + 2), []);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    fixture.store.setRunStatus('live-run', 'completed', new Date().toISOString());
    const events = await stream;
    const stored = events.map((event) => event.run.storedCells);
    expect(stored[0]).toBe(0);
    expect(stored).toContain(2);
    expect(stored).toContain(4);
    expect(stored.at(-1)).toBe(6);
    expect(events.at(-1)?.run.status).toBe('completed');
    const passed = source.filter((cell) => cell.passed).length;
    expect(events.at(-1)?.passed).toBe(passed);
  });

  it('streams the progress of a completed run as one event', async () => {
    const events = await readEvents<RunProgressEvent>(`/api/runs/${fixture.runId}/events`);
    expect(events).toHaveLength(1);
    expect(events[0]?.run).toMatchObject({
      id: fixture.runId,
      status: 'completed',
      storedCells: 192,
    });
  });
});

describe('playground', () => {
  it('runs wordings side by side with the scripted double and streams cells and quality', async () => {
    const started = await post('/api/playground', {
      variants: [
        { name: 'base', basedOn: 'baseline' },
        {
          name: 'firm',
          basedOn: 'baseline',
          instruction: 'Classify the assertion: correct or incorrect.',
        },
      ],
      models: ['double:ui-rules.json'],
      caseIds: ['moon-drop-10m-time', 'moon-long-jump-5m'],
      repeats: 2,
    });
    expect(started.status).toBe(200);
    const { id, totalCells } = (await started.json()) as PlaygroundStarted;
    expect(totalCells).toBe(8);
    const events = await readEvents<PlaygroundEvent>(`/api/playground/${id}/events`);
    const cells = events.filter((event) => event.type === 'cell');
    expect(cells).toHaveLength(8);
    expect(events.at(-1)).toEqual({ type: 'done', cancelled: false, cells: 8 });
    const quality = events.filter((event) => event.type === 'quality');
    expect(quality.length).toBe(8);
  });

  it('refuses an unknown case with 400 before starting', async () => {
    const response = await post('/api/playground', {
      variants: [{ name: 'base', basedOn: 'baseline' }],
      models: ['double:ui-rules.json'],
      caseIds: ['no-such-case'],
      repeats: 1,
    });
    expect(response.status).toBe(400);
  });

  it('saves a wording as a new variant in the task file, once', async () => {
    const variant = {
      name: 'from-the-ui',
      basedOn: 'baseline',
      instruction: 'Say correct or incorrect.',
    };
    const saved = await post('/api/variants', { variant });
    expect(saved.status).toBe(200);
    const yaml = readFileSync(join(fixture.task, 'tunegate.yaml'), 'utf8');
    expect(yaml).toContain('name: from-the-ui');
    expect(yaml).toContain('Say correct or incorrect.');
    const session = await getJson<SessionInfo>('/api/session');
    expect(session.task?.variants.map((entry) => entry.name)).toContain('from-the-ui');
    expect((await post('/api/variants', { variant })).status).toBe(409);
  });
});

describe('dataset review', () => {
  it('lists the imported candidates and saves a review atomically with lineage', async () => {
    const list = await getJson<DatasetList>('/api/datasets');
    const candidates = list.files.find((file) => file.path === 'data/candidates.jsonl');
    expect(candidates?.role).toBe('candidate');
    expect(list.files.some((file) => file.path.endsWith('.lineage.jsonl'))).toBe(false);
    const review = await getJson<DatasetReview>(
      '/api/datasets/review?file=data%2Fcandidates.jsonl',
    );
    expect(review.rows.length).toBeGreaterThan(1);
    expect(review.rows[0]?.lineage?.run).toBe(fixture.runId);
    const response = await post('/api/datasets/review', {
      file: review.file,
      version: review.version,
      decisions: [
        { index: 0, action: 'accept' },
        { index: 1, action: 'reject' },
      ],
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as DatasetSaveResult;
    expect(result).toMatchObject({ written: review.rows.length - 1, removed: 1, accepted: 1 });
    const stale = await post('/api/datasets/review', {
      file: review.file,
      version: review.version,
      decisions: [],
    });
    expect(stale.status).toBe(409);
    const outside = await fetch(
      `${fixture.server.origin}/api/datasets/review?file=..%2F..%2Fetc%2Fpasswd`,
      {
        headers: auth(),
      },
    );
    expect(outside.status).toBe(400);
  });
});

describe('jobs', () => {
  it('streams a job until it finishes', async () => {
    const stream = readEvents<JobStreamEvent>('/api/jobs/ftjob-moon-1/events');
    await new Promise((resolve) => setTimeout(resolve, 250));
    fixture.jobs.addLossPoint('ftjob-moon-1', { step: 4, loss: 1.9, validationLoss: 2.0 }, 0.6);
    await new Promise((resolve) => setTimeout(resolve, 250));
    fixture.jobs.finish('ftjob-moon-1', 'local:stories260K-moon', '2026-03-01T10:05:00.000Z');
    const events = await stream;
    const snapshots = events.flatMap((event) => (event.type === 'snapshot' ? [event.detail] : []));
    expect(snapshots[0]?.loss).toHaveLength(3);
    expect(snapshots.at(-1)?.job).toMatchObject({
      status: 'succeeded',
      resultModel: 'local:stories260K-moon',
    });
    expect(snapshots.at(-1)?.loss).toHaveLength(4);
    expect(events.at(-1)).toEqual({ type: 'done' });
  });
});
