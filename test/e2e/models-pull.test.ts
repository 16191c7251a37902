import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DownloadProgress } from '../../src/engines/llama-cpp/download-verified-file.js';
import { describeGgufModel } from '../../src/engines/llama-cpp/gguf/describe-gguf-model.js';
import { readGgufFile } from '../../src/engines/llama-cpp/gguf/gguf-reader.js';
import { modelRegistry, type RegistryModel } from '../../src/engines/llama-cpp/model-registry.js';
import { pullModel } from '../../src/engines/llama-cpp/pull-model.js';
import type { TunegateError } from '../../src/spec/tunegate-error.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

function modelMirror(): string {
  const mirror = process.env.TUNEGATE_MODEL_MIRROR;
  if (!mirror) {
    throw new Error(
      'set TUNEGATE_MODEL_MIRROR to a folder holding stories260K/stories260K.bin and stories260K/tok512.bin',
    );
  }
  return mirror;
}

/** Serves files from the mirror folder, optionally flipping one byte of every file. */
async function startMirrorServer(corrupt: boolean): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = join(modelMirror(), decodeURIComponent(request.url ?? '/'));
    if (!existsSync(path)) {
      response.writeHead(404).end();
      return;
    }
    const body = Buffer.from(readFileSync(path));
    if (corrupt) body[body.length >> 1] = (body[body.length >> 1] ?? 0) ^ 0xff;
    response.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function closedPortUrl(): Promise<string> {
  const { url, server } = await startMirrorServer(false);
  await new Promise((resolve) => server.close(resolve));
  return url;
}

/** The real registry entry with its public URLs moved to a closed local port (no internet use). */
async function offlineRegistry(): Promise<RegistryModel[]> {
  const closed = await closedPortUrl();
  return modelRegistry.map((model) => ({
    ...model,
    files: {
      checkpoint: {
        ...model.files.checkpoint,
        url: `${closed}/public/${model.files.checkpoint.fileName}`,
      },
      tokenizer: {
        ...model.files.tokenizer,
        url: `${closed}/public/${model.files.tokenizer.fileName}`,
      },
    },
  }));
}

describe('pullModel', () => {
  let folder: ReturnType<typeof temporaryDirectory>;
  let modelsDir: string;
  const servers: Server[] = [];
  beforeEach(() => {
    folder = temporaryDirectory('tunegate-pull-');
    modelsDir = join(folder.path, 'models');
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
    folder.remove();
  });

  it('pulls from a folder mirror, verifies the sums, converts and caches once', async () => {
    const progress: DownloadProgress[] = [];
    const env = { TUNEGATE_MODELS_DIR: modelsDir, TUNEGATE_MODEL_MIRROR: modelMirror() };
    const pulled = await pullModel('stories260K', {
      env,
      onProgress: (event) => progress.push(event),
    });
    expect(pulled.path).toBe(join(modelsDir, 'stories260K.gguf'));
    expect(pulled.downloaded).toBe(true);
    expect(pulled.sources).toEqual({
      'stories260K.bin': join(modelMirror(), 'stories260K', 'stories260K.bin'),
      'tok512.bin': join(modelMirror(), 'stories260K', 'tok512.bin'),
    });
    expect(readdirSync(modelsDir)).toEqual(['stories260K.gguf']);
    const facts = describeGgufModel(await readGgufFile(pulled.path));
    expect(facts).toMatchObject({ architecture: 'llama', name: 'stories260K', contextLength: 512 });
    // 260K weights without the rope tables, plus output.weight spelled out (512 × 64).
    expect(facts.parameterCount).toBe(264_128 - 4096 + 32_768);
    const last = progress.filter((event) => event.file === 'stories260K/stories260K.bin').at(-1);
    expect(last).toMatchObject({ receivedBytes: 1_056_540, totalBytes: 1_056_540 });
    expect(progress.at(-1)).toMatchObject({ file: 'stories260K/tok512.bin', receivedBytes: 6227 });

    const again = await pullModel('stories260K', { env });
    expect(again.downloaded).toBe(false);
  });

  it('pulls from an HTTP mirror URL', async () => {
    const mirror = await startMirrorServer(false);
    servers.push(mirror.server);
    const env = { TUNEGATE_MODELS_DIR: modelsDir, TUNEGATE_MODEL_MIRROR: `${mirror.url}/` };
    const pulled = await pullModel('stories260K', { env, registry: await offlineRegistry() });
    expect(pulled.sources['stories260K.bin']).toBe(`${mirror.url}/stories260K/stories260K.bin`);
    expect(readdirSync(modelsDir)).toEqual(['stories260K.gguf']);
  });

  it('refuses corrupted bytes with both sums and leaves nothing in the cache', async () => {
    const mirror = await startMirrorServer(true);
    servers.push(mirror.server);
    const corrupted = Buffer.from(
      readFileSync(join(modelMirror(), 'stories260K', 'stories260K.bin')),
    );
    corrupted[corrupted.length >> 1] = (corrupted[corrupted.length >> 1] ?? 0) ^ 0xff;
    const actual = createHash('sha256').update(corrupted).digest('hex');
    const env = { TUNEGATE_MODELS_DIR: modelsDir, TUNEGATE_MODEL_MIRROR: mirror.url };
    const error = (await pullModel('stories260K', { env, registry: await offlineRegistry() }).catch(
      (caught: unknown) => caught,
    )) as TunegateError;
    expect(error.code).toBe('INVALID_DATA');
    expect(error.message).toBe(
      `checksum mismatch for stories260K/stories260K.bin from ${mirror.url}/stories260K/stories260K.bin: expected sha256 b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696, got ${actual} (1056540 bytes); the download was deleted`,
    );
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it('says how to use a mirror when no source can be reached', async () => {
    const closed = await closedPortUrl();
    const registry = await offlineRegistry();
    const env = { TUNEGATE_MODELS_DIR: modelsDir, TUNEGATE_MODEL_MIRROR: closed };
    const error = (await pullModel('stories260K', { env, registry }).catch(
      (caught: unknown) => caught,
    )) as TunegateError;
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.message).toMatch(
      new RegExp(
        `^cannot reach ${closed}/stories260K/stories260K\\.bin \\(fetch failed: .*ECONNREFUSED.*\\); ${registry[0]?.files.checkpoint.url}.*: offline\\? set TUNEGATE_MODEL_MIRROR to a folder or URL holding stories260K/stories260K\\.bin$`,
      ),
    );
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it('falls back from a folder mirror without the model to the public URL', async () => {
    const env = { TUNEGATE_MODELS_DIR: modelsDir, TUNEGATE_MODEL_MIRROR: folder.path };
    const error = (await pullModel('stories260K', { env, registry: await offlineRegistry() }).catch(
      (caught: unknown) => caught,
    )) as TunegateError;
    expect(error.message).toContain(
      `cannot reach ${join(folder.path, 'stories260K', 'stories260K.bin')} (no such file); http://127.0.0.1:`,
    );
  });

  it('stops with ABORTED when the signal fires and leaves nothing behind', async () => {
    const env = { TUNEGATE_MODELS_DIR: modelsDir, TUNEGATE_MODEL_MIRROR: modelMirror() };
    const controller = new AbortController();
    const pulling = pullModel('stories260K', {
      env,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(pulling).rejects.toMatchObject({
      code: 'ABORTED',
      message: 'download of stories260K/stories260K.bin stopped',
    });
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it('names the known models for an unknown one', async () => {
    await expect(pullModel('gpt-5', { env: { TUNEGATE_MODELS_DIR: modelsDir } })).rejects.toThrow(
      'unknown model "gpt-5"; known models: stories260K.',
    );
  });
});
