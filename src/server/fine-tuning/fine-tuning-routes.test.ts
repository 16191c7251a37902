import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import {
  createOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from '../create-openai-compatible-server.js';
import { createLanguageModelHost } from '../language-model-host.js';
import { createFineTuningRoutes } from './fine-tuning-routes.js';
import { FineTuningService } from './fine-tuning-service.js';

let folder: { path: string; remove: () => void };
let server: OpenAICompatibleServer;

beforeEach(async () => {
  folder = temporaryDirectory('tunegate-fine-tuning-routes-');
  const basePath = join(folder.path, 'tiny.gguf');
  writeFileSync(basePath, 'not read');
  const service = FineTuningService.start({
    storeFile: join(folder.path, 'serve.db'),
    dataDirectory: join(folder.path, 'data'),
    baseModels: new Map([['tiny', basePath]]),
    // Jobs are not trained here; these tests are about the HTTP surface.
    startTraining: () => {
      let settle: (outcome: { type: 'stopped' }) => void = () => {};
      const finished = new Promise<{ type: 'stopped' }>((resolve) => {
        settle = resolve;
      });
      return { finished, stop: async () => settle({ type: 'stopped' }) };
    },
    inspectBaseModel: async () => ({ contextLength: 64 }),
  });
  server = await createOpenAICompatibleServer({
    models: createLanguageModelHost([]),
    apiKey: 'key',
    routes: createFineTuningRoutes(service, { uploadLimitBytes: 64 * 1024 }),
  });
});

afterEach(async () => {
  await server.close({ graceMs: 100 });
  folder.remove();
});

async function call(method: string, path: string, body?: string | FormData) {
  const response = await fetch(`${server.baseURL}${path}`, {
    method,
    headers: { authorization: 'Bearer key' },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}

function form(content: string, purpose = 'fine-tune'): FormData {
  const data = new FormData();
  data.append('purpose', purpose);
  data.append('file', new Blob([content]), 'train.jsonl');
  return data;
}

const examples = Array.from({ length: 10 }, (_, index) =>
  JSON.stringify({ prompt: `Story ${index} about a cat.\nTag:`, completion: ` Cat | ${index}` }),
).join('\n');

describe('the fine-tuning routes', () => {
  it('uploads, lists, reads back and deletes a file', async () => {
    const uploaded = await call('POST', '/files', form(examples));
    expect(uploaded.status).toBe(200);
    const file = JSON.parse(uploaded.text) as { id: string; bytes: number };
    expect(file.bytes).toBe(Buffer.byteLength(examples));
    const listed = JSON.parse((await call('GET', '/files?purpose=fine-tune')).text);
    expect(listed).toMatchObject({
      object: 'list',
      first_id: file.id,
      last_id: file.id,
      has_more: false,
    });
    expect((await call('GET', `/files/${file.id}/content`)).text).toBe(examples);
    expect(JSON.parse((await call('DELETE', `/files/${file.id}`)).text)).toEqual({
      id: file.id,
      object: 'file',
      deleted: true,
    });
    expect((await call('GET', `/files/${file.id}`)).status).toBe(404);
  });

  it('answers mistakes in OpenAI’s error shape', async () => {
    const error = async (method: string, path: string, body?: string | FormData) => {
      const { status, text } = await call(method, path, body);
      return { status, error: (JSON.parse(text) as { error: Record<string, unknown> }).error };
    };
    expect(await error('GET', '/fine_tuning/jobs/ftjob-none')).toMatchObject({
      status: 404,
      error: { type: 'invalid_request_error', code: 'fine_tuning_job_not_found' },
    });
    expect(await error('DELETE', '/fine_tuning/jobs')).toMatchObject({
      status: 405,
      error: { code: 'method_not_allowed', message: expect.stringContaining('use GET, POST') },
    });
    expect(await error('GET', '/fine_tuning/jobs?limit=0')).toMatchObject({
      status: 400,
      error: { param: 'limit' },
    });
    expect(await error('POST', '/files', 'plain text')).toMatchObject({
      status: 400,
      error: { message: expect.stringContaining('multipart/form-data') },
    });
    expect(await error('POST', '/files', form(examples, 'batch'))).toMatchObject({
      status: 400,
      error: { param: 'purpose' },
    });
    expect(await error('POST', '/files', form('x'.repeat(70 * 1024)))).toMatchObject({
      status: 413,
      error: { code: 'request_too_large' },
    });
    expect(await error('POST', '/fine_tuning/jobs', '{"model": "tiny"')).toMatchObject({
      status: 400,
      error: { code: 'invalid_json' },
    });
    expect((await call('GET', '/fine_tuning/jobs/x/pause')).status).toBe(404);
  });

  it('pages jobs newest first', async () => {
    const file = JSON.parse((await call('POST', '/files', form(examples))).text) as { id: string };
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) {
      const body = JSON.stringify({ model: 'tiny', training_file: file.id });
      ids.push(
        (JSON.parse((await call('POST', '/fine_tuning/jobs', body)).text) as { id: string }).id,
      );
    }
    const first = JSON.parse((await call('GET', '/fine_tuning/jobs?limit=2')).text);
    expect(first.data.map((job: { id: string }) => job.id)).toEqual([ids[2], ids[1]]);
    expect(first.has_more).toBe(true);
    const rest = JSON.parse((await call('GET', `/fine_tuning/jobs?limit=2&after=${ids[1]}`)).text);
    expect(rest.data.map((job: { id: string }) => job.id)).toEqual([ids[0]]);
    expect(rest.has_more).toBe(false);
  });
});
