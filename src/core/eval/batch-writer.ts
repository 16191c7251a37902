import type { CellResult } from './cell-result.js';
import type { CacheEntry, EvalStore } from './eval-store.js';

/**
 * Buffers finished cells and commits them in one transaction per batch: per-cell commits would
 * dominate the run's overhead. A crash loses at most the unflushed batch, which resume re-runs.
 */
export class BatchWriter {
  readonly #store: EvalStore;
  readonly #runId: string;
  readonly #maxCells: number;
  readonly #maxDelayMs: number;
  readonly #now: () => number;
  #cells: CellResult[] = [];
  #cache: CacheEntry[] = [];
  #firstBufferedAt = 0;
  written = 0;

  constructor(
    store: EvalStore,
    runId: string,
    options: { maxCells?: number; maxDelayMs?: number; now?: () => number } = {},
  ) {
    this.#store = store;
    this.#runId = runId;
    this.#maxCells = options.maxCells ?? 500;
    this.#maxDelayMs = options.maxDelayMs ?? 200;
    this.#now = options.now ?? Date.now;
  }

  add(cell: CellResult, cacheEntry: CacheEntry | undefined): void {
    if (this.#cells.length === 0) this.#firstBufferedAt = this.#now();
    this.#cells.push(cell);
    if (cacheEntry) this.#cache.push(cacheEntry);
    if (
      this.#cells.length >= this.#maxCells ||
      this.#now() - this.#firstBufferedAt >= this.#maxDelayMs
    ) {
      this.flush();
    }
  }

  flush(): void {
    if (this.#cells.length === 0 && this.#cache.length === 0) return;
    this.#store.writeCells(this.#runId, this.#cells, this.#cache);
    this.written += this.#cells.length;
    this.#cells = [];
    this.#cache = [];
  }
}
