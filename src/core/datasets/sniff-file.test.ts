import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import { sniffFile } from './sniff-file.js';

describe('sniffFile', () => {
  let directory: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => {
    directory = temporaryDirectory();
  });
  afterEach(() => directory.remove());

  const file = (name: string, content: string | Buffer) => {
    const path = join(directory.path, name);
    writeFileSync(path, content);
    return path;
  };

  it('decides the container from the extension, then the first character', async () => {
    expect((await sniffFile(file('a.csv', '[x]'))).container).toBe('csv');
    expect((await sniffFile(file('a.jsonl', '[1]'))).container).toBe('jsonl');
    expect((await sniffFile(file('a.json', ' \n[{"a":1}]'))).container).toBe('json-array');
    expect((await sniffFile(file('b.json', '{"a":1}\n'))).container).toBe('jsonl');
    expect((await sniffFile(file('data.txt', '{"a":1}\n'))).container).toBe('jsonl');
    expect((await sniffFile(file('data.txt', 'a,b\n'))).container).toBe('csv');
  });

  it('refuses binary files with a message saying what they look like', async () => {
    await expect(sniffFile(file('x.jsonl', Buffer.from([0x7b, 0x00, 0x7d])))).rejects.toThrow(
      /binary file \(a NUL byte at offset 1\)/,
    );
    await expect(sniffFile(file('x.gz.jsonl', Buffer.from([0x1f, 0x8b, 0x08])))).rejects.toThrow(
      /gzip-compressed/,
    );
    await expect(
      sniffFile(file('x16.jsonl', Buffer.from([0xff, 0xfe, 0x7b, 0x00]))),
    ).rejects.toThrow(/UTF-16/);
  });

  it('says a missing file is missing', async () => {
    await expect(sniffFile(join(directory.path, 'nope.jsonl'))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
  });
});
