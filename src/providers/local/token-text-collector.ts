import type { LlamaModel, Token } from 'node-llama-cpp';

/** How many earlier tokens the detokenizer sees, so a piece keeps its leading space. */
const contextTokens = 16;

/**
 * Turns generated tokens into text pieces. Each piece is detokenized after the prompt's and
 * earlier output's tokens, so "▁there" after a prompt reads " there" (a bare detokenize, as
 * node-llama-cpp's completion text uses, drops the leading space).
 */
export class TokenTextCollector {
  readonly #model: LlamaModel;
  readonly #onPiece: (piece: string) => void;
  #recent: Token[];

  constructor(model: LlamaModel, promptTokens: readonly Token[], onPiece: (piece: string) => void) {
    this.#model = model;
    this.#recent = promptTokens.slice(-contextTokens);
    this.#onPiece = onPiece;
  }

  readonly add = (tokens: readonly Token[]): void => {
    const piece = this.#model.detokenize(tokens, false, this.#recent);
    this.#recent = [...this.#recent, ...tokens].slice(-contextTokens);
    if (piece !== '') this.#onPiece(piece);
  };
}
