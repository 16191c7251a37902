import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { DataRow } from './data-row.js';

/** Streams a JSON Lines file one line at a time; blank lines are skipped, never parsed. */
export async function* readJsonlRows(file: string): AsyncGenerator<DataRow> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const rawText of lines) {
      line += 1;
      // A byte-order mark is not part of the first row's JSON.
      const text = line === 1 ? rawText.replace(/^\uFEFF/, '') : rawText;
      if (text.trim() === '') continue;
      yield parseLine(text, line, file);
    }
  } finally {
    // Stopping early (a consumer's break or a thrown problem) must not leave the file open.
    lines.close();
    stream.destroy();
  }
}

function parseLine(text: string, line: number, file: string): DataRow {
  try {
    return { kind: 'row', line, value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      kind: 'problem',
      line,
      problem: { code: 'invalid_json', path: [], message: `invalid JSON: ${reason}`, file, line },
    };
  }
}
