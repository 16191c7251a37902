import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import { checkDataset } from './check-dataset.js';
import { fixDataset } from './fix-dataset.js';
import { csvField, RecordWriter } from './record-writer.js';

describe('fixDataset', () => {
  let directory: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => {
    directory = temporaryDirectory();
  });
  afterEach(() => directory.remove());

  it('writes CSV back as CSV with the header, dropping what the check drops', async () => {
    const input = join(directory.path, 'in.csv');
    writeFileSync(input, 'text,label\n"a, b",x\nbroken,row,here\n"say ""hi""",y\n"a, b",x\n');
    const { plan } = await checkDataset(input);
    const output = join(directory.path, 'out.csv');
    const result = await fixDataset(plan, output);
    expect(readFileSync(output, 'utf8')).toBe('text,label\n"a, b",x\n"say ""hi""",y\n');
    expect(result.droppedByCode).toEqual({ invalid_csv: 1, duplicate_row: 1 });
    const log = readFileSync(`${output}.fix-log.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(log).toEqual([
      { line: 3, action: 'dropped', code: 'invalid_csv' },
      { line: 5, action: 'dropped', code: 'duplicate_row', otherLine: 2 },
    ]);
  });

  it('writes a JSON array back as a JSON array, keeping unchanged rows as they were', async () => {
    const input = join(directory.path, 'in.json');
    const row = {
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
      ],
    };
    writeFileSync(input, JSON.stringify([row, { ...row, note: 1 }, 'x']));
    const { plan } = await checkDataset(input);
    const output = join(directory.path, 'out.json');
    await fixDataset(plan, output);
    expect(JSON.parse(readFileSync(output, 'utf8'))).toEqual([row]);
  });

  it('never writes over its input', async () => {
    const input = join(directory.path, 'in.jsonl');
    writeFileSync(input, '{"messages": []}\n');
    const { plan } = await checkDataset(input);
    await expect(fixDataset(plan, input)).rejects.toThrow(/never overwrites its input/);
  });
});

describe('RecordWriter', () => {
  let directory: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => {
    directory = temporaryDirectory();
  });
  afterEach(() => directory.remove());

  it('shows nothing at the path until closed, and nothing at all when aborted', async () => {
    const path = join(directory.path, 'out.jsonl');
    const writer = await RecordWriter.open(path, 'jsonl');
    await writer.write({ a: 1 });
    expect(existsSync(path)).toBe(false);
    await writer.close();
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n');
    const aborted = await RecordWriter.open(join(directory.path, 'gone.jsonl'), 'jsonl');
    await aborted.write({ a: 1 });
    await aborted.abort();
    expect(existsSync(join(directory.path, 'gone.jsonl'))).toBe(false);
  });

  it('quotes CSV fields by RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(undefined)).toBe('');
    expect(csvField({ a: 1 })).toBe('"{""a"":1}"');
  });
});
