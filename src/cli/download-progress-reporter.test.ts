import { describe, expect, it } from 'vitest';
import type { DownloadProgress } from '../engines/llama-cpp/download-verified-file.js';
import {
  createDownloadProgressReporter,
  downloadEta,
  formatBytes,
  formatDownloadLine,
} from './download-progress-reporter.js';

const at = (file: string, receivedBytes: number, elapsedMs: number): DownloadProgress => ({
  file,
  source: '/mirror',
  receivedBytes,
  totalBytes: 4 * 1024 * 1024,
  elapsedMs,
  bytesPerSecond: elapsedMs > 0 ? (receivedBytes / elapsedMs) * 1000 : 0,
});

describe('download progress formatting', () => {
  it('formats bytes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1_056_540)).toBe('1.0 MiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GiB');
  });

  it('computes the ETA from rate and remaining bytes', () => {
    // 1 MiB in 2 s → 512 KiB/s; 3 MiB left → 6 s
    expect(downloadEta(at('m/a.bin', 1024 * 1024, 2000))).toBe('6s');
    expect(downloadEta({ ...at('m/a.bin', 1024, 1000), totalBytes: 1024 + 1024 * 150 })).toBe(
      '2m30s',
    );
    expect(downloadEta({ ...at('m/a.bin', 1024, 1000), totalBytes: undefined })).toBe('?');
    expect(downloadEta(at('m/a.bin', 0, 0))).toBe('?');
    expect(formatDownloadLine(at('m/a.bin', 1024 * 1024, 2000))).toBe(
      'm/a.bin 1.0 MiB / 4.0 MiB | 512.0 KiB/s | ETA 6s',
    );
  });

  it('prints a line at the start, every 5 s and at the end of each file when not on a TTY', () => {
    const lines: string[] = [];
    const reporter = createDownloadProgressReporter(
      {
        stdout: () => {},
        stderr: (text) => lines.push(text),
        interactive: false,
        cwd: '.',
        env: {},
      },
      'pull',
    );
    reporter.update(at('m/a.bin', 1024, 10));
    reporter.update(at('m/a.bin', 2048, 3000));
    reporter.update(at('m/a.bin', 3072, 5100));
    reporter.update(at('m/a.bin', 4096, 6000));
    reporter.update(at('m/b.bin', 100, 6100));
    reporter.stop();
    expect(lines.map((line) => line.split(' | ')[0])).toEqual([
      'pull m/a.bin 1.0 KiB / 4.0 MiB',
      'pull m/a.bin 3.0 KiB / 4.0 MiB',
      'pull m/a.bin 4.0 KiB / 4.0 MiB',
      'pull m/b.bin 100 B / 4.0 MiB',
    ]);
  });
});
