/**
 * Cuts generated text at the first stop sequence, as OpenAI does: the output ends just before
 * it. Text arrives in pieces; a tail that could still grow into a stop sequence is held back, so
 * streamed pieces never include part of one. Matching is on text, so a stop sequence may span
 * tokens and contain spaces (node-llama-cpp's own triggers compare per-token text without the
 * leading spaces SentencePiece tokens carry, and miss "little girl").
 */
export class StopSequenceMatcher {
  readonly #stops: readonly string[];
  readonly #longest: number;
  #held = '';
  #stopped = false;

  constructor(stops: readonly string[]) {
    this.#stops = stops.filter((stop) => stop !== '');
    this.#longest = Math.max(0, ...this.#stops.map((stop) => stop.length));
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Takes the next piece; returns the text that is now certain to be output. */
  push(piece: string): string {
    if (this.#stopped) return '';
    const text = this.#held + piece;
    let cut = -1;
    for (const stop of this.#stops) {
      const at = text.indexOf(stop);
      if (at !== -1 && (cut === -1 || at < cut)) cut = at;
    }
    if (cut !== -1) {
      this.#stopped = true;
      this.#held = '';
      return text.slice(0, cut);
    }
    const keep = this.#possibleStart(text);
    this.#held = text.slice(text.length - keep);
    return text.slice(0, text.length - keep);
  }

  /** The held-back tail, once generation ended without a stop sequence. */
  flush(): string {
    const rest = this.#stopped ? '' : this.#held;
    this.#held = '';
    return rest;
  }

  /** Length of the longest tail of `text` that a stop sequence starts with. */
  #possibleStart(text: string): number {
    for (let length = Math.min(this.#longest - 1, text.length); length > 0; length--) {
      const tail = text.slice(text.length - length);
      if (this.#stops.some((stop) => stop.startsWith(tail))) return length;
    }
    return 0;
  }
}
