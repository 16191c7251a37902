import { describe, expect, it } from 'vitest';
import { signedLeb128, unsignedLeb128 } from './wasm-encoding.js';

describe('LEB128', () => {
  it('encodes unsigned values as the spec examples do', () => {
    expect(unsignedLeb128(0)).toEqual([0x00]);
    expect(unsignedLeb128(127)).toEqual([0x7f]);
    expect(unsignedLeb128(128)).toEqual([0x80, 0x01]);
    expect(unsignedLeb128(624_485)).toEqual([0xe5, 0x8e, 0x26]);
    // f32x4.add's SIMD opcode 0xe4 needs two bytes.
    expect(unsignedLeb128(0xe4)).toEqual([0xe4, 0x01]);
  });

  it('encodes signed values with the sign in bit 6 of the last byte', () => {
    expect(signedLeb128(0)).toEqual([0x00]);
    expect(signedLeb128(63)).toEqual([0x3f]);
    expect(signedLeb128(64)).toEqual([0xc0, 0x00]);
    expect(signedLeb128(-1)).toEqual([0x7f]);
    expect(signedLeb128(-123_456)).toEqual([0xc0, 0xbb, 0x78]);
  });
});
