import { signedLeb128, unsignedLeb128 } from './wasm-encoding.js';

const simdPrefix = 0xfd;

/** Appends WebAssembly instructions to a byte list; names follow the text format. */
export class WasmCode {
  readonly bytes: number[] = [];

  private op(...bytes: number[]): this {
    for (const byte of bytes) this.bytes.push(byte);
    return this;
  }

  private simd(opcode: number, ...immediates: number[]): this {
    return this.op(simdPrefix, ...unsignedLeb128(opcode), ...immediates);
  }

  get(local: number): this {
    return this.op(0x20, ...unsignedLeb128(local));
  }
  set(local: number): this {
    return this.op(0x21, ...unsignedLeb128(local));
  }
  tee(local: number): this {
    return this.op(0x22, ...unsignedLeb128(local));
  }

  i32(value: number): this {
    return this.op(0x41, ...signedLeb128(value));
  }
  i32Add(): this {
    return this.op(0x6a);
  }
  i32Sub(): this {
    return this.op(0x6b);
  }
  i32Mul(): this {
    return this.op(0x6c);
  }
  i32LtS(): this {
    return this.op(0x48);
  }
  i32GeS(): this {
    return this.op(0x4e);
  }
  i32Eqz(): this {
    return this.op(0x45);
  }

  f32(value: number): this {
    const bytes = new Uint8Array(new Float32Array([value]).buffer);
    return this.op(0x43, ...bytes);
  }
  f32Load(offset = 0): this {
    return this.op(0x2a, 2, ...unsignedLeb128(offset));
  }
  f32Store(offset = 0): this {
    return this.op(0x38, 2, ...unsignedLeb128(offset));
  }
  f32Add(): this {
    return this.op(0x92);
  }
  f32Mul(): this {
    return this.op(0x94);
  }

  f32Sub(): this {
    return this.op(0x93);
  }
  f32Div(): this {
    return this.op(0x95);
  }
  f32Max(): this {
    return this.op(0x97);
  }
  i32ShrU(): this {
    return this.op(0x76);
  }

  v128Load(offset = 0): this {
    return this.simd(0x00, 0, ...unsignedLeb128(offset));
  }
  v128Load32Splat(offset = 0): this {
    return this.simd(0x09, 2, ...unsignedLeb128(offset));
  }
  v128Store(offset = 0): this {
    return this.simd(0x0b, 0, ...unsignedLeb128(offset));
  }
  v128Zero(): this {
    return this.simd(0x0c, ...new Array<number>(16).fill(0));
  }
  /** A v128 constant from four f32 or four i32 lanes. */
  v128Const(lanes: readonly number[], kind: 'f32' | 'i32'): this {
    const array = kind === 'f32' ? new Float32Array(lanes) : new Int32Array(lanes);
    return this.simd(0x0c, ...new Uint8Array(array.buffer));
  }
  i32x4Splat(): this {
    return this.simd(0x11);
  }
  i32x4LtS(): this {
    return this.simd(0x39);
  }
  i32x4Add(): this {
    return this.simd(0xae);
  }
  i32x4Shl(): this {
    return this.simd(0xab);
  }
  i32x4TruncSatF32x4S(): this {
    return this.simd(0xf8);
  }
  v128Bitselect(): this {
    return this.simd(0x52);
  }
  f32x4Nearest(): this {
    return this.simd(0x6a);
  }
  f32x4Div(): this {
    return this.simd(0xe7);
  }
  f32x4Min(): this {
    return this.simd(0xe8);
  }
  f32x4Max(): this {
    return this.simd(0xe9);
  }
  f32x4Splat(): this {
    return this.simd(0x13);
  }
  f32x4ExtractLane(lane: number): this {
    return this.simd(0x1f, lane);
  }
  f32x4Add(): this {
    return this.simd(0xe4);
  }
  f32x4Sub(): this {
    return this.simd(0xe5);
  }
  f32x4Mul(): this {
    return this.simd(0xe6);
  }

  block(): this {
    return this.op(0x02, 0x40);
  }
  loop(): this {
    return this.op(0x03, 0x40);
  }
  if(): this {
    return this.op(0x04, 0x40);
  }
  else(): this {
    return this.op(0x05);
  }
  end(): this {
    return this.op(0x0b);
  }
  br(depth: number): this {
    return this.op(0x0c, ...unsignedLeb128(depth));
  }
  brIf(depth: number): this {
    return this.op(0x0d, ...unsignedLeb128(depth));
  }

  /** `while (counter < limit) { body(); counter += step }` with i32 locals. */
  whileLess(counter: number, limit: number, step: number, body: () => void): this {
    this.block().loop();
    this.get(counter).get(limit).i32GeS().brIf(1);
    body();
    this.get(counter).i32(step).i32Add().set(counter);
    this.br(0).end().end();
    return this;
  }

  /** Adds `amount` (a local) to a local. */
  addTo(local: number, amount: number): this {
    return this.get(local).get(amount).i32Add().set(local);
  }
}
