import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { DatasetContainer } from './dataset-format.js';

export interface FileSniff {
  container: DatasetContainer;
  /** Bytes on disk. */
  size: number;
}

const sampleBytes = 64 * 1024;

/** Magic numbers of files people hand over by mistake, with what to do instead. */
const refusedSignatures: { bytes: number[]; what: string }[] = [
  { bytes: [0x1f, 0x8b], what: 'a gzip-compressed file: decompress it first' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive (or a spreadsheet): export it as CSV' },
  { bytes: [0x50, 0x41, 0x52, 0x31], what: 'a Parquet file: convert it to JSON Lines' },
  { bytes: [0xff, 0xfe], what: 'UTF-16 text: save it as UTF-8' },
  { bytes: [0xfe, 0xff], what: 'UTF-16 text: save it as UTF-8' },
];

/**
 * Decides how a data file is stored from its name and first bytes, and refuses binary files
 * with a message that says what the file looks like. `.json` holding a top-level array is a
 * JSON array; any other `.json` is read as JSON Lines.
 */
export async function sniffFile(file: string): Promise<FileSniff> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    const message = `data file not found: ${file}`;
    throw new TunegateError('FILE_NOT_FOUND', message, {
      problems: [{ code: 'file_not_found', path: [], message, file }],
    });
  }
  const sample = await readSample(file);
  for (const signature of refusedSignatures) {
    if (signature.bytes.every((byte, index) => sample[index] === byte)) {
      throw refused(file, `${file} is ${signature.what}`);
    }
  }
  const nul = sample.indexOf(0);
  if (nul !== -1) {
    throw refused(
      file,
      `${file} looks like a binary file (a NUL byte at offset ${nul}); expected JSON Lines, JSON or CSV text`,
    );
  }
  return { container: containerOf(file, sample), size: info.size };
}

async function readSample(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(sampleBytes);
    const { bytesRead } = await handle.read(buffer, 0, sampleBytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function containerOf(file: string, sample: Buffer): DatasetContainer {
  const extension = extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  const first = firstCharacter(sample);
  if (first === '[') return 'json-array';
  if (extension === '.json' || first === '{') return 'jsonl';
  return 'csv';
}

function firstCharacter(sample: Buffer): string | undefined {
  const text = sample.toString('utf8').replace(/^\uFEFF/, '');
  return /\S/.exec(text)?.[0];
}

function refused(file: string, message: string): TunegateError {
  return TunegateError.fromProblems('INVALID_DATA', [
    { code: 'unreadable_file', path: [], message, file, severity: 'error' },
  ]);
}
