import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { TunegateError } from '../../spec/index.js';
import { findPackageRoot } from './find-package-root.js';
import { taskFileName } from './load-task.js';

export interface ScaffoldOptions {
  /** Where the task goes; created when missing. */
  directory: string;
  /** Name of a bundled example, e.g. `moon-jump`. */
  example: string;
  /** Overwrite files that already exist. */
  force?: boolean;
}

/**
 * Copies a bundled example into `directory` as the start of a new task. Returns the written
 * paths, each joined onto `directory` as given. Never overwrites a file unless `force` is set.
 */
export async function scaffoldTask(options: ScaffoldOptions): Promise<{ files: string[] }> {
  const examples = await listExamples();
  if (!examples.includes(options.example)) {
    const message = `unknown example "${options.example}"; available: ${examples.join(', ') || '(none)'}`;
    throw new TunegateError('INVALID_ARGUMENT', message, {
      problems: [{ code: 'unknown_example', path: ['example'], message }],
    });
  }
  const source = join(await examplesDirectory(), options.example);
  const relativeFiles = await listFiles(source);

  if (options.force !== true) {
    const conflicts: string[] = [];
    for (const file of relativeFiles) {
      const target = join(options.directory, file);
      if (await exists(target)) conflicts.push(target);
    }
    if (conflicts.length > 0) {
      const message = `refusing to overwrite existing files (use force to replace them): ${conflicts.join(', ')}`;
      throw new TunegateError('INVALID_ARGUMENT', message, {
        problems: conflicts.map((file) => ({
          code: 'file_exists',
          path: [],
          message: 'file already exists',
          file,
        })),
      });
    }
  }

  const files: string[] = [];
  for (const file of relativeFiles) {
    const target = join(options.directory, file);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(join(source, file), target);
    files.push(target);
  }
  return { files };
}

/** Names of the bundled examples: folders under `examples/` that hold a task file. */
export async function listExamples(): Promise<string[]> {
  const root = await examplesDirectory();
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && (await exists(join(root, entry.name, taskFileName)))) {
      names.push(entry.name);
    }
  }
  return names.sort();
}

async function examplesDirectory(): Promise<string> {
  return join(await findPackageRoot(), 'examples');
}

/** Every file under `directory`, as sorted relative paths. */
async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)))
    .sort();
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
