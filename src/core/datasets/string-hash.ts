/**
 * Fast 32-bit string hashes over UTF-16 code units (FNV-1a, then murmur3's finaliser so that
 * every output bit depends on every input bit). Not cryptographic: for buckets and MinHash.
 */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return mix32(hash);
}

/** murmur3 fmix32: a bijection on 32-bit integers with full avalanche. */
export function mix32(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** Two independent 32-bit hashes: a 64-bit fingerprint for exact-duplicate detection. */
export function fingerprint(text: string): [number, number] {
  return [hashString(text), hashString(text, 0x9747b28c)];
}

/** Combines hashes in order (for word shingles): (a, b) and (b, a) differ. */
export function combineHashes(left: number, right: number): number {
  return mix32(Math.imul(left ^ 0x9e3779b9, 0x27d4eb2f) ^ right);
}
