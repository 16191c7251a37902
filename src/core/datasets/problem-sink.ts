import type { DatasetProblem } from './dataset-problem.js';
import type { DatasetProblemCode } from './problem-catalog.js';

/**
 * Collects problems: every one is counted, but only the first `maxListedPerCode` of each code
 * are kept, so a million duplicate rows cost a counter, not a million objects.
 */
export class ProblemSink {
  readonly #maxListed: number;
  readonly #listed: DatasetProblem[] = [];
  readonly #counts = new Map<DatasetProblemCode, number>();
  #errors = 0;
  #warnings = 0;

  constructor(maxListedPerCode = 100) {
    this.#maxListed = maxListedPerCode;
  }

  add(problem: DatasetProblem): void {
    const count = (this.#counts.get(problem.code) ?? 0) + 1;
    this.#counts.set(problem.code, count);
    if (problem.severity === 'error') this.#errors += 1;
    else this.#warnings += 1;
    if (count <= this.#maxListed) this.#listed.push(problem);
  }

  addAll(problems: readonly DatasetProblem[]): void {
    for (const problem of problems) this.add(problem);
  }

  get errors(): number {
    return this.#errors;
  }

  get warnings(): number {
    return this.#warnings;
  }

  /** Problems by code, in catalog-independent alphabetical order. */
  counts(): Partial<Record<DatasetProblemCode, number>> {
    const sorted = [...this.#counts].sort(([left], [right]) => left.localeCompare(right));
    return Object.fromEntries(sorted);
  }

  /** The listed problems, dataset-level ones (no line) first, then by line. */
  listed(): DatasetProblem[] {
    return [...this.#listed].sort(
      (left, right) => (left.line ?? 0) - (right.line ?? 0) || left.code.localeCompare(right.code),
    );
  }

  get unlisted(): number {
    let total = 0;
    for (const count of this.#counts.values()) total += Math.max(0, count - this.#maxListed);
    return total;
  }
}
