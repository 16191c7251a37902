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
  const scanner = new Utf8LineScanner(options.maxRecordBytes, options.onProgress);
  const skipped: CsvRow[] = [];
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  const parser = stream.pipe(scanner).pipe(
    parse({
      columns: (header: string[]) => {
        options.onColumns?.(header);
        return header;
      },
      info: true,
      raw: true,
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
  // The parser reads ahead, so a skipped record can be reported before rows above it.
  const skippedBefore = function* (line: number): Generator<CsvRow> {
    skipped.sort((left, right) => left.line - right.line);
    while (skipped.length > 0 && (skipped[0] as CsvRow).line < line)
      yield skipped.shift() as CsvRow;
  };
  try {
    for await (const entry of parser as AsyncIterable<{
      record: Record<string, string>;
      info: Info;
      raw: string;
    }>) {
      const line = entry.info.lines;
      const firstLine = line - (entry.raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
      yield* skippedBefore(firstLine);
      if (scanner.hasInvalidLine(firstLine, line)) yield { kind: 'invalid_utf8', line: firstLine };
      else yield { kind: 'row', line, firstLine, value: entry.record };
    }
    yield* skippedBefore(Number.POSITIVE_INFINITY);
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
  readonly #maxLineBytes: number;
  #carry: Buffer = Buffer.alloc(0);
  /** The current line outgrew the limit: its bytes are not kept (the parser reports it). */
  #overflow = false;
  #line = 0;
  #bytesRead = 0;

  constructor(maxLineBytes: number, onProgress?: (bytesRead: number) => void) {
    super();
    this.#maxLineBytes = maxLineBytes;
    this.#onProgress = onProgress;
  }

  hasInvalidLine(first: number, last: number): boolean {
    if (this.#invalid.size === 0) return false;
    for (let line = first; line <= last; line += 1) if (this.#invalid.has(line)) return true;
    return false;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.#bytesRead += chunk.length;
    let combined = this.#carry.length > 0 ? Buffer.concat([this.#carry, chunk]) : chunk;
    const lastNewline = combined.lastIndexOf(0x0a);
    if (lastNewline === -1) {
      this.#carry = combined.length > this.#maxLineBytes ? Buffer.alloc(0) : combined;
      this.#overflow ||= combined.length > this.#maxLineBytes;
    } else {
      if (this.#overflow) {
        // The rest of an oversized line: count it, judge only the lines after it.
        const firstNewline = combined.indexOf(0x0a);
        this.#line += 1;
        combined = combined.subarray(firstNewline + 1);
        this.#overflow = false;
      }
      const complete = combined.lastIndexOf(0x0a);
      if (complete !== -1) this.#scan(combined.subarray(0, complete + 1));
      this.#carry = Buffer.from(combined.subarray(complete + 1));
    }
    this.#onProgress?.(this.#bytesRead);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.#carry.length > 0 && !this.#overflow) this.#scan(this.#carry);
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
