import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import { type DatasetRecord, openDatasetRecords } from './read-dataset-records.js';

async function read(file: string, options = {}): Promise<DatasetRecord[]> {
  const opened = await openDatasetRecords(file, options);
  const records: DatasetRecord[] = [];
  for await (const record of opened.records) records.push(record);
  return records;
}

const summary = (records: DatasetRecord[]) =>
  records.map((record) => [
    record.index,
    record.line,
    record.kind === 'record' ? record.value : record.problem.code,
  ]);

describe('openDatasetRecords', () => {
  let directory: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => {
    directory = temporaryDirectory();
  });
  afterEach(() => directory.remove());

  it('numbers every non-blank JSON line, readable or not', async () => {
    const file = join(directory.path, 'a.jsonl');
    writeFileSync(file, '{"a":1}\n\n{oops\n[1]\n');
    expect(summary(await read(file))).toEqual([
      [0, 1, { a: 1 }],
      [1, 3, 'invalid_json'],
      [2, 4, [1]],
    ]);
  });

  it('reads a JSON array element by element with line numbers', async () => {
    const file = join(directory.path, 'b.json');
    writeFileSync(file, '[\n {"a": 1},\n {"a": },\n {"a": 3}\n]');
    expect(summary(await read(file))).toEqual([
      [0, 2, { a: 1 }],
      [1, 3, 'invalid_json'],
      [2, 4, { a: 3 }],
    ]);
  });

  it('refuses a JSON array over the size limit and says to use JSON Lines', async () => {
    const file = join(directory.path, 'c.json');
    writeFileSync(file, `[${'{"a": 1},'.repeat(100)}{"a": 1}]`);
    await expect(openDatasetRecords(file, { maxJsonBytes: 100 })).rejects.toThrow(
      /convert it to JSON Lines/,
    );
  });

  it('reads CSV with the header, reporting invalid UTF-8 and bad records by line', async () => {
    const file = join(directory.path, 'd.csv');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('text,label\n"two\nlines",a\n'),
        Buffer.from([0x62, 0xff, 0x2c, 0x62, 0x0a]),
        Buffer.from('x,y,z\nlast,c\n'),
      ]),
    );
    const opened = await openDatasetRecords(file);
    const records: DatasetRecord[] = [];
    for await (const record of opened.records) records.push(record);
    expect(opened.columns()).toEqual(['text', 'label']);
    expect(summary(records)).toEqual([
      [0, 2, { text: 'two\nlines', label: 'a' }],
      [1, 4, 'invalid_utf8'],
      [2, 5, 'invalid_csv'],
      [3, 6, { text: 'last', label: 'c' }],
    ]);
  });
});
