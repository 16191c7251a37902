import {
  type ChatHistoryItem,
  type ChatWrapper,
  GeneralChatWrapper,
  type LlamaModel,
  resolveChatWrapper,
} from 'node-llama-cpp';
import type { ChatMessage } from '../../spec/chat-message.js';

/**
 * The chat format for a model: its own template (`tokenizer.chat_template`) when the GGUF has
 * one, through node-llama-cpp's resolver (which swaps a known template for its native wrapper).
 * A model without a template gets the fallback, which renders
 *
 *     <BOS>{system}\n\n### User\n{user}\n\n### Assistant\n{reply}
 *
 * and stops when the model starts a new `### User`/`### Assistant`/`### System` heading.
 */
export function chooseChatWrapper(model: LlamaModel): {
  wrapper: ChatWrapper;
  fromTemplate: boolean;
} {
  const template = model.fileInfo.metadata?.tokenizer?.chat_template;
  if (typeof template === 'string' && template.trim() !== '') {
    return { wrapper: resolveChatWrapper(model, { warningLogs: false }), fromTemplate: true };
  }
  return { wrapper: fallbackChatWrapper(), fromTemplate: false };
}

export function fallbackChatWrapper(): ChatWrapper {
  return new GeneralChatWrapper({
    userMessageTitle: 'User',
    modelResponseTitle: 'Assistant',
    middleSystemMessageTitle: 'System',
  });
}

/** Our messages as node-llama-cpp history; a trailing assistant message is continued. */
export function toChatHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  return messages.map((message): ChatHistoryItem => {
    if (message.role === 'system') return { type: 'system', text: message.content };
    if (message.role === 'user') return { type: 'user', text: message.content };
    return { type: 'model', response: [message.content] };
  });
}
