import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TunegateError } from '../../spec/index.js';
import { findPackageRoot } from './find-package-root.js';
import { loadTask } from './load-task.js';
import { listExamples, scaffoldTask } from './scaffold-task.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const directories: string[] = [];

afterEach(async () => {
  await Promise.all(
    directories.splice(0).map((path) => rm(path, { recursive: true, force: true })),
  );
});

async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'tunegate-scaffold-'));
  directories.push(directory);
  return directory;
}

async function errorOf(promise: Promise<unknown>): Promise<TunegateError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TunegateError)) throw new Error(`expected a TunegateError, got ${error}`);
  return error;
}

describe('findPackageRoot', () => {
  it('finds the folder with tunegate package.json', async () => {
    const root = await findPackageRoot();
    expect(root).toBe(repositoryRoot);
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      name: string;
    };
    expect(manifest.name).toBe('tunegate');
  });
});

describe('scaffoldTask', () => {
  it('lists the bundled examples', async () => {
    expect(await listExamples()).toContain('moon-jump');
  });

  it('copies an example into a new folder that then loads as a task', async () => {
    const directory = join(await temporaryDirectory(), 'my-task');
    const { files } = await scaffoldTask({ directory, example: 'moon-jump' });
    expect(files).toEqual(
      expect.arrayContaining([
        join(directory, 'tunegate.yaml'),
        join(directory, 'data', 'eval.jsonl'),
        join(directory, 'data', 'few-shot.jsonl'),
        join(directory, 'README.md'),
      ]),
    );
    const copied = await readFile(join(directory, 'data', 'eval.jsonl'), 'utf8');
    const original = await readFile(
      join(repositoryRoot, 'examples', 'moon-jump', 'data', 'eval.jsonl'),
      'utf8',
    );
    expect(copied).toBe(original);

    const task = await loadTask(join(directory, 'tunegate.yaml'));
    expect(task.config.name).toBe('moon-jump');
    expect(task.directory).toBe(directory);
  });

  it('refuses to overwrite existing files unless forced', async () => {
    const directory = await temporaryDirectory();
    const taskFile = join(directory, 'tunegate.yaml');
    await writeFile(taskFile, 'name: mine\n');

    const error = await errorOf(scaffoldTask({ directory, example: 'moon-jump' }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain(taskFile);
    expect(error.problems).toEqual([
      { code: 'file_exists', path: [], message: 'file already exists', file: taskFile },
    ]);
    expect(await readFile(taskFile, 'utf8')).toBe('name: mine\n');

    await scaffoldTask({ directory, example: 'moon-jump', force: true });
    expect(await readFile(taskFile, 'utf8')).toContain('name: moon-jump');
  });

  it('names the available examples when the example is unknown', async () => {
    const directory = await temporaryDirectory();
    const error = await errorOf(scaffoldTask({ directory, example: 'mars-walk' }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('unknown example "mars-walk"');
    expect(error.message).toContain('moon-jump');
  });
});
