import { describe, expect, it } from 'vitest';
import { compressionRatio } from './compression-ratio.js';

describe('compressionRatio', () => {
  it('divides text bytes by gzip bytes for a one-letter output', () => {
    // "a" is 1 byte. gzip = 10-byte header + a fixed-Huffman deflate block (3 header bits,
    // 8 bits for literal 'a', 7 bits end-of-block = 18 bits → 3 bytes) + 8-byte trailer = 21.
    expect(compressionRatio(['a'])).toBeCloseTo(1 / 21, 15);
  });

  it('counts UTF-8 bytes for non-Latin text', () => {
    // "é" is 2 bytes (c3 a9); literals ≥ 144 take 9 bits: 3 + 9 + 9 + 7 = 28 bits → 4 bytes,
    // so gzip is 10 + 4 + 8 = 22 bytes.
    expect(compressionRatio(['é'])).toBeCloseTo(2 / 22, 15);
  });

  it('joins outputs with single spaces', () => {
    // ["a", ""] joins to "a " (2 bytes) and ["", ""] to " " (1 byte), not to nothing.
    expect(compressionRatio(['', ''])).toBeCloseTo(1 / 21, 15);
  });

  it('is higher for repeated outputs than for varied ones', () => {
    const repeated = Array(200).fill('the same sentence every time');
    const varied = Array.from({ length: 200 }, (_, index) => `sentence ${index * 7919} ${index}`);
    const repeatedRatio = compressionRatio(repeated) as number;
    expect(repeatedRatio).toBeGreaterThan(compressionRatio(varied) as number);
    // 200 × 28 bytes + 199 spaces = 5799 bytes collapse to well under 200 bytes.
    expect(repeatedRatio).toBeGreaterThan(5799 / 200);
  });

  it('is undefined with no outputs or no bytes', () => {
    expect(compressionRatio([])).toBeUndefined();
    expect(compressionRatio([''])).toBeUndefined();
  });
});
