import { SingleBar } from 'cli-progress';
import type { RunProgress } from '../core/eval/run-progress.js';
import type { CliIo } from './cli-io.js';

export interface ProgressReporter {
  update(progress: RunProgress): void;
  stop(): void;
}

function rateAndEta(progress: RunProgress): { rate: number; eta: string } {
  const fresh = progress.done - progress.skipped;
  const seconds = progress.elapsedMs / 1000;
  const rate = seconds > 0 ? fresh / seconds : 0;
  const remaining = progress.total - progress.done;
  if (rate <= 0) return { rate, eta: '?' };
  const etaSeconds = Math.round(remaining / rate);
  const eta =
    etaSeconds >= 3600
      ? `${Math.floor(etaSeconds / 3600)}h${String(Math.floor((etaSeconds % 3600) / 60)).padStart(2, '0')}m`
      : etaSeconds >= 60
        ? `${Math.floor(etaSeconds / 60)}m${String(etaSeconds % 60).padStart(2, '0')}s`
        : `${etaSeconds}s`;
  return { rate, eta };
}

function passRateSoFar(progress: RunProgress): string {
  const judged = progress.passed + progress.failed + progress.errors;
  return judged === 0 ? '–' : `${((progress.passed / judged) * 100).toFixed(1)}%`;
}

/**
 * A live bar (rate, ETA, pass rate so far) on a terminal; on a pipe or in CI, one plain line
 * every few seconds so logs stay readable.
 */
export function createProgressReporter(io: CliIo, label: string): ProgressReporter {
  if (io.interactive) {
    const bar = new SingleBar({
      format: `${label} {bar} {percentage}% | {value}/{total} cells | {rate}/s | ETA {etaText} | pass {pass} | errors {errors}`,
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      stream: process.stderr,
      etaBuffer: 50,
    });
    let started = false;
    return {
      update(progress) {
        const { rate, eta } = rateAndEta(progress);
        const payload = {
          rate: rate.toFixed(1),
          etaText: eta,
          pass: passRateSoFar(progress),
          errors: progress.errors,
        };
        if (!started) {
          bar.start(progress.total, progress.done, payload);
          started = true;
        } else bar.update(progress.done, payload);
      },
      stop() {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let lastPrinted = -Infinity;
  let last: RunProgress | undefined;
  const print = (progress: RunProgress) => {
    const { rate, eta } = rateAndEta(progress);
    io.stderr(
      `${label} ${progress.done}/${progress.total} cells | ${rate.toFixed(1)}/s | ETA ${eta} | pass ${passRateSoFar(progress)} | errors ${progress.errors}\n`,
    );
  };
  return {
    update(progress) {
      last = progress;
      if (progress.elapsedMs - lastPrinted >= 5000) {
        lastPrinted = progress.elapsedMs;
        print(progress);
      }
    },
    stop() {
      if (last && last.elapsedMs !== lastPrinted) {
        lastPrinted = last.elapsedMs;
        print(last);
      }
    },
  };
}
