/** Progress a training run reports; plain data, so a worker thread can post it as is. */
export type TrainingEvent =
  | {
      type: 'prepared';
      trainExamples: number;
      validationExamples: number;
      truncatedExamples: number;
      stepsPerEpoch: number;
      totalSteps: number;
      trainableParameters: number;
      /** Tokens of the examples read in one epoch (each cut at the sequence length). */
      tokensPerEpoch: number;
      /** Of those, the tokens that carry the loss (the answers). */
      lossTokensPerEpoch: number;
    }
  | {
      type: 'step';
      epoch: number;
      step: number;
      totalSteps: number;
      loss: number;
      learningRate: number;
      gradientNorm: number;
      tokensPerSecond: number;
    }
  | {
      type: 'epoch';
      epoch: number;
      trainLoss: number;
      validationLoss: number | undefined;
      checkpointPath: string | undefined;
    }
  | { type: 'early-stop'; epoch: number; bestEpoch: number };

export interface EpochSummary {
  epoch: number;
  trainLoss: number;
  validationLoss: number | undefined;
  checkpointPath: string | undefined;
}

export interface TrainingResult {
  /** The adapter (`.lora.gguf`) or full model written at the end (the best epoch's weights). */
  outputPath: string;
  method: 'lora' | 'full';
  epochs: EpochSummary[];
  steps: number;
  stoppedEarly: boolean;
  /** The epoch whose weights were written (best validation loss, else the last). */
  keptEpoch: number;
  /** Validation loss of the untrained model, for comparison. */
  initialValidationLoss: number | undefined;
  trainableParameters: number;
  /** Batch tokens (padding included) per second of optimizer steps. */
  tokensPerSecond: number;
  /** Non-padding tokens per second of optimizer steps. */
  realTokensPerSecond: number;
  /** Wall-clock seconds of optimizer steps (loading, validation and checkpoints excluded). */
  trainSeconds: number;
  /** Process CPU seconds of the same steps: steadier than wall-clock on a busy machine. */
  trainCpuSeconds: number;
}

export interface TrainingHooks {
  onProgress?: (event: TrainingEvent) => void;
  signal?: AbortSignal;
}
