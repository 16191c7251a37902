import { AtomicFileWriter } from './atomic-file-writer.js';
import type { DatasetContainer } from './dataset-format.js';

/**
 * Writes records in the container they came from: JSON Lines (an unchanged row keeps its
 * original text), a JSON array, or CSV with the original header. Atomic: nothing appears at
 * `path` until `close`.
 */
export class RecordWriter {
  readonly #writer: AtomicFileWriter;
  readonly #container: DatasetContainer;
  readonly #columns: string[] | undefined;
  #count = 0;

  private constructor(
    writer: AtomicFileWriter,
    container: DatasetContainer,
    columns: string[] | undefined,
  ) {
    this.#writer = writer;
    this.#container = container;
    this.#columns = columns;
  }

  static async open(
    path: string,
    container: DatasetContainer,
    columns?: string[],
  ): Promise<RecordWriter> {
    const writer = await AtomicFileWriter.open(path);
    const opened = new RecordWriter(writer, container, columns);
    if (container === 'csv') await writer.write(`${(columns ?? []).map(csvField).join(',')}\n`);
    if (container === 'json-array') await writer.write('[');
    return opened;
  }

  get count(): number {
    return this.#count;
  }

  /** Writes a record; `raw` is its original JSON text, used when the record is unchanged. */
  async write(value: unknown, raw?: string): Promise<void> {
    this.#count += 1;
    if (this.#container === 'csv') {
      const record = value as Record<string, unknown>;
      const columns = this.#columns ?? Object.keys(record);
      await this.#writer.write(`${columns.map((column) => csvField(record[column])).join(',')}\n`);
      return;
    }
    const text = raw ?? JSON.stringify(value);
    if (this.#container === 'json-array') {
      await this.#writer.write(`${this.#count === 1 ? '\n' : ',\n'}  ${text}`);
    } else await this.#writer.write(`${text}\n`);
  }

  async close(): Promise<void> {
    if (this.#container === 'json-array')
      await this.#writer.write(this.#count === 0 ? ']\n' : '\n]\n');
    await this.#writer.commit();
  }

  async abort(): Promise<void> {
    await this.#writer.abort();
  }
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF (and one with edge spaces). */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (/[",\r\n]/.test(text) || text !== text.trim()) return `"${text.replaceAll('"', '""')}"`;
  return text;
}
