import type { ContextMeter } from '../../spec/context-meter.js';
import type { Prompt } from '../../spec/prompt.js';
import type { LoadedLocalModel } from './loaded-local-model.js';
import { toChatHistory } from './local-chat-wrapper.js';
import { chatPromptTokenCount, completionPromptTokens } from './local-prompt-tokens.js';

/**
 * Counts exactly as a call does (the same tokenizer, chat wrapper and start token), so a prompt
 * found to fit here never fails on "the context holds" there. The answer gets whatever room the
 * prompt leaves, up to maxTokens (see run-local-generation.ts).
 */
export function localContextMeter(loaded: LoadedLocalModel): ContextMeter {
  return {
    contextSize: loaded.contextSize,
    method: "the model's own tokenizer",
    exact: true,
    maxTokensBeyondRoom: 'clipped',
    promptTokens: (prompt: Prompt) =>
      prompt.mode === 'chat'
        ? chatPromptTokenCount(loaded, toChatHistory(prompt.messages))
        : completionPromptTokens(loaded.model, prompt.text).inputTokens,
    answerTokens: (text: string) => loaded.model.tokenize(text).length,
  };
}
