import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { TunegateError } from '../../spec/tunegate-error.js';
import { readCsvRecords } from './csv-record-reader.js';
import type { DatasetContainer } from './dataset-format.js';
import { type DatasetProblem, datasetProblem } from './dataset-problem.js';
import { splitJsonArray } from './json-array-splitter.js';
import { defaultMaxLineBytes, readRawLines } from './raw-line-reader.js';
import { sniffFile } from './sniff-file.js';

/** One row of a data file, or the problem that kept it from being read. */
export type DatasetRecord =
  | { kind: 'record'; index: number; line: number; value: unknown; raw?: string; bytes: number }
  | { kind: 'problem'; index: number; line: number; problem: DatasetProblem };

export interface ReadRecordsOptions {
  /** Longest line (or CSV record) accepted; longer ones are reported and skipped. */
  maxLineBytes?: number;
  /** Largest JSON array parsed at once (default 256 MiB); larger ones must be JSON Lines. */
  maxJsonBytes?: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface OpenedDataset {
  file: string;
  container: DatasetContainer;
  size: number;
  records: AsyncGenerator<DatasetRecord>;
  /** CSV header, known once the first record has been read. */
  columns: () => string[] | undefined;
}

export const defaultMaxJsonBytes = 256 * 1024 * 1024;

/**
 * Opens a JSON Lines, JSON-array or CSV file as a stream of records. Every non-blank row gets
 * the next `index`, read or not, so two passes over the same file agree on row numbers; a
 * row that cannot be read becomes a problem and the rest is still read.
 */
export async function openDatasetRecords(
  file: string,
  options: ReadRecordsOptions = {},
): Promise<OpenedDataset> {
  const { container, size } = await sniffFile(file);
  const maxLineBytes = options.maxLineBytes ?? defaultMaxLineBytes;
  const progress = options.onProgress
    ? (bytes: number) => options.onProgress?.(bytes, size)
    : undefined;
  let columns: string[] | undefined;
  let records: AsyncGenerator<DatasetRecord>;
  if (container === 'csv') {
    records = csvRecords(file, maxLineBytes, progress, (header) => {
      columns = header;
    });
  } else if (container === 'json-array') {
    const maxJsonBytes = options.maxJsonBytes ?? defaultMaxJsonBytes;
    if (size > maxJsonBytes) {
      const message = `${file} is a ${(size / 1024 / 1024).toFixed(0)} MiB JSON array, over the ${(maxJsonBytes / 1024 / 1024).toFixed(0)} MiB that is parsed at once: convert it to JSON Lines (one object per line), e.g. jq -c '.[]' < ${file} > data.jsonl`;
      throw TunegateError.fromProblems('INVALID_DATA', [
        { code: 'json_too_large', path: [], message, file, severity: 'error' },
      ]);
    }
    records = jsonArrayRecords(file, progress);
  } else records = jsonLineRecords(file, maxLineBytes, progress);
  return { file, container, size, records, columns: () => columns };
}

async function* jsonLineRecords(
  file: string,
  maxLineBytes: number,
  onProgress: ((bytes: number) => void) | undefined,
): AsyncGenerator<DatasetRecord> {
  let index = 0;
  const options = { maxLineBytes, ...(onProgress ? { onProgress } : {}) };
  for await (const raw of readRawLines(file, options)) {
    const { line } = raw;
    if (raw.kind === 'line') {
      yield parseJson(raw.text, index, line, file, raw.bytes, true);
    } else if (raw.kind === 'invalid_utf8') {
      yield problem(
        index,
        datasetProblem('invalid_utf8', 'the line is not valid UTF-8', { file, line }),
      );
    } else {
      const megabytes = (raw.bytes / 1024 / 1024).toFixed(1);
      const message = `the line is ${megabytes} MiB, over the ${(maxLineBytes / 1024 / 1024).toFixed(0)} MiB limit: refused (is this one enormous line, e.g. a whole file without line breaks?)`;
      yield problem(index, datasetProblem('line_too_long', message, { file, line }));
    }
    index += 1;
  }
}

async function* jsonArrayRecords(
  file: string,
  onProgress: ((bytes: number) => void) | undefined,
): AsyncGenerator<DatasetRecord> {
  const bytes = await readFile(file);
  onProgress?.(bytes.length);
  const invalidLines = isUtf8(bytes) ? new Set<number>() : invalidUtf8Lines(bytes);
  const { elements, problem: structural } = splitJsonArray(bytes.toString('utf8'));
  let index = 0;
  for (const element of elements) {
    let invalid = false;
    for (let line = element.line; line <= element.endLine && !invalid; line += 1) {
      invalid = invalidLines.has(line);
    }
    if (invalid) {
      const found = datasetProblem('invalid_utf8', 'the element is not valid UTF-8', {
        file,
        line: element.line,
      });
      yield problem(index, found);
    } else {
      const size = Buffer.byteLength(element.text);
      yield parseJson(element.text, index, element.line, file, size, false);
    }
    index += 1;
  }
  if (structural !== undefined) {
    const found = datasetProblem('invalid_json', `invalid JSON: ${structural.message}`, {
      file,
      line: structural.line,
    });
    yield problem(index, found);
  }
}

async function* csvRecords(
  file: string,
  maxRecordBytes: number,
  onProgress: ((bytes: number) => void) | undefined,
  onColumns: (columns: string[]) => void,
): AsyncGenerator<DatasetRecord> {
  let index = 0;
  const options = { maxRecordBytes, onColumns, ...(onProgress ? { onProgress } : {}) };
  for await (const row of readCsvRecords(file, options)) {
    const { line } = row;
    if (row.kind === 'row') {
      yield { kind: 'record', index, line: row.firstLine, value: row.value, bytes: 0 };
    } else if (row.kind === 'invalid_utf8') {
      yield problem(
        index,
        datasetProblem('invalid_utf8', 'the row is not valid UTF-8', { file, line }),
      );
    } else {
      yield problem(index, datasetProblem('invalid_csv', row.message, { file, line }));
    }
    index += 1;
  }
}

function parseJson(
  text: string,
  index: number,
  line: number,
  file: string,
  bytes: number,
  keepRaw: boolean,
): DatasetRecord {
  try {
    const value = JSON.parse(text) as unknown;
    return keepRaw
      ? { kind: 'record', index, line, value, raw: text, bytes }
      : { kind: 'record', index, line, value, bytes };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return problem(
      index,
      datasetProblem('invalid_json', `invalid JSON: ${reason}`, { file, line }),
    );
  }
}

function problem(index: number, found: DatasetProblem): DatasetRecord {
  return { kind: 'problem', index, line: found.line ?? 0, problem: found };
}

function invalidUtf8Lines(bytes: Buffer): Set<number> {
  const invalid = new Set<number>();
  let start = 0;
  let line = 1;
  while (start <= bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end === -1 ? bytes.length : end;
    if (!isUtf8(bytes.subarray(start, stop))) invalid.add(line);
    if (end === -1) break;
    line += 1;
    start = end + 1;
  }
  return invalid;
}
