import { describe, expect, it } from 'vitest';
import { combineHashes, fingerprint, hashString, mix32 } from './string-hash.js';

describe('string hashes', () => {
  it('mix32 is murmur3 fmix32 (0 stays 0, 1 gives its published value)', () => {
    expect(mix32(0)).toBe(0);
    expect(mix32(1)).toBe(0x514e28b7);
  });

  it('hashString is FNV-1a followed by fmix32', () => {
    // FNV-1a of "a" is 0xe40c292c.
    expect(hashString('a')).toBe(mix32(0xe40c292c));
    expect(hashString('')).toBe(mix32(0x811c9dc5));
  });

  it('fingerprints differ in both halves for different texts and agree for equal ones', () => {
    expect(fingerprint('same text')).toEqual(fingerprint('same text'));
    const [high, low] = fingerprint('text one');
    const [otherHigh, otherLow] = fingerprint('text two');
    expect(high).not.toBe(otherHigh);
    expect(low).not.toBe(otherLow);
  });

  it('combines in order', () => {
    expect(combineHashes(1, 2)).not.toBe(combineHashes(2, 1));
  });
});
