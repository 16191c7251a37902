import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageName = 'tunegate';
let cached: Promise<string> | undefined;

/**
 * The folder holding tunegate's own package.json. Walking up from this module works both from
 * source (`src/core/task/`) and compiled code (`dist/core/task/`), and inside node_modules.
 */
export function findPackageRoot(): Promise<string> {
  cached ??= walkUp(dirname(fileURLToPath(import.meta.url)));
  return cached;
}

async function walkUp(start: string): Promise<string> {
  let directory = start;
  for (;;) {
    if (await isTunegatePackage(join(directory, 'package.json'))) return directory;
    const parent = dirname(directory);
    if (parent === directory) {
      cached = undefined;
      throw new Error(`could not find the ${packageName} package root above ${start}`);
    }
    directory = parent;
  }
}

async function isTunegatePackage(file: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(file, 'utf8')) as { name?: unknown };
    return manifest.name === packageName;
  } catch {
    return false;
  }
}
