import type { Embedder } from '../../spec/embedder.js';
import { TunegateError } from '../../spec/tunegate-error.js';

/**
 * Embedding diversity: 1 − mean pairwise cosine similarity over all unordered pairs of vectors,
 * O(n² · d). 0 means every output points the same way; 1 means orthogonal on average (it can
 * exceed 1 when vectors point in opposite directions).
 *
 * A zero vector has no direction, so pairs that involve one are left out of the mean; with
 * fewer than 2 vectors, or no pair left, the value is `undefined`. Vectors of different
 * lengths are a caller error (RangeError).
 */
export function embeddingDiversity(vectors: readonly (readonly number[])[]): number | undefined {
  if (vectors.length < 2) return undefined;
  const dimension = (vectors[0] as readonly number[]).length;
  const norms = vectors.map((vector, index) => {
    if (vector.length !== dimension) {
      throw new RangeError(
        `vector ${index} has ${vector.length} dimensions, expected ${dimension}`,
      );
    }
    let squares = 0;
    for (const value of vector) squares += value * value;
    return Math.sqrt(squares);
  });
  let similaritySum = 0;
  let pairs = 0;
  for (let left = 0; left < vectors.length; left += 1) {
    const leftNorm = norms[left] as number;
    if (leftNorm === 0) continue;
    const leftVector = vectors[left] as readonly number[];
    for (let right = left + 1; right < vectors.length; right += 1) {
      const rightNorm = norms[right] as number;
      if (rightNorm === 0) continue;
      const rightVector = vectors[right] as readonly number[];
      let dot = 0;
      for (let axis = 0; axis < dimension; axis += 1) {
        dot += (leftVector[axis] as number) * (rightVector[axis] as number);
      }
      similaritySum += dot / (leftNorm * rightNorm);
      pairs += 1;
    }
  }
  return pairs === 0 ? undefined : 1 - similaritySum / pairs;
}

/** Embeds the outputs with the configured embedder, then scores them. */
export async function measureEmbeddingDiversity(
  outputs: readonly string[],
  embedder: Embedder,
): Promise<number | undefined> {
  if (outputs.length < 2) return undefined;
  const vectors = await embedder.embed([...outputs]);
  if (vectors.length !== outputs.length) {
    throw new TunegateError(
      'PROVIDER_ERROR',
      `embedder ${embedder.reference} returned ${vectors.length} vectors for ${outputs.length} texts`,
    );
  }
  return embeddingDiversity(vectors);
}
