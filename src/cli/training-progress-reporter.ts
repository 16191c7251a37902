import { SingleBar } from 'cli-progress';
import type { CliIo } from './cli-io.js';

export interface TrainingProgress {
  step: number;
  totalSteps: number;
  loss: number;
}

export interface TrainingProgressReporter {
  update(progress: TrainingProgress): void;
  stop(): void;
}

const stepEvent = /^Step (\d+)\/(\d+): training loss=([0-9.eE+-]+)/;

/** `Step N/M: training loss=…`, the per-step event of OpenAI's API (and tunegate's own). */
export function parseStepEvent(message: string): TrainingProgress | undefined {
  const match = stepEvent.exec(message);
  if (!match) return undefined;
  return { step: Number(match[1]), totalSteps: Number(match[2]), loss: Number(match[3]) };
}

function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const whole = Math.round(seconds);
  return whole >= 60
    ? `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`
    : `${whole}s`;
}

/**
 * Training steps as one live bar (steps/s, ETA, loss) on a terminal instead of a line per
 * step; on a pipe or in CI, one plain line every few seconds and the last step.
 */
export function createTrainingProgressReporter(
  io: CliIo,
  now: () => number = () => performance.now(),
): TrainingProgressReporter {
  let first: { step: number; at: number } | undefined;
  const measure = (progress: TrainingProgress) => {
    const at = now();
    first ??= { step: progress.step, at };
    const seconds = (at - first.at) / 1000;
    const rate = seconds > 0 ? (progress.step - first.step) / seconds : 0;
    const eta = rate > 0 ? (progress.totalSteps - progress.step) / rate : Number.NaN;
    return { rate: rate.toFixed(1), eta: formatEta(eta), loss: progress.loss.toFixed(4) };
  };
  if (io.interactive) {
    const bar = new SingleBar({
      format:
        'training {bar} {percentage}% | step {value}/{total} | {rate} steps/s | ETA {eta} | loss {loss}',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      stream: process.stderr,
    });
    let started = false;
    return {
      update(progress) {
        const payload = measure(progress);
        if (!started) bar.start(progress.totalSteps, progress.step, payload);
        else bar.update(progress.step, payload);
        started = true;
      },
      stop() {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let lastPrinted = -Infinity;
  return {
    update(progress) {
      const payload = measure(progress);
      const at = now();
      if (at - lastPrinted < 5000 && progress.step < progress.totalSteps) return;
      lastPrinted = at;
      io.stderr(
        `  training step ${progress.step}/${progress.totalSteps} | ${payload.rate} steps/s | ETA ${payload.eta} | loss ${payload.loss}\n`,
      );
    },
    stop() {},
  };
}
