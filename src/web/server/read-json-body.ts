import type { IncomingMessage } from 'node:http';
import { WebHttpError } from './web-http-error.js';

/** Reads a JSON request body of at most `limitBytes`; anything but JSON is refused. */
export async function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new WebHttpError(415, 'unsupported_media_type', 'send the body as application/json');
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new WebHttpError(400, 'invalid_json', 'the request body is not valid JSON');
  }
}

function tooLarge(limitBytes: number): WebHttpError {
  return new WebHttpError(413, 'too_large', `the request body is larger than ${limitBytes} bytes`);
}
