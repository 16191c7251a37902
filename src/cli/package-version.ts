import { readFileSync } from 'node:fs';

/** Read at run time so the version has one source: package.json (two levels above dist/cli/). */
export function readPackageVersion(): string {
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    return (JSON.parse(text) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
