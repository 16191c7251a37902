import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat, unlink } from 'node:fs/promises';
import { TunegateError } from '../../spec/tunegate-error.js';

export interface DownloadProgress {
  /** "NAME/FILE", as mirrors lay it out. */
  file: string;
  source: string;
  receivedBytes: number;
  totalBytes: number | undefined;
  elapsedMs: number;
  bytesPerSecond: number;
}

/** The source did not have the file (missing, HTTP error, unreachable): try the next one. */
export class SourceUnavailableError extends Error {
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`${source}: ${reason}`);
    this.name = 'SourceUnavailableError';
  }
}

export interface DownloadRequest {
  /** A local file path or an http(s) URL. */
  source: string;
  /** "NAME/FILE", for messages and progress. */
  file: string;
  destination: string;
  sha256: string;
  fetch: typeof fetch;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Give up on a server that sends nothing for this long. */
  stallTimeoutMs?: number;
}

interface OpenedSource {
  chunks: AsyncIterable<Uint8Array>;
  totalBytes: number | undefined;
}

function stopped(request: DownloadRequest): TunegateError {
  return new TunegateError('ABORTED', `download of ${request.file} stopped`);
}

const isUrl = (source: string) => /^https?:\/\//i.test(source);

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

async function openSource(
  request: DownloadRequest,
  controller: AbortController,
): Promise<OpenedSource> {
  if (!isUrl(request.source)) {
    const info = await stat(request.source).catch(() => undefined);
    if (!info?.isFile()) throw new SourceUnavailableError(request.source, 'no such file');
    return { chunks: createReadStream(request.source), totalBytes: info.size };
  }
  let response: Response;
  try {
    response = await request.fetch(request.source, {
      signal: controller.signal,
      redirect: 'follow',
    });
  } catch (error) {
    if (request.signal?.aborted) throw stopped(request);
    throw new SourceUnavailableError(request.source, describeFailure(error));
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    throw new SourceUnavailableError(
      request.source,
      `HTTP ${response.status} ${response.statusText}`.trim(),
    );
  }
  const length = Number(response.headers.get('content-length'));
  return {
    chunks: response.body as unknown as AsyncIterable<Uint8Array>,
    totalBytes: Number.isFinite(length) && length > 0 ? length : undefined,
  };
}

/**
 * Copies one file to `destination`, hashing it on the way; a checksum mismatch deletes what
 * was written and is never retried from another source (it means a wrong or tampered copy).
 */
export async function downloadVerifiedFile(request: DownloadRequest): Promise<{ bytes: number }> {
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(request.signal?.reason);
  request.signal?.addEventListener('abort', forwardAbort, { once: true });
  const stallTimeoutMs = request.stallTimeoutMs ?? 60_000;
  let watchdog = setTimeout(() => controller.abort(new Error('no data')), stallTimeoutMs);
  const started = Date.now();
  const handle = await open(request.destination, 'w');
  let received = 0;
  try {
    const { chunks, totalBytes } = await openSource(request, controller);
    const hash = createHash('sha256');
    try {
      for await (const chunk of chunks) {
        if (request.signal?.aborted) throw stopped(request);
        clearTimeout(watchdog);
        watchdog = setTimeout(() => controller.abort(new Error('no data')), stallTimeoutMs);
        hash.update(chunk);
        await handle.write(chunk);
        received += chunk.length;
        const elapsedMs = Date.now() - started;
        request.onProgress?.({
          file: request.file,
          source: request.source,
          receivedBytes: received,
          totalBytes,
          elapsedMs,
          bytesPerSecond: elapsedMs > 0 ? (received / elapsedMs) * 1000 : 0,
        });
      }
    } catch (error) {
      if (error instanceof TunegateError) throw error;
      if (request.signal?.aborted) throw stopped(request);
      throw new SourceUnavailableError(
        request.source,
        `transfer broke off after ${received} bytes: ${describeFailure(error)}`,
      );
    }
    await handle.close();
    const actual = hash.digest('hex');
    if (actual !== request.sha256) {
      throw new TunegateError(
        'INVALID_DATA',
        `checksum mismatch for ${request.file} from ${request.source}: expected sha256 ${request.sha256}, got ${actual} (${received} bytes); the download was deleted`,
      );
    }
    return { bytes: received };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(request.destination).catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(watchdog);
    request.signal?.removeEventListener('abort', forwardAbort);
  }
}
