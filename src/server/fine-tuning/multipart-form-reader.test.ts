import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import {
  MultipartFormError,
  multipartBoundary,
  readMultipartForm,
} from './multipart-form-reader.js';

let folder: { path: string; remove: () => void };
beforeEach(() => {
  folder = temporaryDirectory('tunegate-multipart-');
});
afterEach(() => folder.remove());

/** A form encoded by fetch's own FormData encoder, and its boundary. */
async function encode(form: FormData): Promise<{ body: Buffer; boundary: string }> {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  const boundary = multipartBoundary(request.headers.get('content-type') ?? undefined);
  if (boundary === undefined) throw new Error('no boundary');
  return { body: Buffer.from(await request.arrayBuffer()), boundary };
}

async function* chunked(body: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < body.length; start += size) yield body.subarray(start, start + size);
}

describe('multipartBoundary', () => {
  it('reads plain and quoted boundaries and refuses other content types', () => {
    expect(multipartBoundary('multipart/form-data; boundary=abc123')).toBe('abc123');
    expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(multipartBoundary('application/json')).toBeUndefined();
    expect(multipartBoundary('multipart/form-data')).toBeUndefined();
    expect(multipartBoundary(undefined)).toBeUndefined();
  });
});

describe('readMultipartForm', () => {
  const content = `${'{"prompt":"a","completion":" b"}\n'.repeat(300)}\r\n--almost-a-boundary\r\n`;

  it.each([1, 7, 64, 1000, 1 << 20])(
    'splits fields and files at any chunk size (%i bytes)',
    async (size) => {
      const form = new FormData();
      form.append('purpose', 'fine-tune');
      form.append('file', new Blob([content]), 'train – ü.jsonl');
      form.append('note', '');
      const { body, boundary } = await encode(form);
      const read = await readMultipartForm(chunked(body, size), boundary, {
        directory: folder.path,
        limitBytes: 1 << 20,
      });
      expect([...read.fields]).toEqual([
        ['purpose', 'fine-tune'],
        ['note', ''],
      ]);
      expect(read.files).toHaveLength(1);
      const file = read.files[0];
      expect(file?.field).toBe('file');
      expect(file?.filename).toBe('train – ü.jsonl');
      expect(file?.bytes).toBe(Buffer.byteLength(content));
      expect(readFileSync(file?.path ?? '', 'utf8')).toBe(content);
    },
  );

  it('accepts a hand-written body with a preamble, padding after a boundary and an epilogue', async () => {
    const body = Buffer.from(
      [
        'ignored preamble',
        '--XyZ  ',
        'Content-Disposition: form-data; name="purpose"',
        '',
        'fine-tune',
        '--XyZ',
        'Content-Disposition: form-data; name="file"; filename*=UTF-8\'\'d%C3%A9j%C3%A0.jsonl',
        'Content-Type: application/jsonl',
        '',
        'line one',
        'line two',
        '--XyZ--',
        'epilogue',
      ].join('\r\n'),
    );
    const read = await readMultipartForm(chunked(body, 5), 'XyZ', {
      directory: folder.path,
      limitBytes: 10_000,
    });
    expect(read.fields.get('purpose')).toBe('fine-tune');
    expect(read.files[0]?.filename).toBe('déjà.jsonl');
    expect(read.files[0]?.contentType).toBe('application/jsonl');
    expect(readFileSync(read.files[0]?.path ?? '', 'utf8')).toBe('line one\r\nline two');
  });

  it('refuses a body over the limit and removes what it wrote', async () => {
    const form = new FormData();
    form.append('file', new Blob(['x'.repeat(5000)]), 'big.jsonl');
    const { body, boundary } = await encode(form);
    const failure = await readMultipartForm(chunked(body, 100), boundary, {
      directory: folder.path,
      limitBytes: 2000,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MultipartFormError);
    expect((failure as MultipartFormError).tooLarge).toBe(true);
    expect(await readdir(folder.path)).toEqual([]);
  });

  it('refuses a truncated body and a part without a disposition', async () => {
    const form = new FormData();
    form.append('file', new Blob(['abc']), 'a.jsonl');
    const { body, boundary } = await encode(form);
    const options = { directory: folder.path, limitBytes: 10_000 };
    await expect(
      readMultipartForm(chunked(body.subarray(0, body.length - 10), 50), boundary, options),
    ).rejects.toThrow('ended early');
    const bare = Buffer.from('--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n');
    await expect(readMultipartForm(chunked(bare, 50), 'b', options)).rejects.toThrow(
      'Content-Disposition',
    );
    expect(await readdir(folder.path)).toEqual([]);
  });
});
