import type { ChatMessage } from './chat-message.js';

/** A rendered prompt: chat messages, or one string for legacy completion mode. */
export type Prompt =
  | { mode: 'chat'; messages: ChatMessage[] }
  | { mode: 'completion'; text: string };
