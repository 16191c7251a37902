import { z } from 'zod';

/**
 * The request bodies of `POST /v1/chat/completions` and `POST /v1/completions`: OpenAI's
 * parameters that a local engine can honour, plus llama.cpp's `top_k` and `repeat_penalty`.
 * Unknown fields are ignored, as clients send provider-specific extras; features we cannot
 * honour (tools, logprobs, logit_bias, echo, suffix, best_of) are refused by `findUnsupported`.
 */
const sampling = {
  model: z.string().min(1, 'you must provide a model parameter'),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_k: z.number().int().min(0).nullish(),
  max_tokens: z.number().int().min(1).nullish(),
  n: z.number().int().min(1).max(8).nullish(),
  seed: z.number().int().nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  repeat_penalty: z.number().gt(0).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullish(),
  user: z.string().optional(),
};

const textPart = z.object({ type: z.literal('text'), text: z.string() }).loose();

const message = z
  .object({
    role: z.enum(['system', 'developer', 'user', 'assistant']),
    content: z.union([z.string(), z.array(textPart), z.null()]),
    name: z.string().optional(),
  })
  .loose();

const responseFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }).loose(),
  z.object({ type: z.literal('json_object') }).loose(),
  z
    .object({
      type: z.literal('json_schema'),
      json_schema: z
        .object({
          name: z.string().min(1),
          schema: z.record(z.string(), z.unknown()).optional(),
          strict: z.boolean().nullish(),
        })
        .loose(),
    })
    .loose(),
]);

export const chatCompletionRequestSchema = z
  .object({
    ...sampling,
    messages: z.array(message).min(1, "'messages' must contain at least one message"),
    max_completion_tokens: z.number().int().min(1).nullish(),
    response_format: responseFormat.nullish(),
  })
  .loose();

export const completionRequestSchema = z
  .object({
    ...sampling,
    prompt: z.union([z.string(), z.array(z.string()).length(1, 'send one prompt per request')]),
  })
  .loose();

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;
export type CompletionRequest = z.infer<typeof completionRequestSchema>;

/** The first parameter a request sets that this server cannot honour, with why. */
export function findUnsupported(
  body: Record<string, unknown>,
): { param: string; message: string } | undefined {
  const isSet = (value: unknown) =>
    value !== undefined &&
    value !== null &&
    value !== false &&
    value !== 0 &&
    value !== '' &&
    !(Array.isArray(value) && value.length === 0) &&
    !(typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);
  for (const param of [
    'tools',
    'functions',
    'logit_bias',
    'logprobs',
    'top_logprobs',
    'echo',
    'suffix',
  ]) {
    if (isSet(body[param])) return { param, message: `${param} is not supported by this server` };
  }
  if (typeof body.best_of === 'number' && body.best_of > 1) {
    return { param: 'best_of', message: 'best_of is not supported by this server' };
  }
  if (Array.isArray(body.messages)) {
    const toolMessage = body.messages.findIndex(
      (entry) =>
        typeof entry === 'object' &&
        entry !== null &&
        (entry as { role?: unknown }).role === 'tool',
    );
    if (toolMessage !== -1) {
      return {
        param: `messages.${toolMessage}.role`,
        message: 'tool messages are not supported by this server',
      };
    }
  }
  return undefined;
}
