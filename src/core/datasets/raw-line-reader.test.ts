import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import { type RawLine, readRawLines } from './raw-line-reader.js';

async function lines(file: string, maxLineBytes?: number): Promise<RawLine[]> {
  const found: RawLine[] = [];
  for await (const line of readRawLines(file, maxLineBytes ? { maxLineBytes } : {}))
    found.push(line);
  return found;
}

describe('readRawLines', () => {
  let directory: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => {
    directory = temporaryDirectory();
  });
  afterEach(() => directory.remove());

  it('strips a BOM and CRs, skips blank lines but counts them, reads a last line without LF', async () => {
    const file = join(directory.path, 'a.jsonl');
    writeFileSync(file, '\uFEFF{"a":1}\r\n\r\n  \n{"b":2}');
    expect(await lines(file)).toEqual([
      { kind: 'line', line: 1, text: '{"a":1}', bytes: 7 },
      { kind: 'line', line: 4, text: '{"b":2}', bytes: 7 },
    ]);
  });

  it('reports a line of invalid UTF-8 and goes on', async () => {
    const file = join(directory.path, 'b.jsonl');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('ok\n'),
        Buffer.from([0x61, 0xc3, 0x28, 0x0a]),
        Buffer.from('é\n'),
      ]),
    );
    expect((await lines(file)).map((line) => [line.kind, line.line])).toEqual([
      ['line', 1],
      ['invalid_utf8', 2],
      ['line', 3],
    ]);
  });

  it('refuses a line over the limit without keeping it, and reads the next one', async () => {
    const file = join(directory.path, 'c.jsonl');
    writeFileSync(file, `short\n${'x'.repeat(5000)}\nafter\n`);
    const found = await lines(file, 100);
    expect(found).toEqual([
      { kind: 'line', line: 1, text: 'short', bytes: 5 },
      { kind: 'line_too_long', line: 2, bytes: 5000 },
      { kind: 'line', line: 3, text: 'after', bytes: 5 },
    ]);
  });

  it('joins a line that spans read chunks, multi-byte characters included', async () => {
    const file = join(directory.path, 'd.jsonl');
    const long = 'é'.repeat(700_000);
    writeFileSync(file, `${long}\nend\n`);
    const found = await lines(file);
    expect(found[0]).toEqual({ kind: 'line', line: 1, text: long, bytes: 1_400_000 });
    expect(found[1]).toMatchObject({ line: 2, text: 'end' });
  });
});
