/**
 * A TEST DOUBLE's training job, shared by the engine doubles: it moves one step each time
 * the job is read (a poll), so tests control progress exactly, never by wall-clock time.
 */
export interface TrainingScript {
  /** Training steps (default 4). */
  steps?: number;
  /** Polls spent validating files, then queued, before training starts (default 1 each). */
  validatingPolls?: number;
  queuedPolls?: number;
  /** Fail when this step is reached, with the engine's message. */
  failAtStep?: number;
  failure?: { message: string; code?: string };
  /** Stop advancing at this step until `release()`. */
  holdAtStep?: number;
}

export type TrainingPhase =
  | 'validating'
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled';

export interface TrainingLogEntry {
  /** 1-based, in order. */
  sequence: number;
  /** Unix seconds, one second apart from the job's creation. */
  at: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  metrics?: { step: number; loss: number; validationLoss: number; totalSteps: number };
}

export class ScriptedTrainingJob {
  readonly steps: number;
  readonly createdAt: number;
  readonly log: TrainingLogEntry[] = [];
  phase: TrainingPhase = 'validating';
  step = 0;
  finishedAt: number | null = null;
  failure: { message: string; code: string } | null = null;
  /** How many times the job was read. */
  polls = 0;
  readonly #script: TrainingScript;
  #waitingPolls = 0;
  #held = false;
  #released = false;

  constructor(script: TrainingScript = {}, createdAt = 1_760_000_000) {
    this.#script = script;
    this.steps = script.steps ?? 4;
    this.createdAt = createdAt;
    this.#record('info', 'Validating training file');
  }

  /** The loss at a step: 2 × 0.7^step, rounded to 4 places (hand-checkable). */
  static lossAt(step: number): number {
    return Math.round(2 * 0.7 ** step * 10_000) / 10_000;
  }

  get isFinal(): boolean {
    return this.phase === 'succeeded' || this.phase === 'failed' || this.phase === 'cancelled';
  }

  /** One poll: the job moves at most one phase or one step. */
  advance(): void {
    this.polls++;
    if (this.isFinal || this.#held) return;
    if (this.phase === 'validating') {
      if (++this.#waitingPolls < (this.#script.validatingPolls ?? 1)) return;
      this.#waitingPolls = 0;
      this.phase = 'queued';
      this.#record('info', 'Files validated, moving job to queued state');
      return;
    }
    if (this.phase === 'queued') {
      if (++this.#waitingPolls < (this.#script.queuedPolls ?? 1)) return;
      this.phase = 'running';
      this.#record('info', 'Fine-tuning job started');
      return;
    }
    if (
      !this.#released &&
      this.#script.holdAtStep !== undefined &&
      this.step >= this.#script.holdAtStep
    ) {
      this.#held = true;
      return;
    }
    this.step++;
    if (this.#script.failAtStep !== undefined && this.step >= this.#script.failAtStep) {
      const failure = this.#script.failure ?? { message: 'training failed' };
      this.failure = { message: failure.message, code: failure.code ?? 'training_error' };
      this.phase = 'failed';
      this.finishedAt = this.#time();
      this.#record('error', failure.message);
      return;
    }
    const loss = ScriptedTrainingJob.lossAt(this.step);
    this.#record('info', `Step ${this.step}/${this.steps}: training loss=${loss}`, {
      step: this.step,
      loss,
      validationLoss: Math.round((loss + 0.05) * 10_000) / 10_000,
      totalSteps: this.steps,
    });
    if (this.step === this.steps) {
      this.phase = 'succeeded';
      this.finishedAt = this.#time();
      this.#record('info', 'The job has successfully completed');
    }
  }

  release(): void {
    this.#held = false;
    this.#released = true;
  }

  cancel(): void {
    if (this.isFinal) return;
    this.phase = 'cancelled';
    this.finishedAt = this.#time();
    this.#record('info', 'Fine-tuning job cancelled');
  }

  #time(): number {
    return this.createdAt + this.log.length + 1;
  }

  #record(
    level: TrainingLogEntry['level'],
    message: string,
    metrics?: TrainingLogEntry['metrics'],
  ): void {
    this.log.push({
      sequence: this.log.length + 1,
      at: this.#time(),
      level,
      message,
      ...(metrics ? { metrics } : {}),
    });
  }
}
