import type { FinishReason } from '../spec/finish-reason.js';
import type { GenerateResult } from '../spec/language-model.js';
import type { Usage } from '../spec/usage.js';
import type { ServedModel } from './model-host.js';

/** The response bodies of OpenAI's API, in the shapes its OpenAPI spec defines. */

export type OpenAIFinishReason = 'stop' | 'length' | 'content_filter';

export function toOpenAIFinishReason(reason: FinishReason): OpenAIFinishReason {
  if (reason === 'length') return 'length';
  if (reason === 'content-filter') return 'content_filter';
  return 'stop';
}

export function modelObject(model: ServedModel) {
  return { id: model.id, object: 'model', created: model.created, owned_by: model.ownedBy };
}

export function modelList(models: readonly ServedModel[]) {
  return { object: 'list', data: models.map(modelObject) };
}

/** Prompt tokens are counted once: every choice saw the same prompt. */
export function usageBody(usages: readonly Usage[]) {
  const promptTokens = usages[0]?.inputTokens ?? 0;
  const completionTokens = usages.reduce((sum, usage) => sum + usage.outputTokens, 0);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

export interface ResponseHeader {
  id: string;
  created: number;
  model: string;
}

export function chatCompletionBody(header: ResponseHeader, results: readonly GenerateResult[]) {
  return {
    id: header.id,
    object: 'chat.completion',
    created: header.created,
    model: header.model,
    choices: results.map((result, index) => ({
      index,
      message: { role: 'assistant', content: result.text, refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: toOpenAIFinishReason(result.finishReason),
    })),
    usage: usageBody(results.map((result) => result.usage)),
  };
}

/** One streamed chat chunk; `usage` is null on every chunk but the last when usage is asked for. */
export function chatCompletionChunk(
  header: ResponseHeader,
  choice:
    | {
        index: number;
        delta: { role?: 'assistant'; content?: string };
        finishReason: OpenAIFinishReason | null;
      }
    | undefined,
  usage?: ReturnType<typeof usageBody> | null,
) {
  return {
    id: header.id,
    object: 'chat.completion.chunk',
    created: header.created,
    model: header.model,
    choices:
      choice === undefined
        ? []
        : [
            {
              index: choice.index,
              delta: choice.delta,
              logprobs: null,
              finish_reason: choice.finishReason,
            },
          ],
    ...(usage === undefined ? {} : { usage }),
  };
}

export function completionBody(header: ResponseHeader, results: readonly GenerateResult[]) {
  return {
    id: header.id,
    object: 'text_completion',
    created: header.created,
    model: header.model,
    choices: results.map((result, index) => ({
      text: result.text,
      index,
      logprobs: null,
      finish_reason: toOpenAIFinishReason(result.finishReason),
    })),
    usage: usageBody(results.map((result) => result.usage)),
  };
}

/**
 * One streamed completion chunk. OpenAI's API sends `finish_reason: null` until the last chunk
 * (its spec, which shares this shape with the full response, does not say so).
 */
export function completionChunk(
  header: ResponseHeader,
  choice: { index: number; text: string; finishReason: OpenAIFinishReason | null } | undefined,
  usage?: ReturnType<typeof usageBody> | null,
) {
  return {
    id: header.id,
    object: 'text_completion',
    created: header.created,
    model: header.model,
    choices:
      choice === undefined
        ? []
        : [
            {
              text: choice.text,
              index: choice.index,
              logprobs: null,
              finish_reason: choice.finishReason,
            },
          ],
    ...(usage === undefined ? {} : { usage }),
  };
}
