import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import type { TunegateError } from '../../spec/tunegate-error.js';
import type { CommandContext } from '../command-context.js';
import { formatParameterCount, registerModelsCommand } from './models-command.js';

function mirror(): string {
  const folder = process.env.TUNEGATE_MODEL_MIRROR;
  if (!folder) throw new Error('set TUNEGATE_MODEL_MIRROR to the folder holding stories260K/');
  return folder;
}

describe('tunegate models', () => {
  let folder: ReturnType<typeof temporaryDirectory>;
  let env: Record<string, string>;
  beforeEach(() => {
    folder = temporaryDirectory('tunegate-models-cli-');
    env = { TUNEGATE_MODELS_DIR: join(folder.path, 'models') };
  });
  afterEach(() => folder.remove());

  async function run(args: string[], extraEnv: Record<string, string> = {}) {
    let stdout = '';
    let stderr = '';
    const context: CommandContext = {
      io: {
        stdout: (text) => {
          stdout += text;
        },
        stderr: (text) => {
          stderr += text;
        },
        interactive: false,
        cwd: folder.path,
        env: { ...env, ...extraEnv },
      },
      result: { code: -1 },
    };
    const program = new Command('tunegate').exitOverride();
    registerModelsCommand(program, context);
    await program.parseAsync(args, { from: 'user' });
    return { code: context.result.code, stdout, stderr };
  }

  it('formats parameter counts', () => {
    expect(formatParameterCount(999)).toBe('999');
    expect(formatParameterCount(292_800)).toBe('292.8K');
    expect(formatParameterCount(15_190_000)).toBe('15.2M');
    expect(formatParameterCount(7_000_000_000)).toBe('7.0B');
  });

  it('lists nothing cached and offers the registry models', async () => {
    const listed = await run(['models', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({
      directory: env.TUNEGATE_MODELS_DIR,
      cached: [],
      available: [
        {
          name: 'stories260K',
          description:
            "Karpathy's 260K-parameter TinyStories llama (llama2.c), for fast local tests",
          license: 'MIT',
        },
      ],
    });
  });

  it('imports a llama2.c model under its file name, lists it, and refuses to overwrite', async () => {
    const checkpoint = join(mirror(), 'stories260K', 'stories260K.bin');
    const tokenizer = join(mirror(), 'stories260K', 'tok512.bin');
    const imported = await run(['models', 'import', 'llama2c', checkpoint, tokenizer]);
    expect(imported.code).toBe(0);
    const path = join(env.TUNEGATE_MODELS_DIR as string, 'stories260K.gguf');
    expect(imported.stdout).toContain(`imported stories260K → ${path}`);
    expect(imported.stdout).toContain('5 layers, dim 64, 8 heads (4 kv), vocab 512, context 512');

    const listed = JSON.parse((await run(['models', 'list', '--json'])).stdout);
    expect(listed.cached).toEqual([
      {
        name: 'stories260K',
        path,
        bytes: statSync(path).size,
        architecture: 'llama',
        parameterCount: 292_800,
        contextLength: 512,
        error: null,
      },
    ]);
    expect(listed.available).toEqual([]);
    const table = (await run(['models', 'list'])).stdout;
    expect(table).toMatch(/stories260K\s+1\.\d MiB\s+llama\s+292\.8K\s+512/);

    const again = (await run(['models', 'import', 'llama2c', checkpoint, tokenizer]).catch(
      (caught: unknown) => caught,
    )) as TunegateError;
    expect(again.code).toBe('INVALID_ARGUMENT');
    expect(again.message).toContain('already exists');
    const forced = await run([
      'models',
      'import',
      'llama2c',
      checkpoint,
      tokenizer,
      '--force',
      '--name',
      'tiny',
    ]);
    expect(forced.code).toBe(0);
    expect(readdirSync(env.TUNEGATE_MODELS_DIR as string).sort()).toEqual([
      'stories260K.gguf',
      'tiny.gguf',
    ]);
  });

  it('pulls from the mirror with plain progress lines, then reports it cached', async () => {
    const pulled = await run(['models', 'pull', 'stories260K'], {
      TUNEGATE_MODEL_MIRROR: mirror(),
    });
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toContain(
      `pulled stories260K → ${join(env.TUNEGATE_MODELS_DIR as string, 'stories260K.gguf')}`,
    );
    expect(pulled.stderr).toContain('pull stories260K/stories260K.bin 1.0 MiB / 1.0 MiB');
    expect(pulled.stderr).toContain('pull stories260K/tok512.bin 6.1 KiB / 6.1 KiB');
    const again = await run(['models', 'pull', 'stories260K'], { TUNEGATE_MODEL_MIRROR: mirror() });
    expect(again.stdout).toContain('stories260K is already cached');
  });

  it('marks an unreadable cached file instead of failing the list', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(env.TUNEGATE_MODELS_DIR as string);
    writeFileSync(join(env.TUNEGATE_MODELS_DIR as string, 'junk.gguf'), 'not a model');
    const listed = JSON.parse((await run(['models', 'list', '--json'])).stdout);
    expect(listed.cached[0].name).toBe('junk');
    expect(listed.cached[0].error).toContain('not a GGUF file');
  });
});
