import { SingleBar } from 'cli-progress';
import type { CliIo } from './cli-io.js';
import { formatBytes, formatDuration } from './download-progress-reporter.js';

export interface ByteProgress {
  onProgress: (bytesRead: number, totalBytes: number) => void;
  stop: () => void;
}

/**
 * Progress through a data file by bytes read: a live bar on a terminal; in a pipe or CI one
 * line every 5 seconds, and nothing at all for a file read faster than that.
 */
export function createByteProgress(io: CliIo, label: string): ByteProgress {
  const started = Date.now();
  if (io.interactive) {
    let bar: SingleBar | undefined;
    return {
      onProgress(bytesRead, totalBytes) {
        if (bar === undefined) {
          if (Date.now() - started < 1000) return;
          bar = new SingleBar({
            format: `${label} {bar} {percentage}% | {read} of {size} | ETA {eta_formatted}`,
            barsize: 24,
            hideCursor: true,
            stream: process.stderr,
          });
          bar.start(totalBytes, bytesRead, {
            read: formatBytes(bytesRead),
            size: formatBytes(totalBytes),
          });
        } else
          bar.update(bytesRead, { read: formatBytes(bytesRead), size: formatBytes(totalBytes) });
      },
      stop() {
        bar?.stop();
        bar = undefined;
      },
    };
  }
  let lastPrinted = started;
  return {
    onProgress(bytesRead, totalBytes) {
      const now = Date.now();
      if (now - lastPrinted < 5000) return;
      lastPrinted = now;
      const seconds = (now - started) / 1000;
      const rate = bytesRead / seconds;
      const eta = rate > 0 ? formatDuration((totalBytes - bytesRead) / rate) : '?';
      const percent = totalBytes > 0 ? ((bytesRead / totalBytes) * 100).toFixed(0) : '?';
      io.stderr(
        `${label} ${percent}% | ${formatBytes(bytesRead)} of ${formatBytes(totalBytes)} | ${formatBytes(rate)}/s | ETA ${eta}\n`,
      );
    },
    stop() {},
  };
}
