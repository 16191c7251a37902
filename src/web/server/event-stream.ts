import type { ServerResponse } from 'node:http';
import { baseHeaders } from './http-response.js';

/** A comment line this often keeps proxies and the browser from timing the stream out. */
const heartbeatMs = 15_000;

/**
 * A server-sent event stream of JSON events. `closed` resolves when the client goes away or
 * the stream is ended, so producers can stop polling.
 */
export class EventStream {
  readonly #response: ServerResponse;
  readonly #heartbeat: NodeJS.Timeout;
  readonly closed: Promise<void>;
  #open = true;

  constructor(response: ServerResponse) {
    this.#response = response;
    response.writeHead(200, {
      ...baseHeaders,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.flushHeaders();
    this.#heartbeat = setInterval(() => this.#write(': keep-alive\n\n'), heartbeatMs);
    this.#heartbeat.unref();
    this.closed = new Promise((resolve) => {
      response.once('close', () => {
        this.#stop();
        resolve();
      });
    });
  }

  get isOpen(): boolean {
    return this.#open;
  }

  send(event: unknown): void {
    this.#write(`data: ${JSON.stringify(event)}\n\n`);
  }

  end(): void {
    if (!this.#open) return;
    this.#stop();
    this.#response.end();
  }

  #write(text: string): void {
    if (this.#open && !this.#response.writableEnded) this.#response.write(text);
  }

  #stop(): void {
    this.#open = false;
    clearInterval(this.#heartbeat);
  }
}
