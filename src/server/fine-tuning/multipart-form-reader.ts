import type { FileHandle } from 'node:fs/promises';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomToken } from './fine-tuning-ids.js';

/** A file part, streamed to disk as it arrived. */
export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string | undefined;
  path: string;
  bytes: number;
}

export interface MultipartForm {
  fields: Map<string, string>;
  files: MultipartFile[];
}

export interface MultipartOptions {
  /** Where file parts are written (as `upload-*.part`; the caller moves or removes them). */
  directory: string;
  /** Largest body accepted, all parts together. */
  limitBytes: number;
  /** Largest plain field value (default 64 KiB). */
  fieldLimitBytes?: number;
  /** Most parts accepted (default 16). */
  maxParts?: number;
}

/** Why a body is not a readable form; `tooLarge` when a limit was crossed. */
export class MultipartFormError extends Error {
  readonly tooLarge: boolean;

  constructor(message: string, tooLarge = false) {
    super(message);
    this.name = 'MultipartFormError';
    this.tooLarge = tooLarge;
  }
}

/** The boundary of a `multipart/form-data` content type, or undefined for anything else. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) {
    return undefined;
  }
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  return boundary !== undefined && boundary.length <= 70 ? boundary : undefined;
}

const headerLimit = 16 * 1024;
const crlf = Buffer.from('\r\n');
const headerEnd = Buffer.from('\r\n\r\n');

type State = 'preamble' | 'afterDelimiter' | 'headers' | 'body' | 'done';

interface OpenPart {
  name: string;
  file: { handle: FileHandle; record: MultipartFile } | undefined;
  value: Buffer[];
  valueBytes: number;
}

/**
 * Reads a `multipart/form-data` body as it streams: plain fields into memory (bounded), file
 * parts straight to disk, so an upload's size is limited by `limitBytes`, not by memory. The
 * body is held back only by a delimiter's length while looking for the next boundary.
 */
export async function readMultipartForm(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
  options: MultipartOptions,
): Promise<MultipartForm> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const fieldLimit = options.fieldLimitBytes ?? 64 * 1024;
  const maxParts = options.maxParts ?? 16;
  const form: MultipartForm = { fields: new Map(), files: [] };
  let state: State = 'preamble';
  // A leading CRLF lets the first boundary match the same delimiter as the others.
  let buffer: Buffer = Buffer.from(crlf);
  let received = 0;
  let parts = 0;
  let part: OpenPart | undefined;

  const write = async (bytes: Buffer) => {
    if (part === undefined || bytes.length === 0) return;
    if (part.file !== undefined) {
      await part.file.handle.write(bytes);
      part.file.record.bytes += bytes.length;
      return;
    }
    part.valueBytes += bytes.length;
    if (part.valueBytes > fieldLimit) {
      throw new MultipartFormError(`form field "${part.name}" is over ${fieldLimit} bytes`, true);
    }
    part.value.push(bytes);
  };

  const finishPart = async () => {
    if (part === undefined) return;
    const finished = part;
    part = undefined;
    if (finished.file !== undefined) await finished.file.handle.close();
    else form.fields.set(finished.name, Buffer.concat(finished.value).toString('utf8'));
  };

  const startPart = async (headerText: string) => {
    parts += 1;
    if (parts > maxParts) throw new MultipartFormError(`the form has more than ${maxParts} parts`);
    const disposition = parseDisposition(headerText);
    const contentType = /^content-type:\s*(.+)$/im.exec(headerText)?.[1]?.trim();
    part = { name: disposition.name, file: undefined, value: [], valueBytes: 0 };
    if (disposition.filename === undefined) return;
    const path = join(options.directory, `upload-${randomToken(16)}.part`);
    const record: MultipartFile = {
      field: disposition.name,
      filename: disposition.filename,
      contentType,
      path,
      bytes: 0,
    };
    form.files.push(record);
    part.file = { handle: await open(path, 'w'), record };
  };

  const drain = async (): Promise<void> => {
    for (;;) {
      if (state === 'done') {
        buffer = Buffer.alloc(0);
        return;
      }
      if (state === 'preamble' || state === 'body') {
        const at = buffer.indexOf(delimiter);
        if (at < 0) {
          // Keep what could be the start of a delimiter split across chunks.
          const safe = buffer.length - (delimiter.length - 1);
          if (safe > 0) {
            if (state === 'body') await write(buffer.subarray(0, safe));
            buffer = buffer.subarray(safe);
          }
          return;
        }
        if (state === 'body') {
          await write(buffer.subarray(0, at));
          await finishPart();
        }
        buffer = buffer.subarray(at + delimiter.length);
        state = 'afterDelimiter';
        continue;
      }
      if (state === 'afterDelimiter') {
        if (buffer.length < 2) return;
        if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
          state = 'done';
          continue;
        }
        const lineEnd = buffer.indexOf(crlf);
        if (lineEnd < 0) {
          if (buffer.length > 256) throw new MultipartFormError('malformed multipart boundary');
          return;
        }
        // Only transport padding (spaces, tabs) may follow a boundary on its line.
        if (buffer.subarray(0, lineEnd).toString('latin1').trim() !== '') {
          throw new MultipartFormError('malformed multipart boundary');
        }
        buffer = buffer.subarray(lineEnd + 2);
        state = 'headers';
        continue;
      }
      // Headers: a part without any starts with the blank line at once.
      const end = buffer.subarray(0, 2).equals(crlf) ? -2 : buffer.indexOf(headerEnd);
      if (end === -1) {
        if (buffer.length > headerLimit) {
          throw new MultipartFormError('the headers of a form part are too long');
        }
        return;
      }
      await startPart(end < 0 ? '' : buffer.subarray(0, end).toString('utf8'));
      buffer = buffer.subarray(end < 0 ? 2 : end + headerEnd.length);
      state = 'body';
    }
  };

  try {
    for await (const chunk of body) {
      received += chunk.length;
      if (received > options.limitBytes) {
        throw new MultipartFormError(
          `the request body is larger than ${options.limitBytes} bytes`,
          true,
        );
      }
      buffer = buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([buffer, chunk]);
      await drain();
    }
    await drain();
    // `drain` moves the state; the compiler cannot see that through the closure.
    if ((state as State) !== 'done') {
      throw new MultipartFormError('the multipart body ended early');
    }
    return form;
  } catch (error) {
    await part?.file?.handle.close().catch(() => {});
    await Promise.all(form.files.map((file) => rm(file.path, { force: true })));
    throw error;
  }
}

/** `name` and `filename` (plain or RFC 5987 `filename*`) of a part's Content-Disposition. */
function parseDisposition(headerText: string): { name: string; filename: string | undefined } {
  const line = /^content-disposition:\s*(.+)$/im.exec(headerText)?.[1];
  if (line === undefined || !/^form-data\b/i.test(line.trim())) {
    throw new MultipartFormError('a form part has no Content-Disposition: form-data header');
  }
  const parameters = new Map<string, string>();
  for (const match of line.matchAll(/;\s*([\w*.-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
    const key = (match[1] ?? '').toLowerCase();
    const raw = (match[2] ?? '').trim();
    parameters.set(key, raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
  }
  const name = parameters.get('name');
  if (name === undefined) throw new MultipartFormError('a form part has no name');
  const extended = parameters.get('filename*');
  const filename =
    extended !== undefined
      ? decodeExtended(extended)
      : parameters.has('filename')
        ? parameters.get('filename')
        : undefined;
  return { name, filename };
}

function decodeExtended(value: string): string {
  const match = /^[\w-]*'[\w-]*'(.*)$/.exec(value);
  try {
    return decodeURIComponent(match?.[1] ?? value);
  } catch {
    return value;
  }
}
