import {
  type ChatHistoryItem,
  type LlamaModel,
  LlamaVocabularyType,
  type Token,
} from 'node-llama-cpp';
import type { LoadedLocalModel } from './loaded-local-model.js';

/**
 * A completion prompt tokenized as llama.cpp's own tools do (a SentencePiece model gets its
 * leading-space prefix); `inputTokens` adds the beginning-of-sequence token the model puts first.
 */
export function completionPromptTokens(
  model: LlamaModel,
  text: string,
): { tokens: Token[]; inputTokens: number } {
  const tokens = model.tokenize(text);
  return { tokens, inputTokens: tokens.length + (prependsBeginningToken(model) ? 1 : 0) };
}

/** Tokens of a chat rendered through the model's chat wrapper, up to where its reply starts. */
export function chatPromptTokenCount(loaded: LoadedLocalModel, history: ChatHistoryItem[]): number {
  const withReply: ChatHistoryItem[] =
    history.at(-1)?.type === 'model' ? history : [...history, { type: 'model', response: [] }];
  const { contextText } = loaded.chatWrapper.generateContextState({ chatHistory: withReply });
  return contextText.tokenize(loaded.model.tokenizer).length;
}

/** Mirrors node-llama-cpp's rule for which vocabularies get a BOS token in front. */
function prependsBeginningToken(model: LlamaModel): boolean {
  const type = model.vocabularyType;
  if (type === LlamaVocabularyType.rwkv || type === LlamaVocabularyType.ugm) return false;
  if (type === LlamaVocabularyType.wpm) return model.tokens.bos !== null;
  return model.tokens.shouldPrependBosToken && model.tokens.bos !== null;
}
