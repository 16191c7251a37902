import { StopSequenceMatcher } from './stop-sequence-matcher.js';

/**
 * The output of one generation as it grows: pieces pass the stop-sequence matcher, what is
 * certain goes to the streaming callback, and a matched stop sequence ends generation early.
 */
export class GeneratedText {
  readonly #matcher: StopSequenceMatcher;
  readonly #onDelta: ((delta: string) => void) | undefined;
  readonly #onStop: () => void;
  #text = '';

  constructor(
    stops: readonly string[],
    onDelta: ((delta: string) => void) | undefined,
    onStop: () => void,
  ) {
    this.#matcher = new StopSequenceMatcher(stops);
    this.#onDelta = onDelta;
    this.#onStop = onStop;
  }

  /** Whether a stop sequence ended the output. */
  get stopped(): boolean {
    return this.#matcher.stopped;
  }

  readonly push = (piece: string): void => {
    if (this.#matcher.stopped) return;
    this.#emit(this.#matcher.push(piece));
    if (this.#matcher.stopped) this.#onStop();
  };

  /** The whole output, once generation has ended. */
  finish(): string {
    this.#emit(this.#matcher.flush());
    return this.#text;
  }

  #emit(piece: string): void {
    if (piece === '') return;
    this.#text += piece;
    this.#onDelta?.(piece);
  }
}
