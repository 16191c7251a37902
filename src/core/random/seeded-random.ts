/** A source of uniform numbers in [0, 1), reproducible from its seed. */
export type RandomSource = () => number;

/**
 * mulberry32: a 32-bit state generator, fast and good enough for resampling and sampling.
 * Metrics must be reproducible, so they never use Math.random.
 */
export function seededRandom(seed = 0): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A uniform integer in [0, maxExclusive). */
export function randomIndex(random: RandomSource, maxExclusive: number): number {
  return Math.floor(random() * maxExclusive);
}

/**
 * `count` distinct indices from [0, total), in ascending order (partial Fisher–Yates shuffle,
 * then sorted so that callers keep the original order of the items they pick).
 */
export function sampleIndices(random: RandomSource, total: number, count: number): number[] {
  if (!Number.isInteger(total) || !Number.isInteger(count) || count < 0 || total < 0) {
    throw new RangeError(`sampleIndices needs non-negative integers, got ${total} and ${count}`);
  }
  if (count > total) throw new RangeError(`cannot sample ${count} of ${total} items`);
  const indices = Array.from({ length: total }, (_, index) => index);
  for (let position = 0; position < count; position += 1) {
    const pick = position + randomIndex(random, total - position);
    const chosen = indices[pick] as number;
    indices[pick] = indices[position] as number;
    indices[position] = chosen;
  }
  return indices.slice(0, count).sort((left, right) => left - right);
}

/** FNV-1a over UTF-16 code units: a small, stable string hash to derive seeds. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Fisher–Yates shuffle of a copy, driven by `random`. */
export function shuffled<T>(items: readonly T[], random: RandomSource): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}
