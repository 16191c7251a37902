import type { ChatMessage } from '../spec/chat-message.js';
import type { Prompt } from '../spec/prompt.js';
import type { SamplingOptions } from '../spec/sampling-options.js';
import type { ChatCompletionRequest, CompletionRequest } from './openai-request-schemas.js';

export interface ParsedGeneration {
  prompt: Prompt;
  sampling: SamplingOptions;
  jsonSchema: Record<string, unknown> | undefined;
  choices: number;
  stream: boolean;
  includeUsage: boolean;
}

/** Any JSON object, for `response_format: { type: "json_object" }`. */
const anyJsonObject: Record<string, unknown> = { type: 'object', additionalProperties: true };

/**
 * An OpenAI request as our generate call. No `max_tokens` means "until the model stops or the
 * context is full" (llama.cpp's server does the same; OpenAI's legacy endpoint would stop at 16).
 */
export function chatToGeneration(body: ChatCompletionRequest): ParsedGeneration {
  const messages: ChatMessage[] = body.messages.map((message) => ({
    role: message.role === 'developer' ? 'system' : message.role,
    content:
      typeof message.content === 'string'
        ? message.content
        : (message.content ?? []).map((part) => part.text).join(''),
  }));
  const format = body.response_format;
  const jsonSchema =
    format?.type === 'json_schema'
      ? (format.json_schema.schema ?? anyJsonObject)
      : format?.type === 'json_object'
        ? anyJsonObject
        : undefined;
  return {
    prompt: { mode: 'chat', messages },
    sampling: samplingOf(body, body.max_completion_tokens ?? body.max_tokens),
    jsonSchema,
    ...shared(body),
  };
}

export function completionToGeneration(body: CompletionRequest): ParsedGeneration {
  const text = typeof body.prompt === 'string' ? body.prompt : (body.prompt[0] ?? '');
  return {
    prompt: { mode: 'completion', text },
    sampling: samplingOf(body, body.max_tokens),
    jsonSchema: undefined,
    ...shared(body),
  };
}

function shared(body: CompletionRequest | ChatCompletionRequest) {
  return {
    choices: body.n ?? 1,
    stream: body.stream === true,
    includeUsage: body.stream_options?.include_usage === true,
  };
}

function samplingOf(
  body: CompletionRequest | ChatCompletionRequest,
  maxTokens: number | null | undefined,
): SamplingOptions {
  const sampling: SamplingOptions = {};
  if (body.temperature != null) sampling.temperature = body.temperature;
  if (body.top_p != null) sampling.topP = body.top_p;
  if (body.top_k != null) sampling.topK = body.top_k;
  if (maxTokens != null) sampling.maxTokens = maxTokens;
  if (body.seed != null) sampling.seed = body.seed;
  if (body.frequency_penalty != null) sampling.frequencyPenalty = body.frequency_penalty;
  if (body.presence_penalty != null) sampling.presencePenalty = body.presence_penalty;
  if (body.repeat_penalty != null) sampling.repeatPenalty = body.repeat_penalty;
  if (typeof body.stop === 'string') sampling.stop = [body.stop];
  else if (Array.isArray(body.stop) && body.stop.length > 0) sampling.stop = body.stop;
  return sampling;
}
