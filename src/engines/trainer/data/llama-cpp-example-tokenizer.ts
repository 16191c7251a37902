import {
  type ChatHistoryItem,
  type ChatWrapper,
  type LlamaModel,
  LlamaVocabularyType,
} from 'node-llama-cpp';
import { chooseChatWrapper } from '../../../providers/local/local-chat-wrapper.js';
import { getLocalLlama } from '../../../providers/local/local-runtime.js';
import { TunegateError } from '../../../spec/tunegate-error.js';
import type { TokenizedExample, TrainingChatMessage, TrainingExample } from './training-example.js';

export interface ExampleTokenizer {
  tokenize(example: TrainingExample): TokenizedExample;
  /** Ends every trained completion, so the model learns to stop. */
  endToken: number;
  dispose(): Promise<void>;
}

function commonPrefixLength(a: readonly number[], b: readonly number[]): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

function prependsBeginningToken(model: LlamaModel): boolean {
  const type = model.vocabularyType;
  if (type === LlamaVocabularyType.rwkv || type === LlamaVocabularyType.ugm) return false;
  return (
    model.tokens.bos !== null &&
    (type === LlamaVocabularyType.wpm || model.tokens.shouldPrependBosToken)
  );
}

function toHistory(messages: readonly TrainingChatMessage[]): ChatHistoryItem[] {
  return messages.map((message): ChatHistoryItem => {
    if (message.role === 'system') return { type: 'system', text: message.content };
    if (message.role === 'user') return { type: 'user', text: message.content };
    return { type: 'model', response: [message.content] };
  });
}

function emptyLike(item: ChatHistoryItem): ChatHistoryItem {
  return item.type === 'model' ? { type: 'model', response: [] } : { ...item, text: '' };
}

/**
 * Tokenizes examples exactly as the local engine will see them at inference time: completions
 * with llama.cpp's tokenizer after the BOS token, chats through the same chat wrapper. Each
 * trained span is found by rendering the conversation up to it, so the loss mask follows token
 * boundaries even where the template merges text. A span runs through the next turn's header
 * (or, for the last turn, the end token), which is what stops generation at inference.
 */
export class LlamaCppExampleTokenizer implements ExampleTokenizer {
  readonly endToken: number;
  private readonly beginning: number[];
  private readonly wrapper: ChatWrapper;

  private constructor(private readonly model: LlamaModel) {
    const eos = model.tokens.eos;
    if (eos === null)
      throw new TunegateError('INVALID_DATA', 'the model has no end-of-sequence token');
    this.endToken = eos;
    const bos = model.tokens.bos;
    this.beginning = prependsBeginningToken(model) && bos !== null ? [bos] : [];
    this.wrapper = chooseChatWrapper(model).wrapper;
  }

  static async load(modelPath: string): Promise<LlamaCppExampleTokenizer> {
    const llama = await getLocalLlama();
    const model = await llama.loadModel({ modelPath, vocabOnly: true });
    return new LlamaCppExampleTokenizer(model);
  }

  private text(text: string): number[] {
    return [...this.beginning, ...this.model.tokenize(text)];
  }

  private render(history: ChatHistoryItem[]): number[] {
    const { contextText } = this.wrapper.generateContextState({ chatHistory: history });
    return [...contextText.tokenize(this.model.tokenizer)];
  }

  tokenize(example: TrainingExample): TokenizedExample {
    if (example.kind === 'text') {
      const tokens = [...this.text(example.text), this.endToken];
      return { tokens, trained: tokens.map((_, index) => index > 0) };
    }
    if (example.kind === 'completion') {
      const prompt = this.text(example.prompt);
      const tokens = [...this.text(example.prompt + example.completion), this.endToken];
      const start = commonPrefixLength(prompt, tokens);
      return { tokens, trained: tokens.map((_, index) => index >= Math.max(start, 1)) };
    }
    return this.tokenizeChat(example.messages);
  }

  private tokenizeChat(messages: readonly TrainingChatMessage[]): TokenizedExample {
    const history = toHistory(messages);
    const tokens = this.render(history);
    const trained = tokens.map(() => false);
    messages.forEach((message, index) => {
      if (message.role !== 'assistant' || message.weight === 0) return;
      const before = this.render([...history.slice(0, index), { type: 'model', response: [] }]);
      // A later turn's empty header ends the span, so the model learns to close its turn.
      const next = history[index + 1];
      const closing = next ? [emptyLike(next)] : [];
      const through = this.render([...history.slice(0, index + 1), ...closing]);
      const start = commonPrefixLength(before, tokens);
      const end = commonPrefixLength(through, tokens);
      for (let i = Math.max(start, 1); i < end; i++) trained[i] = true;
    });
    const last = messages.at(-1);
    if (last?.role === 'assistant') {
      tokens.push(this.endToken);
      trained.push(last.weight !== 0);
    }
    return { tokens, trained };
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}
