/** A chat message as OpenAI's fine-tuning format has it; `weight` 0 excludes an assistant turn. */
export interface TrainingChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  weight?: 0 | 1;
}

/** One training example: chat (loss on assistant turns), prompt/completion, or plain text. */
export type TrainingExample =
  | { kind: 'chat'; messages: TrainingChatMessage[] }
  | { kind: 'completion'; prompt: string; completion: string }
  | { kind: 'text'; text: string };

/** Tokens of one example and, per token, whether predicting it carries loss. */
export interface TokenizedExample {
  tokens: number[];
  trained: boolean[];
}
