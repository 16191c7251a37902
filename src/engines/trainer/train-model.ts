import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TunegateError } from '../../spec/tunegate-error.js';
import { type BatchPlan, buildBatches } from './data/build-batches.js';
import { LlamaCppExampleTokenizer } from './data/llama-cpp-example-tokenizer.js';
import { readTrainingFile } from './data/read-training-file.js';
import type { TokenizedExample } from './data/training-example.js';
import { writeFullModel } from './export/write-full-model.js';
import { writeLoraAdapter } from './export/write-lora-adapter.js';
import { ComputeMemory } from './kernels/compute-memory.js';
import { type LoadedLlamaModel, loadLlamaGguf } from './model/load-llama-gguf.js';
import { learningRateAt } from './optimizer/learning-rate-schedule.js';
import { SeededRandom } from './random/seeded-random.js';
import type { EpochSummary, TrainingHooks, TrainingResult } from './training-events.js';
import {
  type TrainingOptions,
  type TrainingOptionsInput,
  trainingOptionsSchema,
} from './training-options.js';
import { TrainingSession } from './training-session.js';

async function tokenizeFiles(options: TrainingOptions) {
  const tokenizer = await LlamaCppExampleTokenizer.load(options.modelPath);
  try {
    const train = (await readTrainingFile(options.trainFile)).map((example) =>
      tokenizer.tokenize(example),
    );
    const validation = options.validationFile
      ? (await readTrainingFile(options.validationFile)).map((example) =>
          tokenizer.tokenize(example),
        )
      : [];
    return { train, validation };
  } finally {
    await tokenizer.dispose();
  }
}

/** Each epoch's batches, in a seeded shuffled order, planned up front so the step count is exact. */
function planEpochs(examples: readonly TokenizedExample[], options: TrainingOptions): BatchPlan[] {
  const random = new SeededRandom(options.seed).fork(3);
  const settings = {
    rows: options.batchSize,
    length: options.sequenceLength,
    packing: options.packing,
  };
  const plans: BatchPlan[] = [];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    plans.push(buildBatches(random.shuffle([...examples]), settings));
  }
  return plans;
}

function outputPathFor(options: TrainingOptions, suffix: string): string {
  const extension = options.method.type === 'lora' ? '.lora.gguf' : '.gguf';
  return join(options.outputDirectory, `${options.outputName}${suffix}${extension}`);
}

async function writeWeights(
  path: string,
  options: TrainingOptions,
  model: LoadedLlamaModel,
  session: TrainingSession,
) {
  if (options.method.type === 'lora') {
    await writeLoraAdapter(path, session.adapters, {
      name: options.outputName,
      alpha: options.method.alpha,
    });
  } else {
    await writeFullModel(path, model.info, model.weights, options.outputName);
  }
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TunegateError('ABORTED', 'training was cancelled');
}

/**
 * Finetunes a llama GGUF (LoRA or full) on a JSONL file, on the CPU: seeded, with validation
 * loss and a checkpoint each epoch, early stopping, and the best epoch's weights written last.
 * It yields to the event loop between steps, so `signal` and progress work in-thread.
 */
export async function trainModel(
  input: TrainingOptionsInput,
  hooks: TrainingHooks = {},
): Promise<TrainingResult> {
  const parsed = trainingOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      code: issue.code,
      message: issue.message,
      path: issue.path as (string | number)[],
    }));
    throw TunegateError.fromProblems('INVALID_ARGUMENT', problems);
  }
  const options = parsed.data;
  const { signal, onProgress } = hooks;
  const memory = new ComputeMemory();
  const model = await loadLlamaGguf(memory, options.modelPath);
  if (options.sequenceLength > model.weights.hyper.contextLength) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `sequenceLength ${options.sequenceLength} exceeds the model's context length ${model.weights.hyper.contextLength}`,
    );
  }
  const { train, validation } = await tokenizeFiles(options);
  checkAborted(signal);
  const plans = planEpochs(train, options);
  const validationBatches = buildBatches(validation, {
    rows: options.batchSize,
    length: options.sequenceLength,
    packing: options.packing,
  }).batches;
  const plannedSteps = plans.reduce((sum, plan) => sum + plan.batches.length, 0);
  const totalSteps = Math.min(plannedSteps, options.maxSteps ?? plannedSteps);
  const session = new TrainingSession(
    memory,
    model.weights,
    { rows: options.batchSize, length: options.sequenceLength },
    options.method,
    { ...options },
  );
  onProgress?.({
    type: 'prepared',
    trainExamples: train.length,
    validationExamples: validation.length,
    truncatedExamples: plans[0]?.truncated ?? 0,
    stepsPerEpoch: plans[0]?.batches.length ?? 0,
    totalSteps,
    trainableParameters: session.trainableParameters,
    tokensPerEpoch: plans[0]?.tokens ?? 0,
    lossTokensPerEpoch: plans[0]?.lossTokens ?? 0,
  });
  await mkdir(options.outputDirectory, { recursive: true });
  const initialValidationLoss =
    validationBatches.length > 0 ? session.evaluate(validationBatches) : undefined;
  const schedule = {
    peak: options.learningRate,
    warmupSteps: Math.round(options.warmupRatio * totalSteps),
    totalSteps,
    decay: options.decay,
    minimumRatio: options.minimumLearningRateRatio,
  };
  const epochs: EpochSummary[] = [];
  let step = 0;
  let trainMilliseconds = 0;
  let cpuMicroseconds = 0;
  let batchTokens = 0;
  let realTokens = 0;
  let best: { epoch: number; loss: number; values: Float32Array[] } | undefined;
  let stoppedEarly = false;
  for (let epoch = 1; epoch <= options.epochs && step < totalSteps; epoch++) {
    let lossSum = 0;
    let counted = 0;
    for (const batch of plans[epoch - 1]?.batches ?? []) {
      if (step >= totalSteps) break;
      checkAborted(signal);
      const learningRate = learningRateAt(schedule, step);
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const result = session.trainStep(batch, learningRate, options.maxGradientNorm);
      trainMilliseconds += performance.now() - started;
      const cpu = process.cpuUsage(cpuStarted);
      cpuMicroseconds += cpu.user + cpu.system;
      batchTokens += batch.rows * batch.length;
      realTokens += batch.realTokens;
      step++;
      lossSum += result.loss;
      counted++;
      onProgress?.({
        type: 'step',
        epoch,
        step,
        totalSteps,
        loss: result.loss,
        learningRate,
        gradientNorm: result.gradientNorm,
        tokensPerSecond: (batchTokens / trainMilliseconds) * 1000,
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
    const validationLoss =
      validationBatches.length > 0 ? session.evaluate(validationBatches) : undefined;
    const checkpointPath = options.checkpoints
      ? outputPathFor(options, `-epoch-${epoch}`)
      : undefined;
    if (checkpointPath) await writeWeights(checkpointPath, options, model, session);
    const summary = {
      epoch,
      trainLoss: counted > 0 ? lossSum / counted : Number.NaN,
      validationLoss,
      checkpointPath,
    };
    epochs.push(summary);
    onProgress?.({ type: 'epoch', ...summary });
    if (validationLoss !== undefined && (!best || validationLoss < best.loss)) {
      best = {
        epoch,
        loss: validationLoss,
        values: session.graph.trainables.map((tensor) => Float32Array.from(tensor.value.data)),
      };
    } else if (
      best &&
      options.earlyStoppingPatience > 0 &&
      epoch - best.epoch >= options.earlyStoppingPatience
    ) {
      stoppedEarly = true;
      onProgress?.({ type: 'early-stop', epoch, bestEpoch: best.epoch });
      break;
    }
  }
  const lastEpoch = epochs.at(-1)?.epoch ?? 0;
  if (best && best.epoch !== lastEpoch) {
    session.graph.trainables.forEach((tensor, index) => {
      tensor.value.data.set(best.values[index] as Float32Array);
      tensor.afterUpdate?.();
    });
  }
  const outputPath = outputPathFor(options, '');
  await writeWeights(outputPath, options, model, session);
  const trainSeconds = trainMilliseconds / 1000;
  return {
    outputPath,
    method: options.method.type,
    epochs,
    steps: step,
    stoppedEarly,
    keptEpoch: best?.epoch ?? lastEpoch,
    initialValidationLoss,
    trainableParameters: session.trainableParameters,
    tokensPerSecond: trainSeconds > 0 ? batchTokens / trainSeconds : 0,
    realTokensPerSecond: trainSeconds > 0 ? realTokens / trainSeconds : 0,
    trainSeconds,
    trainCpuSeconds: cpuMicroseconds / 1e6,
  };
}
