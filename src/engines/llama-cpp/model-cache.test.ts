import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import type { TunegateError } from '../../spec/tunegate-error.js';
import { cachedModelNames, modelsDirectory, resolveLocalModel } from './model-cache.js';

describe('modelsDirectory', () => {
  it('prefers TUNEGATE_MODELS_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(
      modelsDirectory({ TUNEGATE_MODELS_DIR: '/m', XDG_CACHE_HOME: '/x', HOME: '/home/u' }),
    ).toBe('/m');
    expect(modelsDirectory({ XDG_CACHE_HOME: '/x', HOME: '/home/u' })).toBe('/x/tunegate/models');
    expect(modelsDirectory({ HOME: '/home/u' })).toBe('/home/u/.cache/tunegate/models');
  });
});

describe('resolveLocalModel', () => {
  let folder: ReturnType<typeof temporaryDirectory>;
  let env: Record<string, string>;
  beforeEach(() => {
    folder = temporaryDirectory('tunegate-cache-');
    env = { TUNEGATE_MODELS_DIR: join(folder.path, 'models') };
    mkdirSync(env.TUNEGATE_MODELS_DIR as string);
  });
  afterEach(() => folder.remove());

  it('finds a cached NAME and an existing path, relative to cwd', () => {
    const cached = join(folder.path, 'models', 'tiny.gguf');
    writeFileSync(cached, 'x');
    writeFileSync(join(folder.path, 'own.gguf'), 'x');
    expect(resolveLocalModel('tiny', { env })).toBe(cached);
    expect(resolveLocalModel('own.gguf', { env, cwd: folder.path })).toBe(
      join(folder.path, 'own.gguf'),
    );
    expect(resolveLocalModel(join(folder.path, 'own.gguf'), { env })).toBe(
      join(folder.path, 'own.gguf'),
    );
  });

  it('lists cached models and suggests pull for a known name', () => {
    writeFileSync(join(folder.path, 'models', 'b.gguf'), 'x');
    writeFileSync(join(folder.path, 'models', 'a.gguf'), 'x');
    writeFileSync(join(folder.path, 'models', '.a.gguf.123.partial'), 'x');
    expect(cachedModelNames(env)).toEqual(['a', 'b']);
    let error: TunegateError | undefined;
    try {
      resolveLocalModel('stories260K', { env });
    } catch (caught) {
      error = caught as TunegateError;
    }
    expect(error?.code).toBe('FILE_NOT_FOUND');
    expect(error?.message).toBe(
      `no local model "stories260K" in ${env.TUNEGATE_MODELS_DIR} (cached: a, b); download it with  tunegate models pull stories260K`,
    );
  });

  it('suggests import for an unknown name and reports a missing path', () => {
    expect(() => resolveLocalModel('mine', { env })).toThrow(
      /\(cached: none\); import it with {2}tunegate models import llama2c MODEL\.bin TOKENIZER\.bin --name mine/,
    );
    expect(() => resolveLocalModel('./missing.gguf', { env, cwd: folder.path })).toThrow(
      `no GGUF model file at ${join(folder.path, 'missing.gguf')}`,
    );
    expect(() => resolveLocalModel('bad name', { env })).toThrow(
      '"bad name" is not a usable model name',
    );
  });
});
