const markerHeader = 'x-tunegate-raw-completion';

interface PendingCompletion {
  text: string;
  stop: string[] | undefined;
}

/**
 * The AI SDK's completion models wrap a prompt as `user:\n…\n\nassistant:\n` and add a
 * `\nuser:` stop sequence. Legacy completion mode must send the prompt verbatim, so each call
 * registers its raw text under a marker header and this fetch puts it back into the body.
 */
export class RawCompletionFetch {
  readonly #pending = new Map<string, PendingCompletion>();
  readonly #baseFetch: typeof fetch | undefined;
  #nextId = 0;

  constructor(baseFetch?: typeof fetch) {
    this.#baseFetch = baseFetch;
  }

  /** Headers for one call; `release` forgets the call once it settled. */
  register(
    text: string,
    stop: string[] | undefined,
  ): { headers: Record<string, string>; release: () => void } {
    const id = String(this.#nextId++);
    this.#pending.set(id, { text, stop });
    return { headers: { [markerHeader]: id }, release: () => this.#pending.delete(id) };
  }

  readonly fetch: typeof fetch = async (input, init) => {
    // Read the global lazily so tests that replace it are honoured.
    const baseFetch = this.#baseFetch ?? globalThis.fetch;
    const headers = new Headers(init?.headers);
    const id = headers.get(markerHeader);
    if (id === null || init === undefined || typeof init.body !== 'string') {
      return baseFetch(input, init);
    }
    headers.delete(markerHeader);
    const pending = this.#pending.get(id);
    if (pending === undefined) return baseFetch(input, { ...init, headers });
    const body = JSON.parse(init.body) as Record<string, unknown>;
    body.prompt = pending.text;
    if (pending.stop === undefined || pending.stop.length === 0) delete body.stop;
    else body.stop = pending.stop;
    return baseFetch(input, { ...init, headers, body: JSON.stringify(body) });
  };
}
