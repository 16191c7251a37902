import { z } from 'zod';
import { loraTargetNames } from '../../engines/trainer/model/llama-weights.js';

const auto = z.literal('auto');

/**
 * OpenAI's supervised hyperparameters plus this server's LoRA and sequence settings, as extra
 * fields. Unknown keys are refused, so a misspelt setting is not silently ignored.
 */
export const hyperparametersSchema = z
  .object({
    n_epochs: z.union([auto, z.number().int().min(1).max(50)]).nullish(),
    batch_size: z.union([auto, z.number().int().min(1).max(256)]).nullish(),
    learning_rate_multiplier: z.union([auto, z.number().positive()]).nullish(),
    lora_rank: z.number().int().min(1).max(256).nullish(),
    lora_alpha: z.number().positive().nullish(),
    lora_dropout: z.number().min(0).max(0.9).nullish(),
    lora_target_modules: z.array(z.enum(loraTargetNames)).min(1).nullish(),
    sequence_length: z.union([auto, z.number().int().min(8).max(32_768)]).nullish(),
  })
  .strict();

export type RequestedHyperparameters = z.infer<typeof hyperparametersSchema>;

/** `POST /v1/fine_tuning/jobs`: unknown top-level fields are ignored, as clients send extras. */
export const createJobRequestSchema = z
  .object({
    model: z.string().min(1, 'you must provide a model parameter'),
    training_file: z.string().min(1, 'you must provide a training_file parameter'),
    validation_file: z.string().min(1).nullish(),
    suffix: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[\w.-]+$/, 'suffix may hold letters, digits, "_", "." and "-" only')
      .nullish(),
    seed: z.number().int().min(0).max(2_147_483_647).nullish(),
    hyperparameters: hyperparametersSchema.nullish(),
    method: z
      .object({
        type: z.enum(['supervised', 'dpo', 'reinforcement']),
        supervised: z
          .object({ hyperparameters: hyperparametersSchema.nullish() })
          .loose()
          .nullish(),
      })
      .loose()
      .nullish(),
    integrations: z.array(z.unknown()).nullish(),
    metadata: z
      .record(z.string().max(64), z.string().max(512))
      .refine((value) => Object.keys(value).length <= 16, 'metadata holds at most 16 keys')
      .nullish(),
  })
  .loose();

export type CreateJobRequest = z.infer<typeof createJobRequestSchema>;
