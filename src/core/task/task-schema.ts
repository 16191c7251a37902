import { z } from 'zod';

/** Per-axis list or single value; the sampling grid is the cartesian product of its axes. */
const axis = <T extends z.ZodType>(item: T) =>
  z
    .union([item, z.array(item).min(1)])
    .transform((value) => (Array.isArray(value) ? value : [value]));

export const samplingGridSchema = z
  .object({
    temperature: axis(z.number().min(0).max(2)).optional(),
    topP: axis(z.number().gt(0).max(1)).optional(),
    topK: axis(z.number().int().positive()).optional(),
    maxTokens: axis(z.number().int().positive()).optional(),
    seed: axis(z.number().int()).optional(),
    frequencyPenalty: axis(z.number().min(-2).max(2)).optional(),
    presencePenalty: axis(z.number().min(-2).max(2)).optional(),
    repeatPenalty: axis(z.number().positive()).optional(),
    stop: z.array(z.string()).optional(),
  })
  .strict();

const priceSchema = z
  .object({
    /** US dollars per million tokens. */
    input: z.number().min(0),
    output: z.number().min(0),
    training: z.number().min(0).optional(),
  })
  .strict();

const modelObjectSchema = z
  .object({
    ref: z.string().regex(/^[a-z][a-z0-9-]*:.+$/, 'expected provider:model'),
    name: z.string().min(1).optional(),
    baseURL: z.url().optional(),
    /** Name of the environment variable holding the key; never the key itself. */
    apiKeyEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/)
      .optional(),
    mode: z.enum(['chat', 'completion']).optional(),
    concurrency: z.number().int().positive().optional(),
    requestsPerMinute: z.number().positive().optional(),
    tokensPerMinute: z.number().positive().optional(),
    timeoutMs: z.number().int().positive().optional(),
    price: priceSchema.optional(),
    /**
     * Tokens the model's context holds (prompt plus answer), for the plan-time check of a hosted
     * model the context-window table lacks; local models report their own.
     */
    contextWindow: z.number().int().positive().optional(),
    /**
     * The base model this one was finetuned from (set by `tunegate finetune`): not a candidate
     * base model, so the probe and gate 1 leave it out.
     */
    finetunedFrom: z.string().min(1).optional(),
  })
  .strict();

export const modelConfigSchema = z
  .union([z.string().regex(/^[a-z][a-z0-9-]*:.+$/, 'expected provider:model'), modelObjectSchema])
  .transform((value) => (typeof value === 'string' ? { ref: value } : value));

const normalizeSchema = z
  .object({
    trim: z.boolean().default(true),
    caseFold: z.boolean().default(true),
    collapseWhitespace: z.boolean().default(true),
    stripPunctuation: z.boolean().default(false),
  })
  .strict();

const checkBase = {
  name: z.string().min(1).optional(),
  kind: z.enum(['format', 'content']).optional(),
};

export const checkConfigSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...checkBase,
      type: z.literal('equals'),
      expected: z.string().default('{{expected}}'),
      normalize: normalizeSchema.prefault({}),
    })
    .strict(),
  z
    .object({ ...checkBase, type: z.literal('label'), normalize: normalizeSchema.prefault({}) })
    .strict(),
  z
    .object({
      ...checkBase,
      type: z.literal('contains'),
      value: axis(z.string()),
      all: z.boolean().default(false),
      caseSensitive: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      ...checkBase,
      type: z.literal('not-contains'),
      value: axis(z.string()),
      caseSensitive: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      ...checkBase,
      type: z.literal('regex'),
      pattern: z.string(),
      flags: z
        .string()
        .regex(/^[dgimsuvy]*$/)
        .optional(),
    })
    .strict(),
  z
    .object({
      ...checkBase,
      type: z.literal('json'),
      schema: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
  z
    .object({
      ...checkBase,
      type: z.literal('length'),
      unit: z.enum(['characters', 'words', 'sentences']),
      min: z.number().int().min(0).optional(),
      max: z.number().int().min(0).optional(),
    })
    .strict(),
  z
    .object({
      ...checkBase,
      type: z.literal('numeric'),
      expected: z.string().default('{{expected}}'),
      tolerance: z.number().min(0).default(0),
      relative: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      ...checkBase,
      type: z.literal('javascript'),
      module: z.string().min(1),
      export: z.string().default('default'),
    })
    .strict(),
  z
    .object({
      ...checkBase,
      type: z.literal('llm-judge'),
      model: z.string().regex(/^[a-z][a-z0-9-]*:.+$/),
      rubric: z.string().min(1),
      threshold: z.number().min(0).max(1).default(0.5),
    })
    .strict(),
]);

const fewShotSchema = z
  .object({
    k: z.number().int().min(0),
    selection: z.enum(['fixed', 'random', 'nearest']).default('fixed'),
    seed: z.number().int().default(0),
    /** Chat: examples as user/assistant turns, or inline in the user message. */
    format: z.enum(['messages', 'inline']).default('messages'),
  })
  .strict();

export const variantSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash, underscore'),
    description: z.string().optional(),
    instruction: z.string().min(1).optional(),
    system: z.string().optional(),
    /** User message template; slots {{instruction}}, {{examples}}, {{input}} and case fields. */
    template: z.string().optional(),
    mode: z.enum(['chat', 'completion']).default('chat'),
    fewShot: fewShotSchema.optional(),
    sampling: samplingGridSchema.optional(),
  })
  .strict();

const outputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), field: z.string().default('expected') }).strict(),
  z
    .object({
      kind: z.literal('label'),
      labels: z.array(z.string().min(1)).min(2),
      field: z.string().default('expected'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('json'),
      schema: z.record(z.string(), z.unknown()),
      field: z.string().default('expected'),
    })
    .strict(),
]);

/** Settings for the prompt lab, the plateau rule and the readiness economics; all optional. */
const labSchema = z
  .object({
    /** Model that rewrites the instruction for `tunegate variants` (a task model's name or a reference). */
    model: z.string().min(1).optional(),
    /** Gate 2: how many prompt variants must have been evaluated. */
    minVariants: z.number().int().min(1).optional(),
    /** Plateau: the best score improved by less than `delta` over the last `window` iterations. */
    plateau: z
      .object({
        delta: z.number().min(0).max(1).optional(),
        window: z.number().int().min(1).optional(),
      })
      .strict()
      .optional(),
    finetune: z
      .object({
        /** The base model to finetune (a task model's name or a reference); default: the best prompt's model. */
        model: z.string().min(1).optional(),
        /** Inference price of the finetuned model, and its training price per 1M tokens. */
        price: priceSchema.optional(),
        epochs: z.number().int().min(1).max(100).optional(),
        /** Months over which training should pay for itself (break-even monthly volume). */
        paybackMonths: z.number().positive().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const taskSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    description: z.string().optional(),
    instruction: z.string().min(1),
    /** How one case is presented as input; case fields in {{braces}}. */
    input: z.string().default('{{input}}'),
    output: outputSchema,
    checks: z.array(checkConfigSchema).min(1),
    targets: z
      .object({
        passRate: z.number().min(0).max(1).default(0.9),
        consistency: z.number().min(0).max(1).optional(),
        diversityFloor: z.number().min(0).max(1).optional(),
      })
      .strict()
      .prefault({}),
    data: z
      .object({
        eval: z.string().min(1),
        fewShot: z.string().min(1).optional(),
        train: z.string().min(1).optional(),
        validation: z.string().min(1).optional(),
      })
      .strict(),
    models: z.array(modelConfigSchema).min(1),
    variants: z.array(variantSchema).min(1),
    sampling: samplingGridSchema.prefault({}),
    repeats: z.number().int().min(1).max(1000).default(1),
    run: z
      .object({
        concurrency: z.number().int().positive().default(4),
        timeoutMs: z.number().int().positive().default(60_000),
        retries: z.number().int().min(0).max(20).default(4),
        cache: z.boolean().default(true),
        /** Limits shared by every model of one provider (one account), e.g. `openai: { requestsPerMinute: 500 }`. */
        providers: z
          .record(
            z.string().regex(/^[a-z][a-z0-9-]*$/),
            z
              .object({
                concurrency: z.number().int().positive().optional(),
                requestsPerMinute: z.number().positive().optional(),
                tokensPerMinute: z.number().positive().optional(),
              })
              .strict(),
          )
          .optional(),
      })
      .strict()
      .prefault({}),
    prices: z.record(z.string(), priceSchema).optional(),
    policy: z
      .object({
        minTrainExamples: z.number().int().positive().default(200),
        /** A variant × model × sampling group with more failed calls than this share is incomplete evidence. */
        maxFailedShare: z.number().min(0).max(1).default(0.1),
      })
      .strict()
      .prefault({}),
    lab: labSchema.optional(),
  })
  .strict();

export type TaskConfig = z.output<typeof taskSchema>;
export type TaskInput = z.input<typeof taskSchema>;
export type ModelConfig = z.output<typeof modelConfigSchema>;
export type CheckConfig = z.output<typeof checkConfigSchema>;
export type VariantConfig = z.output<typeof variantSchema>;
export type SamplingGrid = z.output<typeof samplingGridSchema>;
export type OutputSpec = TaskConfig['output'];
export type LabConfig = z.output<typeof labSchema>;
