import type { LlamaModel, Token } from 'node-llama-cpp';

/** How many earlier tokens the detokenizer sees, so a piece keeps its leading space. */
const contextTokens = 16;

/**
 * Builds the output text from generated tokens, piece by piece. Each piece is detokenized after
 * the prompt's and earlier output's tokens, so "▁there" after a prompt reads " there" (a bare
 * detokenize drops the leading space), and the pieces join to exactly the final text.
 */
export class TokenTextCollector {
  readonly #model: LlamaModel;
  readonly #onPiece: ((piece: string) => void) | undefined;
  #recent: Token[];
  #text = '';

  constructor(
    model: LlamaModel,
    promptTokens: readonly Token[],
    onPiece: ((piece: string) => void) | undefined,
  ) {
    this.#model = model;
    this.#recent = promptTokens.slice(-contextTokens);
    this.#onPiece = onPiece;
  }

  get text(): string {
    return this.#text;
  }

  readonly add = (tokens: readonly Token[]): void => {
    const piece = this.#model.detokenize(tokens, false, this.#recent);
    this.#recent = [...this.#recent, ...tokens].slice(-contextTokens);
    if (piece === '') return;
    this.#text += piece;
    this.#onPiece?.(piece);
  };
}
