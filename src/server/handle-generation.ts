import type { ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { GenerateResult } from '../spec/language-model.js';
import { ProviderCallError, TunegateError } from '../spec/tunegate-error.js';
import type { ModelHost, ServedModel } from './model-host.js';
import { invalidRequest, OpenAIHttpError } from './openai-http-error.js';
import {
  chatCompletionRequestSchema,
  completionRequestSchema,
  findUnsupported,
} from './openai-request-schemas.js';
import {
  chatCompletionBody,
  chatCompletionChunk,
  completionBody,
  completionChunk,
  type ResponseHeader,
  toOpenAIFinishReason,
  usageBody,
} from './openai-response-bodies.js';
import { ServerEventStream } from './server-event-stream.js';
import { TextDeltaBatcher } from './text-delta-batcher.js';
import {
  chatToGeneration,
  completionToGeneration,
  type ParsedGeneration,
} from './to-generate-request.js';

export type GenerationEndpoint = 'chat' | 'completion';

export interface GenerationContext {
  host: ModelHost;
  response: ServerResponse;
  /** Aborts when the client goes away or the server is forced down. */
  signal: AbortSignal;
  id: string;
  sendJson: (status: number, body: unknown, headers?: Record<string, string>) => void;
}

/** `POST /v1/chat/completions` and `POST /v1/completions`, streaming or not. */
export async function handleGeneration(
  endpoint: GenerationEndpoint,
  body: Record<string, unknown>,
  context: GenerationContext,
): Promise<void> {
  const unsupported = findUnsupported(body);
  if (unsupported !== undefined) throw invalidRequest(unsupported.message, unsupported.param);
  const generation =
    endpoint === 'chat'
      ? chatToGeneration(parse(chatCompletionRequestSchema, body))
      : completionToGeneration(parse(completionRequestSchema, body));
  const modelId = String(body.model);
  const model = context.host.getModel(modelId);
  if (model === undefined) {
    throw new OpenAIHttpError(
      404,
      `The model \`${modelId}\` does not exist or you do not have access to it.`,
      {
        param: 'model',
        code: 'model_not_found',
      },
    );
  }
  if (endpoint === 'completion' && !model.supportsCompletion) {
    throw invalidRequest(
      `The model \`${modelId}\` is served for chat only; use /v1/chat/completions.`,
      'model',
    );
  }
  const header: ResponseHeader = {
    id: `${endpoint === 'chat' ? 'chatcmpl' : 'cmpl'}-${context.id}`,
    created: Math.floor(Date.now() / 1000),
    model: model.id,
  };
  // Requests waiting for the model as this one arrived, itself included (0: it ran at once).
  const waiting = model.active < model.parallelism ? 0 : model.queued + 1;
  const headers = { 'x-tunegate-queue-depth': String(waiting) };
  if (generation.stream) return stream(endpoint, model, generation, header, headers, context);
  const results: GenerateResult[] = [];
  for (let choice = 0; choice < generation.choices; choice++) {
    results.push(await generate(model, generation, choice, context.signal));
  }
  const responseBody =
    endpoint === 'chat' ? chatCompletionBody(header, results) : completionBody(header, results);
  context.sendJson(200, responseBody, headers);
}

async function stream(
  endpoint: GenerationEndpoint,
  model: ServedModel,
  generation: ParsedGeneration,
  header: ResponseHeader,
  headers: Record<string, string>,
  context: GenerationContext,
): Promise<void> {
  const events = new ServerEventStream(context.response, headers);
  // With include_usage, every chunk carries `usage: null` and a last chunk carries the totals.
  const usage = generation.includeUsage ? null : undefined;
  const results: GenerateResult[] = [];
  try {
    for (let index = 0; index < generation.choices; index++) {
      let started = false;
      // A chat choice opens with a chunk that names the role.
      const start = () => {
        if (started || endpoint !== 'chat') return;
        started = true;
        const delta = { role: 'assistant' as const, content: '' };
        events.send(chatCompletionChunk(header, { index, delta, finishReason: null }, usage));
      };
      const batcher = new TextDeltaBatcher((text) => {
        start();
        events.send(
          endpoint === 'chat'
            ? chatCompletionChunk(
                header,
                { index, delta: { content: text }, finishReason: null },
                usage,
              )
            : completionChunk(header, { index, text, finishReason: null }, usage),
        );
      });
      let result: GenerateResult;
      try {
        result = await generate(model, generation, index, context.signal, batcher.push);
      } catch (error) {
        batcher.cancel();
        throw error;
      }
      batcher.flush();
      results.push(result);
      start();
      const finishReason = toOpenAIFinishReason(result.finishReason);
      events.send(
        endpoint === 'chat'
          ? chatCompletionChunk(header, { index, delta: {}, finishReason }, usage)
          : completionChunk(header, { index, text: '', finishReason }, usage),
      );
    }
  } catch (error) {
    if (!events.opened) throw error;
    if (!context.signal.aborted) events.fail(toOpenAIHttpError(error).body);
    return;
  }
  if (generation.includeUsage) {
    const totals = usageBody(results.map((result) => result.usage));
    events.send(
      endpoint === 'chat'
        ? chatCompletionChunk(header, undefined, totals)
        : completionChunk(header, undefined, totals),
    );
  }
  events.done();
}

function generate(
  model: ServedModel,
  generation: ParsedGeneration,
  choice: number,
  signal: AbortSignal,
  onTextDelta?: (delta: string) => void,
): Promise<GenerateResult> {
  return model.generate({
    prompt: generation.prompt,
    sampling: generation.sampling,
    ...(generation.jsonSchema === undefined ? {} : { jsonSchema: generation.jsonSchema }),
    // Each choice is another repeat: a different, reproducible seed.
    repeat: choice,
    abortSignal: signal,
    ...(onTextDelta === undefined ? {} : { onTextDelta }),
  });
}

function parse<T>(schema: z.ZodType<T>, body: Record<string, unknown>): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue === undefined || issue.path.length === 0 ? null : issue.path.join('.');
  const message = issue === undefined ? 'invalid request' : issue.message;
  throw invalidRequest(param === null ? message : `${param}: ${message}`, param);
}

/** How a failed generation is answered. */
export function toOpenAIHttpError(error: unknown): OpenAIHttpError {
  if (error instanceof OpenAIHttpError) return error;
  if (error instanceof ProviderCallError && error.status !== undefined) {
    return new OpenAIHttpError(error.status, error.message);
  }
  if (error instanceof TunegateError) {
    switch (error.code) {
      case 'INVALID_ARGUMENT':
        return new OpenAIHttpError(400, error.message);
      case 'TIMEOUT':
        return new OpenAIHttpError(504, error.message, { type: 'timeout' });
      case 'RATE_LIMITED':
        return new OpenAIHttpError(429, error.message, { type: 'requests' });
      default:
        return new OpenAIHttpError(500, error.message);
    }
  }
  return new OpenAIHttpError(500, 'The server had an error while processing your request.');
}
