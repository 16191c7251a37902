import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TunegateError } from '../../spec/index.js';
import type { EvalCase } from './eval-case.js';
import type { LoadedTask } from './loaded-task.js';
import { loadCases, readDataFile, resolveDataPath } from './read-data-file.js';

let directory = '';

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'tunegate-read-data-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function writeData(name: string, content: string): Promise<string> {
  const file = join(directory, name);
  await writeFile(file, content);
  return file;
}

async function readAll(file: string, options?: { idField?: string }): Promise<EvalCase[]> {
  const cases: EvalCase[] = [];
  for await (const evalCase of readDataFile(file, options)) cases.push(evalCase);
  return cases;
}

async function failureOf(file: string): Promise<TunegateError> {
  const error = await readAll(file).catch((caught: unknown) => caught);
  if (!(error instanceof TunegateError)) throw new Error(`expected a TunegateError, got ${error}`);
  return error;
}

describe('readDataFile (JSONL)', () => {
  it('reads rows, stringifies ids, numbers missing ids by line and skips blank lines', async () => {
    const file = await writeData(
      'basic.jsonl',
      [
        '{"id": "a", "input": "one"}',
        '',
        '{"id": 7, "input": "two"}',
        '   ',
        '{"input": "three"}',
      ].join('\n'),
    );
    const cases = await readAll(file);
    expect(cases).toEqual([
      { id: 'a', fields: { id: 'a', input: 'one' }, source: { file, line: 1 } },
      { id: '7', fields: { id: 7, input: 'two' }, source: { file, line: 3 } },
      { id: 'line-5', fields: { input: 'three' }, source: { file, line: 5 } },
    ]);
  });

  it('accepts .ndjson, CRLF line ends and a byte-order mark', async () => {
    const file = await writeData('windows.ndjson', '\uFEFF{"id":"a"}\r\n{"id":"b"}\r\n');
    const cases = await readAll(file);
    expect(cases.map((evalCase) => [evalCase.id, evalCase.source.line])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('takes the id from another field when asked', async () => {
    const file = await writeData('key.jsonl', '{"key": "k1", "id": "ignored"}\n{"key": "k2"}\n');
    const cases = await readAll(file, { idField: 'key' });
    expect(cases.map((evalCase) => evalCase.id)).toEqual(['k1', 'k2']);
  });

  it('names the line of a JSON syntax error', async () => {
    const rows = Array.from({ length: 6 }, (_, index) => `{"id": "r${index + 1}"}`);
    const file = await writeData('broken.jsonl', [...rows, '{"id": "r7", "input": }'].join('\n'));
    const error = await failureOf(file);
    expect(error.code).toBe('INVALID_DATA');
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ code: 'invalid_json', file, line: 7, path: [] });
    expect(error.message).toContain(`${file}:7`);
  });

  it('rejects a row that is not an object', async () => {
    const file = await writeData('array.jsonl', '{"id": "a"}\n[1, 2]\n');
    const error = await failureOf(file);
    expect(error.problems[0]).toMatchObject({
      code: 'not_an_object',
      line: 2,
      message: 'expected a JSON object, got an array',
    });
  });

  it('rejects a duplicate id, naming both lines and the field', async () => {
    const lines = Array.from({ length: 9 }, (_, index) => `{"id": "r${index + 1}"}`);
    lines[2] = '{"id": "x"}';
    lines[8] = '{"id": "x"}';
    const file = await writeData('duplicate.jsonl', lines.join('\n'));
    const error = await failureOf(file);
    expect(error.problems[0]).toEqual({
      code: 'duplicate_id',
      path: ['id'],
      message: 'duplicate id "x" (first seen at line 3)',
      file,
      line: 9,
    });
  });

  it('rejects an id that is not a string or number', async () => {
    const file = await writeData('bad-id.jsonl', '{"id": {"nested": true}}\n');
    const error = await failureOf(file);
    expect(error.problems[0]).toMatchObject({ code: 'invalid_id', path: ['id'], line: 1 });
  });

  it('throws FILE_NOT_FOUND for a missing file and INVALID_DATA for an unknown type', async () => {
    const missing = join(directory, 'nope.jsonl');
    expect((await failureOf(missing)).code).toBe('FILE_NOT_FOUND');
    const text = await writeData('notes.txt', 'hello\n');
    const error = await failureOf(text);
    expect(error.code).toBe('INVALID_DATA');
    expect(error.problems[0]?.code).toBe('unsupported_format');
  });

  it('streams a large file row by row', async () => {
    const file = join(directory, 'large.jsonl');
    const rowCount = 100_000;
    const stream = createWriteStream(file);
    for (let index = 0; index < rowCount; index++) {
      if (!stream.write(`{"id": "case-${index}", "input": "text number ${index}"}\n`)) {
        await once(stream, 'drain');
      }
    }
    stream.end();
    await once(stream, 'finish');

    let count = 0;
    let lastId = '';
    for await (const evalCase of readDataFile(file)) {
      count += 1;
      lastId = evalCase.id;
    }
    expect(count).toBe(rowCount);
    expect(lastId).toBe(`case-${rowCount - 1}`);
  });

  it('lets a consumer stop early', async () => {
    const file = await writeData('early.jsonl', '{"id":"a"}\n{"id":"b"}\n{"id":"c"}\n');
    const seen: string[] = [];
    for await (const evalCase of readDataFile(file)) {
      seen.push(evalCase.id);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['a', 'b']);
  });
});

describe('readDataFile (CSV)', () => {
  it('reads a header row, quoted fields and line numbers', async () => {
    const file = await writeData(
      'basic.csv',
      'id,input,expected\n1,"hello, world",positive\n\n2,plain,negative\n',
    );
    const cases = await readAll(file);
    expect(cases).toEqual([
      {
        id: '1',
        fields: { id: '1', input: 'hello, world', expected: 'positive' },
        source: { file, line: 2 },
      },
      {
        id: '2',
        fields: { id: '2', input: 'plain', expected: 'negative' },
        source: { file, line: 4 },
      },
    ]);
  });

  it('numbers rows without an id column by line', async () => {
    const file = await writeData('no-id.csv', 'input\nfirst\nsecond\n');
    const cases = await readAll(file);
    expect(cases.map((evalCase) => evalCase.id)).toEqual(['line-2', 'line-3']);
  });

  it('reports a row with the wrong number of columns', async () => {
    const file = await writeData('ragged.csv', 'id,input\na,one\nb\nc,three\n');
    const error = await failureOf(file);
    expect(error.code).toBe('INVALID_DATA');
    expect(error.problems[0]).toMatchObject({ code: 'invalid_csv', file, line: 3 });
  });
});

describe('loadCases', () => {
  it('collects every problem and keeps the good rows', async () => {
    const file = await writeData(
      'mixed.jsonl',
      ['{"id": "a"}', 'not json', '{"id": "b"}', '"a string"', '{"id": "a"}', '{"id": "c"}'].join(
        '\n',
      ),
    );
    const { cases, problems } = await loadCases(file);
    expect(cases.map((evalCase) => evalCase.id)).toEqual(['a', 'b', 'c']);
    expect(problems.map((problem) => [problem.code, problem.line])).toEqual([
      ['invalid_json', 2],
      ['not_an_object', 4],
      ['duplicate_id', 5],
    ]);
  });

  it('collects CSV problems without stopping', async () => {
    const file = await writeData('mixed.csv', 'id,input\na,one\nb\nc,three\nd,four,extra\n');
    const { cases, problems } = await loadCases(file);
    expect(cases.map((evalCase) => evalCase.id)).toEqual(['a', 'c']);
    expect(problems.map((problem) => [problem.code, problem.line])).toEqual([
      ['invalid_csv', 3],
      ['invalid_csv', 5],
    ]);
  });

  it('reports a missing file as a problem', async () => {
    const missing = join(directory, 'absent.jsonl');
    const { cases, problems } = await loadCases(missing);
    expect(cases).toEqual([]);
    expect(problems).toEqual([
      {
        code: 'file_not_found',
        path: [],
        message: `data file not found: ${missing}`,
        file: missing,
      },
    ]);
  });
});

describe('resolveDataPath', () => {
  it('resolves against the task folder and keeps absolute paths', () => {
    const task = { directory: '/projects/demo' } as LoadedTask;
    expect(resolveDataPath(task, 'data/eval.jsonl')).toBe('/projects/demo/data/eval.jsonl');
    expect(resolveDataPath(task, '../common/pool.jsonl')).toBe('/projects/common/pool.jsonl');
    expect(resolveDataPath(task, '/elsewhere/eval.csv')).toBe('/elsewhere/eval.csv');
  });
});
