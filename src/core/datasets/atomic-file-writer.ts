import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file through a temporary sibling and renames it into place on `commit`, so a
 * reader never sees half a file and an interrupted run leaves the old file as it was.
 */
export class AtomicFileWriter {
  readonly path: string;
  readonly #temporary: string;
  readonly #stream: WriteStream;
  #pending: string[] = [];
  #pendingLength = 0;

  private constructor(path: string, temporary: string, stream: WriteStream) {
    this.path = path;
    this.#temporary = temporary;
    this.#stream = stream;
  }

  static async open(path: string): Promise<AtomicFileWriter> {
    await mkdir(dirname(path), { recursive: true });
    const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
    const temporary = join(dirname(path), `.${basename(path)}.${suffix}.tmp`);
    const stream = createWriteStream(temporary);
    await once(stream, 'open');
    return new AtomicFileWriter(path, temporary, stream);
  }

  /** Buffers small writes; waits for the disk when the stream asks for it. */
  async write(text: string): Promise<void> {
    this.#pending.push(text);
    this.#pendingLength += text.length;
    if (this.#pendingLength >= 256 * 1024) await this.#flush();
  }

  async commit(): Promise<void> {
    await this.#flush();
    this.#stream.end();
    await once(this.#stream, 'close');
    await rename(this.#temporary, this.path);
  }

  async abort(): Promise<void> {
    this.#stream.destroy();
    await rm(this.#temporary, { force: true });
  }

  async #flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const text = this.#pending.join('');
    this.#pending = [];
    this.#pendingLength = 0;
    if (!this.#stream.write(text)) await once(this.#stream, 'drain');
  }
}

/** Writes one whole text file atomically. */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const writer = await AtomicFileWriter.open(path);
  try {
    await writer.write(text);
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
