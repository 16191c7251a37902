import type { TrainingEvent, TrainingResult } from '../../engines/trainer/training-events.js';
import type { TrainingOptionsInput } from '../../engines/trainer/training-options.js';

/** What a training worker is asked to do: plain JSON, so it crosses into a worker thread. */
export interface TrainingRequest {
  /** The trainer's options; `sequenceLength` unset means "the longest example". */
  training: TrainingOptionsInput;
  /** The base model's context length: the most an `auto` sequence length may be. */
  maximumSequenceLength: number;
}

/**
 * The sequence length of an `auto` job: the longest example in tokens rounded up to a
 * multiple of 8, within the base model's context (longer examples are then cut to it).
 */
export function autoSequenceLength(longestExample: number, maximumSequenceLength: number): number {
  return Math.max(8, Math.min(maximumSequenceLength, Math.ceil(longestExample / 8) * 8));
}

/** Progress from a training worker: the trainer's own events, plus the measured length. */
export type TrainingRunEvent =
  | TrainingEvent
  | { type: 'sequence-length'; sequenceLength: number; longestExample: number };

/** How a training run ended. `stopped`: it was stopped on purpose (cancel, shutdown). */
export type TrainingOutcome =
  | { type: 'succeeded'; result: TrainingResult; sequenceLength: number }
  | { type: 'failed'; code: string; message: string }
  | { type: 'stopped' };

/** One training run in progress. */
export interface TrainingRun {
  /** Settles once, when the run ends (never rejects). */
  readonly finished: Promise<TrainingOutcome>;
  /** Ends the run (between two steps) and resolves once it has; `finished` settles as `stopped`. */
  stop(): Promise<void>;
}

/** Starts a run; the real one trains in a worker thread (see start-training-worker.ts). */
export type StartTraining = (
  request: TrainingRequest,
  onEvent: (event: TrainingRunEvent) => void,
) => TrainingRun;

/** Messages a training worker posts to the thread that started it. */
export type TrainingWorkerMessage =
  | { kind: 'event'; event: TrainingRunEvent }
  | { kind: 'done'; result: TrainingResult; sequenceLength: number }
  | { kind: 'failed'; code: string; message: string }
  | { kind: 'stopped' };
