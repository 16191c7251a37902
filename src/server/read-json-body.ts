import type { IncomingMessage } from 'node:http';
import { OpenAIHttpError } from './openai-http-error.js';

/**
 * Reads a JSON object body of at most `limitBytes`. A larger body is refused with 413 as soon
 * as it crosses the limit (by Content-Length when sent, else while reading); bad JSON is 400.
 */
export async function readJsonBody(
  request: IncomingMessage,
  limitBytes: number,
): Promise<Record<string, unknown>> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new OpenAIHttpError(
      400,
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)",
      { code: 'invalid_json' },
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new OpenAIHttpError(400, 'The request body must be a JSON object.', {
      code: 'invalid_json',
    });
  }
  return parsed as Record<string, unknown>;
}

function tooLarge(limitBytes: number): OpenAIHttpError {
  return new OpenAIHttpError(413, `The request body is larger than ${limitBytes} bytes.`, {
    code: 'request_too_large',
  });
}
