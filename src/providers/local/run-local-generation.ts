import {
  LlamaChat,
  LlamaCompletion,
  type LlamaContextSequence,
  type LlamaGrammar,
} from 'node-llama-cpp';
import type { ChatMessage } from '../../spec/chat-message.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { GeneratedText } from './generated-text.js';
import type { LoadedLocalModel } from './loaded-local-model.js';
import { toChatHistory } from './local-chat-wrapper.js';
import { chatPromptTokenCount, completionPromptTokens } from './local-prompt-tokens.js';
import type { LlamaSampling } from './local-sampling.js';
import { TokenTextCollector } from './token-text-collector.js';

export interface LocalGenerationOptions {
  sampling: LlamaSampling;
  grammar: LlamaGrammar | undefined;
  signal: AbortSignal | undefined;
  onTextDelta: ((delta: string) => void) | undefined;
}

export interface LocalGenerationOutcome {
  text: string;
  /** Prompt tokens as evaluated, the beginning-of-sequence token included. */
  inputTokens: number;
  /** node-llama-cpp's stop reason, or `stopSequence` when one of ours matched. */
  stopReason: string;
}

/**
 * Legacy completion: the prompt is tokenized as llama.cpp's own tools do (a SentencePiece model
 * gets its leading-space prefix), the model's BOS token goes first, and output follows verbatim.
 */
export async function runLocalCompletion(
  loaded: LoadedLocalModel,
  sequence: LlamaContextSequence,
  text: string,
  options: LocalGenerationOptions,
): Promise<LocalGenerationOutcome> {
  const { model } = loaded;
  const { tokens: promptTokens, inputTokens } = completionPromptTokens(model, text);
  const room = roomFor(inputTokens, loaded.contextSize);
  const stop = new AbortController();
  const output = new GeneratedText(options.sampling.stop, options.onTextDelta, () => stop.abort());
  const collector = new TokenTextCollector(model, promptTokens, output.push);
  const completion = new LlamaCompletion({ contextSequence: sequence });
  try {
    const response = await completion.generateCompletionWithMeta(promptTokens, {
      ...common(options, stop.signal),
      maxTokens: Math.min(options.sampling.maxTokens ?? room, room),
      onToken: collector.add,
      // The prompt was checked to fit: never drop its start, never shift mid-generation.
      disableContextShift: true,
      contextShiftSize: 1,
    });
    return finish(output, inputTokens, response.metadata.stopReason, options.signal);
  } finally {
    completion.dispose({ disposeSequence: false });
  }
}

/** Chat through the model's chat wrapper (its template, or the documented fallback). */
export async function runLocalChat(
  loaded: LoadedLocalModel,
  sequence: LlamaContextSequence,
  messages: readonly ChatMessage[],
  options: LocalGenerationOptions,
): Promise<LocalGenerationOutcome> {
  const history = toChatHistory(messages);
  const inputTokens = chatPromptTokenCount(loaded, history);
  const room = roomFor(inputTokens, loaded.contextSize);
  const stop = new AbortController();
  const output = new GeneratedText(options.sampling.stop, options.onTextDelta, () => stop.abort());
  const chat = new LlamaChat({ contextSequence: sequence, chatWrapper: loaded.chatWrapper });
  try {
    const response = await chat.generateResponse(history, {
      ...common(options, stop.signal),
      maxTokens: Math.min(options.sampling.maxTokens ?? room, room),
      onTextChunk: output.push,
    });
    return finish(output, inputTokens, response.metadata.stopReason, options.signal);
  } finally {
    chat.dispose({ disposeSequence: false });
  }
}

/**
 * Our stop sequences end generation through an abort that returns what was generated
 * (`stopOnAbortSignal`); the caller's own abort still fails the call.
 */
function common(options: LocalGenerationOptions, stop: AbortSignal) {
  const { sampling } = options;
  return {
    temperature: sampling.temperature,
    topK: sampling.topK,
    topP: sampling.topP,
    seed: sampling.seed,
    repeatPenalty: sampling.repeatPenalty,
    signal: options.signal === undefined ? stop : AbortSignal.any([options.signal, stop]),
    stopOnAbortSignal: true,
    ...(options.grammar === undefined ? {} : { grammar: options.grammar }),
  };
}

function finish(
  output: GeneratedText,
  inputTokens: number,
  stopReason: string,
  signal: AbortSignal | undefined,
): LocalGenerationOutcome {
  if (signal?.aborted) throw signal.reason;
  const text = output.finish();
  return { text, inputTokens, stopReason: output.stopped ? 'stopSequence' : stopReason };
}

/** Output room left after the prompt; a prompt that does not fit is an error, never truncated. */
function roomFor(inputTokens: number, contextSize: number): number {
  const room = contextSize - inputTokens;
  if (room < 1) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `local: the prompt is ${inputTokens} tokens but the context holds ${contextSize}; shorten it or set TUNEGATE_LOCAL_CONTEXT_SIZE`,
    );
  }
  return room;
}
