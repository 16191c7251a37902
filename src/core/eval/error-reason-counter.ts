import type { ErrorReason } from '../limits/evidence-store.js';

/**
 * Counts why calls failed. Messages that differ only in their numbers ("the prompt is 372
 * tokens", "… 380 tokens") are one reason; the first message of each kind is kept as given.
 */
export class ErrorReasonCounter {
  readonly #reasons = new Map<string, ErrorReason>();

  add(code: string | null, message: string | null): void {
    const text = message ?? 'no message';
    const kind = `${code ?? ''}\u0000${text.replace(/\d+(\.\d+)?/g, '#')}`;
    const reason = this.#reasons.get(kind);
    if (reason) reason.count += 1;
    else this.#reasons.set(kind, { code, message: text, count: 1 });
  }

  /** The commonest reasons first; ties keep the order they were first seen. */
  top(limit = Number.POSITIVE_INFINITY): ErrorReason[] {
    return [...this.#reasons.values()].sort((a, b) => b.count - a.count).slice(0, limit);
  }
}
