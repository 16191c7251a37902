import { GrowableArray } from './growable-array.js';

const maxRun = 20;
const runCap = 1000;

/**
 * Follows how a column of texts ends (prompts, or completions): their common suffix, the
 * most common trailing run of non-alphanumeric characters, which of a list of candidate
 * endings each text ends with and whether a candidate appears anywhere in any text.
 */
export class SuffixTracker {
  readonly #options: readonly string[];
  readonly #optionEnds: number[];
  readonly #optionSeen: boolean[];
  readonly #runIds = new Map<string, number>();
  readonly #runCounts: number[] = [];
  /** Per tracked row: its line, its run id + 1 (0: untracked run), its option bits. */
  readonly #rows = new GrowableArray(Uint32Array, 3);
  #common: string | undefined;

  constructor(options: readonly string[]) {
    this.#options = options;
    this.#optionEnds = options.map(() => 0);
    this.#optionSeen = options.map(() => false);
  }

  add(text: string, line: number): void {
    this.#common = this.#common === undefined ? text : commonSuffix(this.#common, text);
    let bits = 0;
    this.#options.forEach((option, index) => {
      if (text.endsWith(option)) {
        bits |= 1 << index;
        this.#optionEnds[index] = (this.#optionEnds[index] as number) + 1;
      }
      if (!this.#optionSeen[index] && text.includes(option)) this.#optionSeen[index] = true;
    });
    const run = trailingRun(text);
    let runId = this.#runIds.get(run);
    if (runId === undefined && this.#runIds.size < runCap) {
      runId = this.#runCounts.length;
      this.#runIds.set(run, runId);
      this.#runCounts.push(0);
    }
    if (runId !== undefined) this.#runCounts[runId] = (this.#runCounts[runId] as number) + 1;
    const row = this.#rows.addRow();
    this.#rows.set(row, line, 0);
    this.#rows.set(row, runId === undefined ? 0 : runId + 1, 1);
    this.#rows.set(row, bits, 2);
  }

  get count(): number {
    return this.#rows.length;
  }

  /** The suffix every text shares ('' when they share none, or no text was added). */
  get commonSuffix(): string {
    return this.#common ?? '';
  }

  /** The first candidate that appears in no text: safe to use as a separator. */
  unusedOption(): string | undefined {
    return this.#options.find((_, index) => !this.#optionSeen[index]);
  }

  /**
   * The most common ending that `isCandidate` accepts, among the candidates and the trailing
   * runs, with the lines of the texts that lack it.
   */
  dominantEnding(
    isCandidate: (ending: string) => boolean,
  ): { ending: string; count: number } | undefined {
    let best: { ending: string; count: number } | undefined;
    const consider = (ending: string, count: number) => {
      if (isCandidate(ending) && (best === undefined || count > best.count))
        best = { ending, count };
    };
    this.#options.forEach((option, index) => {
      consider(option, this.#optionEnds[index] as number);
    });
    for (const [run, id] of this.#runIds) consider(run, this.#runCounts[id] as number);
    return best;
  }

  /** Lines of the texts that do not end with `ending`. */
  linesWithout(ending: string): number[] {
    const optionIndex = this.#options.indexOf(ending);
    const runId = this.#runIds.get(ending);
    const lines: number[] = [];
    for (let row = 0; row < this.#rows.length; row += 1) {
      const has =
        optionIndex !== -1
          ? (this.#rows.get(row, 2) & (1 << optionIndex)) !== 0
          : runId !== undefined && this.#rows.get(row, 1) === runId + 1;
      if (!has) lines.push(this.#rows.get(row, 0));
    }
    return lines;
  }
}

/** The longest run of non-letter, non-digit characters at the end (at most 20). */
export function trailingRun(text: string): string {
  let start = text.length;
  while (
    start > 0 &&
    text.length - start < maxRun &&
    !/[\p{L}\p{N}]/u.test(text[start - 1] as string)
  ) {
    start -= 1;
  }
  return text.slice(start);
}

function commonSuffix(left: string, right: string): string {
  let length = 0;
  const limit = Math.min(left.length, right.length);
  while (length < limit && left[left.length - 1 - length] === right[right.length - 1 - length]) {
    length += 1;
  }
  return left.slice(left.length - length);
}
