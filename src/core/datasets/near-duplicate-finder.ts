import type { MinHashIndex } from './minhash-index.js';

export interface NearDuplicate {
  /** The caller's id of the text to drop (or the leaking text). */
  id: number;
  /** The caller's id of the text it was matched with. */
  of: number;
  /** The caller's id of the text kept for its group (within one index only). */
  keep?: number;
  similarity: number;
}

export interface NearDuplicateOptions {
  /** Estimated Jaccard similarity at or above which two texts are near-duplicates (0.8). */
  threshold?: number;
  /** Earlier bucket members one text is compared with, per band (bounds huge buckets). */
  maxComparisons?: number;
}

/**
 * Near-duplicates within one index, as groups: every candidate pair from the LSH buckets
 * whose estimated similarity reaches the threshold joins one group (union–find), and the
 * earliest text of each group is kept. Each other member is reported with the text it was
 * matched to. Dropping every reported text leaves no verified pair behind, whatever order
 * the bands were visited in.
 */
export function findNearDuplicates(
  index: MinHashIndex,
  options: NearDuplicateOptions = {},
): NearDuplicate[] {
  const threshold = options.threshold ?? 0.8;
  const maxComparisons = options.maxComparisons ?? 8;
  const size = index.size;
  const parent = new Int32Array(size);
  for (let row = 0; row < size; row += 1) parent[row] = row;
  const root = (row: number): number => {
    let current = row;
    while (parent[current] !== current) {
      const next = parent[current] as number;
      parent[current] = parent[next] as number;
      current = next;
    }
    return current;
  };
  const partner = new Int32Array(size).fill(-1);
  const similarity = new Float32Array(size);
  const remember = (row: number, other: number, estimate: number) => {
    if (partner[row] === -1) {
      partner[row] = other;
      similarity[row] = estimate;
    }
  };
  index.forEachBucket((order, start, end) => {
    for (let position = start + 1; position < end; position += 1) {
      const row = order[position] as number;
      let compared = 0;
      for (let earlier = start; earlier < position && compared < maxComparisons; earlier += 1) {
        const candidate = order[earlier] as number;
        const rowRoot = root(row);
        const candidateRoot = root(candidate);
        if (rowRoot === candidateRoot) break;
        compared += 1;
        const estimate = index.similarity(row, candidate);
        if (estimate < threshold) continue;
        // The earliest row of a group is its root, so it is the one kept.
        if (rowRoot < candidateRoot) parent[candidateRoot] = rowRoot;
        else parent[rowRoot] = candidateRoot;
        remember(row, candidate, estimate);
        remember(candidate, row, estimate);
        break;
      }
    }
  });
  const found: NearDuplicate[] = [];
  for (let row = 0; row < size; row += 1) {
    if (root(row) === row) continue;
    found.push({
      id: index.idOf(row),
      of: index.idOf(partner[row] as number),
      keep: index.idOf(root(row)),
      similarity: Math.round((similarity[row] as number) * 1000) / 1000,
    });
  }
  return found;
}

/**
 * Matches across two groups of one index: rows before `boundary` are the reference group
 * (e.g. the eval set), rows from `boundary` on are the queries (e.g. a training file). Each
 * query gets its most similar reference row at or above the threshold.
 */
export function findCrossMatches(
  index: MinHashIndex,
  boundary: number,
  options: NearDuplicateOptions = {},
): NearDuplicate[] {
  const threshold = options.threshold ?? 0.8;
  const maxComparisons = options.maxComparisons ?? 16;
  const queries = index.size - boundary;
  const match = new Int32Array(Math.max(0, queries)).fill(-1);
  const similarity = new Float32Array(Math.max(0, queries));
  index.forEachBucket((order, start, end) => {
    // Rows ascend, so a bucket's reference rows come first.
    let firstQuery = start;
    while (firstQuery < end && (order[firstQuery] as number) < boundary) firstQuery += 1;
    if (firstQuery === start || firstQuery === end) return;
    const lastReference = Math.min(firstQuery, start + maxComparisons);
    for (let position = firstQuery; position < end; position += 1) {
      const row = order[position] as number;
      const slot = row - boundary;
      for (let reference = start; reference < lastReference; reference += 1) {
        const candidate = order[reference] as number;
        const estimate = index.similarity(row, candidate);
        if (estimate >= threshold && estimate > (similarity[slot] as number)) {
          match[slot] = candidate;
          similarity[slot] = estimate;
        }
      }
    }
  });
  const found: NearDuplicate[] = [];
  for (let slot = 0; slot < queries; slot += 1) {
    const of = match[slot] as number;
    if (of === -1) continue;
    found.push({
      id: index.idOf(slot + boundary),
      of: index.idOf(of),
      similarity: Math.round((similarity[slot] as number) * 1000) / 1000,
    });
  }
  return found;
}
