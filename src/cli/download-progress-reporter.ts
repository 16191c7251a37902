import { SingleBar } from 'cli-progress';
import type { DownloadProgress } from '../engines/llama-cpp/download-verified-file.js';
import type { CliIo } from './cli-io.js';

export interface DownloadProgressReporter {
  update(progress: DownloadProgress): void;
  stop(): void;
}

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole >= 3600) {
    return `${Math.floor(whole / 3600)}h${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`;
  }
  if (whole >= 60) return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
  return `${whole}s`;
}

/** "?" until the rate and the total are both known. */
export function downloadEta(progress: DownloadProgress): string {
  if (progress.totalBytes === undefined || progress.bytesPerSecond <= 0) return '?';
  const remaining = Math.max(0, progress.totalBytes - progress.receivedBytes);
  return formatDuration(remaining / progress.bytesPerSecond);
}

export function formatDownloadLine(progress: DownloadProgress): string {
  const total = progress.totalBytes === undefined ? '' : ` / ${formatBytes(progress.totalBytes)}`;
  return `${progress.file} ${formatBytes(progress.receivedBytes)}${total} | ${formatBytes(progress.bytesPerSecond)}/s | ETA ${downloadEta(progress)}`;
}

/**
 * A live byte bar per file on a terminal; elsewhere one plain line every few seconds and one
 * when each file ends, so CI logs stay short.
 */
export function createDownloadProgressReporter(io: CliIo, label: string): DownloadProgressReporter {
  if (io.interactive) {
    let bar: SingleBar | undefined;
    let currentFile: string | undefined;
    return {
      update(progress) {
        const payload = {
          file: progress.file,
          received: formatBytes(progress.receivedBytes),
          size: progress.totalBytes === undefined ? '?' : formatBytes(progress.totalBytes),
          rate: `${formatBytes(progress.bytesPerSecond)}/s`,
          etaText: downloadEta(progress),
        };
        if (progress.file !== currentFile) {
          bar?.stop();
          bar = new SingleBar({
            format: `${label} {file} {bar} {percentage}% | {received}/{size} | {rate} | ETA {etaText}`,
            barsize: 24,
            hideCursor: true,
            clearOnComplete: false,
            stream: process.stderr,
          });
          bar.start(progress.totalBytes ?? 0, progress.receivedBytes, payload);
          currentFile = progress.file;
        } else bar?.update(progress.receivedBytes, payload);
      },
      stop() {
        bar?.stop();
        bar = undefined;
        currentFile = undefined;
      },
    };
  }
  let last: DownloadProgress | undefined;
  let lastPrinted: DownloadProgress | undefined;
  const print = (progress: DownloadProgress) => {
    lastPrinted = progress;
    io.stderr(`${label} ${formatDownloadLine(progress)}\n`);
  };
  const flush = () => {
    if (last && last !== lastPrinted) print(last);
  };
  return {
    update(progress) {
      if (last && last.file !== progress.file) flush();
      const due =
        lastPrinted === undefined ||
        lastPrinted.file !== progress.file ||
        progress.elapsedMs - lastPrinted.elapsedMs >= 5000;
      last = progress;
      if (due) print(progress);
    },
    stop() {
      flush();
      last = undefined;
    },
  };
}
