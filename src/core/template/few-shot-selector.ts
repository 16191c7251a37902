import { hashString, seededRandom, shuffled } from '../random/seeded-random.js';
import type { EvalCase } from '../task/eval-case.js';
import { Bm25Index } from './bm25-index.js';

export interface FewShotSettings {
  k: number;
  selection: 'fixed' | 'random' | 'nearest';
  seed: number;
}

export interface FewShotSelectorOptions {
  /** The case's rendered input, used for leakage checks and nearest-neighbour search. */
  inputOf: (evalCase: EvalCase) => string;
}

export type FewShotSelector = (evalCase: EvalCase) => EvalCase[];

/**
 * Picks k examples per case. fixed: the first k of the pool; random: a shuffle seeded by
 * `seed` and the case id (stable per case, different across cases); nearest: BM25 top-k
 * against the case's input, most similar first. An example with the case's id or the
 * case's exact input is never returned (it would leak the answer). k above the pool size
 * returns every eligible example.
 */
export function createFewShotSelector(
  pool: EvalCase[],
  settings: FewShotSettings,
  options: FewShotSelectorOptions,
): FewShotSelector {
  const poolInputs = pool.map((example) => options.inputOf(example));
  const k = Math.max(0, settings.k);
  const index = settings.selection === 'nearest' ? new Bm25Index(poolInputs) : undefined;

  return (evalCase) => {
    if (k === 0) return [];
    const input = options.inputOf(evalCase);
    const eligible = (position: number) =>
      pool[position]?.id !== evalCase.id && poolInputs[position] !== input;

    let order: number[];
    if (index) {
      // Ask for enough hits to survive the leakage filter without ranking the whole pool.
      let leaking = 0;
      for (let position = 0; position < pool.length; position++) {
        if (!eligible(position)) leaking++;
      }
      order = index.search(input, k + leaking).map((hit) => hit.index);
    } else {
      order = pool.map((_, position) => position);
      if (settings.selection === 'random') {
        order = shuffled(order, seededRandom(hashString(`${settings.seed}\u0000${evalCase.id}`)));
      }
    }

    const chosen: EvalCase[] = [];
    for (const position of order) {
      if (chosen.length >= k) break;
      if (eligible(position)) chosen.push(pool[position] as EvalCase);
    }
    return chosen;
  };
}
