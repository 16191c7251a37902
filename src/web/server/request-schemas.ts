import { z } from 'zod';
import type {
  DatasetSaveRequest,
  PlaygroundStartRequest,
  PlaygroundVariantInput,
  SaveVariantRequest,
} from '../api-contract.js';

const variantName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash, underscore');

const optionalText = (max: number) => z.string().max(max).optional();

const variantInputSchema = z
  .object({
    name: variantName,
    instruction: optionalText(50_000),
    system: optionalText(50_000),
    template: optionalText(50_000),
    mode: z.enum(['chat', 'completion']).optional(),
    basedOn: z.string().min(1).optional(),
  })
  .strict() satisfies z.ZodType<PlaygroundVariantInput>;

export const playgroundStartSchema = z
  .object({
    variants: z.array(variantInputSchema).min(1).max(8),
    models: z.array(z.string().min(1)).min(1).max(8),
    caseIds: z.array(z.string().min(1)).min(1).max(50),
    repeats: z.number().int().min(1).max(20),
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().positive().max(8192).optional(),
  })
  .strict() satisfies z.ZodType<PlaygroundStartRequest>;

export const saveVariantSchema = z
  .object({
    variant: variantInputSchema.extend({ description: optionalText(2_000) }).strict(),
  })
  .strict() satisfies z.ZodType<SaveVariantRequest>;

export const datasetSaveSchema = z
  .object({
    file: z.string().min(1),
    version: z.string().min(1),
    decisions: z
      .array(
        z
          .object({
            index: z.number().int().min(0),
            action: z.enum(['accept', 'reject', 'edit']),
            value: z.unknown().optional(),
          })
          .strict(),
      )
      .max(1_000_000),
  })
  .strict() satisfies z.ZodType<DatasetSaveRequest>;

/** Query parameters of the cell list. */
export const cellQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  filter: z.enum(['all', 'failures', 'disagreements', 'errors']).default('all'),
  variant: z.string().optional(),
  model: z.string().optional(),
  samplingIndex: z.coerce.number().int().min(0).optional(),
});
