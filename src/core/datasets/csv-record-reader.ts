import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { CsvError, type Info, parse } from 'csv-parse';

export type CsvRow =
  | { kind: 'row'; line: number; firstLine: number; value: Record<string, string> }
  | { kind: 'invalid_csv'; line: number; message: string }
  | { kind: 'invalid_utf8'; line: number };

export interface CsvReadOptions {
  maxRecordBytes: number;
  onProgress?: (bytesRead: number) => void;
  /** Receives the header once it is read. */
  onColumns?: (columns: string[]) => void;
}

/**
 * Streams a CSV file with a header row. The raw bytes pass through a scanner that notes the
 * lines holding invalid UTF-8 before the parser decodes them; a record on such a line is
 * reported instead of returned. Malformed records are reported and skipped.
 */
export async function* readCsvRecords(
  file: string,
  options: CsvReadOptions,
): AsyncGenerator<CsvRow> {
  const scanner = new Utf8LineScanner(options.onProgress);
  const skipped: CsvRow[] = [];
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  const parser = stream.pipe(scanner).pipe(
    parse({
      columns: (header: string[]) => {
        options.onColumns?.(header);
        return header;
      },
      info: true,
      bom: true,
      skip_empty_lines: true,
      max_record_size: options.maxRecordBytes,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        if (error !== undefined) skipped.push(toProblem(error));
        return undefined;
      },
    }),
  );
  let previousEnd = 1;
  try {
    for await (const entry of parser as AsyncIterable<{ record: Record<string, string>; info: Info }>) {
      yield* skipped.splice(0);
      const line = entry.info.lines;
      const firstLine = Math.min(line, previousEnd + 1);
      previousEnd = line;
      if (scanner.hasInvalidLine(firstLine, line)) yield { kind: 'invalid_utf8', line };
      else yield { kind: 'row', line, firstLine, value: entry.record };
    }
    yield* skipped.splice(0);
  } catch (error) {
    // Errors that cannot be skipped (a quote never closed) end the file.
    if (!(error instanceof CsvError)) throw error;
    yield* skipped.splice(0);
    yield toProblem(error);
  } finally {
    stream.destroy();
    parser.destroy();
  }
}

function toProblem(error: CsvError): CsvRow {
  const line = typeof error.lines === 'number' ? error.lines : 0;
  return {
    kind: 'invalid_csv',
    line,
    message: `invalid CSV: ${error.message.replace(/ (on|at) line \d+$/, '')}`,
  };
}

/** Passes bytes through unchanged and remembers which lines are not valid UTF-8. */
class Utf8LineScanner extends Transform {
  readonly #invalid = new Set<number>();
  readonly #onProgress: ((bytesRead: number) => void) | undefined;
  #carry: Buffer = Buffer.alloc(0);
  #line = 0;
  #bytesRead = 0;

  constructor(onProgress?: (bytesRead: number) => void) {
    super();
    this.#onProgress = onProgress;
  }

  hasInvalidLine(first: number, last: number): boolean {
    if (this.#invalid.size === 0) return false;
    for (let line = first; line <= last; line += 1) if (this.#invalid.has(line)) return true;
    return false;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.#bytesRead += chunk.length;
    const combined = this.#carry.length > 0 ? Buffer.concat([this.#carry, chunk]) : chunk;
    const lastNewline = combined.lastIndexOf(0x0a);
    if (lastNewline === -1) this.#carry = combined;
    else {
      this.#scan(combined.subarray(0, lastNewline + 1));
      this.#carry = Buffer.from(combined.subarray(lastNewline + 1));
    }
    this.#onProgress?.(this.#bytesRead);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.#carry.length > 0) this.#scan(this.#carry);
    done();
  }

  /** Whole lines only, so a character split across chunks is never judged half-read. */
  #scan(lines: Buffer): void {
    const firstLine = this.#line + 1;
    let count = 0;
    for (let at = lines.indexOf(0x0a); at !== -1; at = lines.indexOf(0x0a, at + 1)) count += 1;
    if (lines[lines.length - 1] !== 0x0a) count += 1;
    this.#line += count;
    if (isUtf8(lines)) return;
    let start = 0;
    let line = firstLine;
    while (start < lines.length) {
      const end = lines.indexOf(0x0a, start);
      const stop = end === -1 ? lines.length : end;
      if (!isUtf8(lines.subarray(start, stop))) this.#invalid.add(line);
      line += 1;
      start = stop + 1;
    }
  }
}
