import { open, readdir, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { LoadedTask } from '../../core/task/loaded-task.js';
import type { DatasetFileView } from '../api-contract.js';
import { badRequest } from './web-http-error.js';

const dataExtensions = new Set(['.jsonl', '.ndjson', '.json', '.csv']);
/** Files tunegate writes beside a dataset; they are not datasets themselves. */
const sidecarSuffixes = ['.lineage.jsonl', '.fix-log.jsonl'];
const skippedFolders = new Set(['node_modules', 'dist', 'coverage']);
const maxDepth = 3;

/**
 * The data files of the task (train, validation, eval, few-shot) and any other data file in
 * its folder: candidate rows imported from a run, exports, splits.
 */
export async function listDatasetFiles(task: LoadedTask): Promise<DatasetFileView[]> {
  const roles = new Map<string, DatasetFileView['role']>();
  const data = task.config.data;
  const named: [string | undefined, DatasetFileView['role']][] = [
    [data.train, 'train'],
    [data.validation, 'validation'],
    [data.eval, 'eval'],
    [data.fewShot, 'fewShot'],
  ];
  for (const [path, role] of named) {
    if (path !== undefined) roles.set(resolve(task.directory, path), role);
  }
  const found = await walk(task.directory, 0);
  for (const file of roles.keys()) if (!found.includes(file)) found.push(file);
  const files: DatasetFileView[] = [];
  for (const file of found) {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) continue;
    if (!roles.has(file) && !(await holdsRows(file))) continue;
    files.push({
      path: relative(task.directory, file).split(sep).join('/'),
      role: roles.get(file) ?? 'candidate',
      bytes: info.size,
    });
  }
  const rank = { train: 0, validation: 1, candidate: 2, fewShot: 3, eval: 4 } as const;
  return files.sort((a, b) => rank[a.role] - rank[b.role] || a.path.localeCompare(b.path));
}

/** A dataset path from the client, resolved inside the task's folder and nowhere else. */
export function resolveDatasetPath(task: LoadedTask, path: string): string {
  const file = resolve(task.directory, path);
  if (!file.startsWith(task.directory + sep) || !isDataFile(file)) {
    throw badRequest(`"${path}" is not a data file in the task's folder`);
  }
  return file;
}

/** A `.json` file is a dataset only as an array of rows (not a config or a rules file). */
async function holdsRows(file: string): Promise<boolean> {
  if (extname(file).toLowerCase() !== '.json') return true;
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(256), 0, 256, 0);
    return buffer.toString('utf8', 0, bytesRead).trimStart().startsWith('[');
  } finally {
    await handle.close();
  }
}

function isDataFile(file: string): boolean {
  return (
    dataExtensions.has(extname(file).toLowerCase()) &&
    !sidecarSuffixes.some((suffix) => file.endsWith(suffix))
  );
}

async function walk(directory: string, depth: number): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (depth < maxDepth && !skippedFolders.has(entry.name))
        files.push(...(await walk(path, depth + 1)));
    } else if (entry.isFile() && isDataFile(path)) files.push(path);
  }
  return files;
}
