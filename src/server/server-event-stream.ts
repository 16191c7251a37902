import type { ServerResponse } from 'node:http';

/**
 * A server-sent event stream in OpenAI's style: `data: <json>` events ending with
 * `data: [DONE]`. The 200 status goes out with the first event, so an error found before any
 * output can still be answered with its own status.
 */
export class ServerEventStream {
  readonly #response: ServerResponse;
  readonly #headers: Record<string, string>;
  #opened = false;

  constructor(response: ServerResponse, headers: Record<string, string> = {}) {
    this.#response = response;
    this.#headers = headers;
  }

  get opened(): boolean {
    return this.#opened;
  }

  send(data: unknown): void {
    this.#open();
    if (!this.#response.writableEnded) this.#response.write(`data: ${JSON.stringify(data)}\n\n`);
  }

  /** Ends the stream normally. */
  done(): void {
    this.#end('data: [DONE]\n\n');
  }

  /** Ends an open stream with an error event (the status is already sent). */
  fail(body: unknown): void {
    this.#end(`data: ${JSON.stringify(body)}\n\n`);
  }

  #end(last: string): void {
    this.#open();
    if (!this.#response.writableEnded) this.#response.end(last);
  }

  #open(): void {
    if (this.#opened) return;
    this.#opened = true;
    this.#response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...this.#headers,
    });
    this.#response.flushHeaders();
  }
}
