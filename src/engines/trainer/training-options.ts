import { z } from 'zod';
import { linearModuleNames, loraTargetNames } from './model/llama-weights.js';

const loraMethod = z.object({
  type: z.literal('lora'),
  rank: z.number().int().min(1).default(8),
  /** Scale is alpha / rank, as llama.cpp applies it. */
  alpha: z.number().positive().default(16),
  dropout: z.number().min(0).max(0.9).default(0),
  /** Block projections by GGUF name part, plus `output` for the classifier. */
  targetModules: z
    .array(z.enum(loraTargetNames))
    .min(1)
    .default([...linearModuleNames]),
});
const fullMethod = z.object({ type: z.literal('full') });

/** Everything `trainModel` takes; validated at the boundary, so a worker can pass plain JSON. */
export const trainingOptionsSchema = z.object({
  /** An F32 llama GGUF. */
  modelPath: z.string().min(1),
  /** JSONL: chat (`messages`, optional per-message `weight`), `prompt`/`completion`, or `text`. */
  trainFile: z.string().min(1),
  validationFile: z.string().min(1).optional(),
  outputDirectory: z.string().min(1),
  /** Files are NAME.gguf (full) or NAME.lora.gguf (adapter) and NAME-epoch-N… checkpoints. */
  outputName: z
    .string()
    .regex(/^[\w.-]+$/)
    .default('finetune'),
  method: z.discriminatedUnion('type', [loraMethod, fullMethod]).default({
    type: 'lora',
    rank: 8,
    alpha: 16,
    dropout: 0,
    targetModules: [...linearModuleNames],
  }),
  epochs: z.number().int().min(1).default(3),
  batchSize: z.number().int().min(1).default(8),
  sequenceLength: z.number().int().min(2).default(128),
  /** Pack several examples into one sequence (each still attends only to itself). */
  packing: z.boolean().default(true),
  learningRate: z.number().positive().default(1e-3),
  /** Share of all steps spent warming up linearly to the peak rate. */
  warmupRatio: z.number().min(0).max(1).default(0.05),
  decay: z.enum(['cosine', 'linear', 'constant']).default('cosine'),
  minimumLearningRateRatio: z.number().min(0).max(1).default(0.1),
  weightDecay: z.number().min(0).default(0.01),
  beta1: z.number().min(0).lt(1).default(0.9),
  beta2: z.number().min(0).lt(1).default(0.999),
  epsilon: z.number().positive().default(1e-8),
  /** Global gradient-norm clip; 0 turns it off. */
  maxGradientNorm: z.number().min(0).default(1),
  seed: z.number().int().default(0),
  /** Stop after this many epochs without a better validation loss; 0 never stops early. */
  earlyStoppingPatience: z.number().int().min(0).default(0),
  /** Stop after this many optimizer steps in all (for smoke runs and benchmarks). */
  maxSteps: z.number().int().min(1).optional(),
  /** Write a checkpoint after each epoch. */
  checkpoints: z.boolean().default(true),
});

export type TrainingOptionsInput = z.input<typeof trainingOptionsSchema>;
export type TrainingOptions = z.output<typeof trainingOptionsSchema>;
export type LoraMethod = z.output<typeof loraMethod>;
