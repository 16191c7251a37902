import { WasmCode } from './wasm-code.js';
import { type WasmFunction, wasmType } from './wasm-encoding.js';

const { i32, f32, v128 } = wasmType;
const splat4 = (value: number) => [value, value, value, value];
// Cephes expf: e^x = 2^n · e^r with n = round(x·log2 e), r = x − n·ln 2 split in two parts.
const ln2High = 0.693359375;
const ln2Low = -2.1219444e-4;
const polynomial = [
  1.98756915e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1,
  5.0000001201e-1,
];

/** e^x of the v128 on the stack (|x| clamped to the normal range), via locals `n` and `r`. */
function emitExp(code: WasmCode, n: number, r: number): void {
  code.v128Const(splat4(-87.3), 'f32').f32x4Max().v128Const(splat4(88.3), 'f32').f32x4Min().set(r);
  code.get(r).v128Const(splat4(Math.LOG2E), 'f32').f32x4Mul().f32x4Nearest().set(n);
  code.get(r).get(n).v128Const(splat4(ln2High), 'f32').f32x4Mul().f32x4Sub();
  code.get(n).v128Const(splat4(ln2Low), 'f32').f32x4Mul().f32x4Sub().set(r);
  code.v128Const(splat4(polynomial[0] as number), 'f32');
  for (const coefficient of polynomial.slice(1)) {
    code.get(r).f32x4Mul().v128Const(splat4(coefficient), 'f32').f32x4Add();
  }
  code.get(r).get(r).f32x4Mul().f32x4Mul().get(r).f32x4Add().v128Const(splat4(1), 'f32').f32x4Add();
  // 2^n built from its exponent bits.
  code.get(n).i32x4TruncSatF32x4S().v128Const(splat4(127), 'i32').i32x4Add().i32(23).i32x4Shl();
  code.f32x4Mul();
}

/** mask = lanes whose element lies before `end` (so partial last vectors stay exact). */
function emitMask(code: WasmCode, pointer: number, end: number, mask: number): void {
  code.v128Const([0, 1, 2, 3], 'i32');
  code.get(end).get(pointer).i32Sub().i32(2).i32ShrU().i32x4Splat().i32x4LtS().set(mask);
}

function emitLanes(code: WasmCode, vector: number, combine: () => void): void {
  code.get(vector).f32x4ExtractLane(0);
  for (let lane = 1; lane < 4; lane++) {
    code.get(vector).f32x4ExtractLane(lane);
    combine();
  }
}

/** `rowMax(pointer, count) → f32`. */
function rowMaxFunction(): WasmFunction {
  const [pointer, count, p, end, best, mask] = [0, 1, 2, 3, 4, 5];
  const code = new WasmCode();
  code.get(pointer).get(count).i32(4).i32Mul().i32Add().set(end);
  code.v128Const(splat4(Number.NEGATIVE_INFINITY), 'f32').set(best);
  code.get(pointer).set(p);
  code.whileLess(p, end, 16, () => {
    emitMask(code, p, end, mask);
    code.get(best).get(p).v128Load().v128Const(splat4(Number.NEGATIVE_INFINITY), 'f32').get(mask);
    code.v128Bitselect().f32x4Max().set(best);
  });
  emitLanes(code, best, () => code.f32Max());
  return {
    name: 'rowMax',
    parameters: [i32, i32],
    results: [f32],
    locals: [i32, i32, v128, v128],
    body: code.bytes,
  };
}

/**
 * `expNormalize(pointer, count, shift, scale, factor) → f32`: x ← e^{(x − shift)·scale} · factor / Σ,
 * in place; returns Σ e^{(x − shift)·scale}. With shift = max and factor 1 it is a softmax.
 */
function expNormalizeFunction(): WasmFunction {
  const [pointer, count, shift, scale, factor] = [0, 1, 2, 3, 4];
  const [p, end, sum, mask, x, e, n, r, k] = [5, 6, 7, 8, 9, 10, 11, 12, 13];
  const code = new WasmCode();
  code.get(pointer).get(count).i32(4).i32Mul().i32Add().set(end);
  code.v128Zero().set(sum);
  code.get(pointer).set(p);
  code.whileLess(p, end, 16, () => {
    emitMask(code, p, end, mask);
    code
      .get(p)
      .v128Load()
      .tee(x)
      .get(shift)
      .f32x4Splat()
      .f32x4Sub()
      .get(scale)
      .f32x4Splat()
      .f32x4Mul();
    emitExp(code, n, r);
    code.v128Zero().get(mask).v128Bitselect().set(e);
    code.get(sum).get(e).f32x4Add().set(sum);
    code.get(p).get(e).get(x).get(mask).v128Bitselect().v128Store();
  });
  emitLanes(code, sum, () => code.f32Add());
  code.tee(shift); // reuse the parameter slot for the scalar sum
  code.get(factor).get(shift).f32Div().f32x4Splat().set(k);
  code.get(pointer).set(p);
  code.whileLess(p, end, 16, () => {
    emitMask(code, p, end, mask);
    code
      .get(p)
      .get(p)
      .v128Load()
      .tee(x)
      .get(k)
      .f32x4Mul()
      .get(x)
      .get(mask)
      .v128Bitselect()
      .v128Store();
  });
  return {
    name: 'expNormalize',
    parameters: [i32, i32, f32, f32, f32],
    results: [f32],
    locals: [i32, i32, v128, v128, v128, v128, v128, v128, v128],
    body: code.bytes,
  };
}

/** `swiglu(gate, up, sigmoid, out, count)`: sigmoid ← σ(gate), out ← gate·σ(gate)·up. */
function swigluFunction(): WasmFunction {
  const [gate, up, sigmoid, out, count] = [0, 1, 2, 3, 4];
  const [offset, end, mask, g, s, n, r] = [5, 6, 7, 8, 9, 10, 11];
  const code = new WasmCode();
  code.get(count).i32(4).i32Mul().set(end);
  code.i32(0).set(offset);
  code.whileLess(offset, end, 16, () => {
    emitMask(code, offset, end, mask);
    code.v128Zero().get(gate).get(offset).i32Add().v128Load().tee(g).f32x4Sub();
    emitExp(code, n, r);
    code.v128Const(splat4(1), 'f32').f32x4Add().set(s);
    code.v128Const(splat4(1), 'f32').get(s).f32x4Div().set(s);
    code.get(sigmoid).get(offset).i32Add();
    code.get(s).get(sigmoid).get(offset).i32Add().v128Load().get(mask).v128Bitselect().v128Store();
    code.get(out).get(offset).i32Add();
    code.get(g).get(s).f32x4Mul().get(up).get(offset).i32Add().v128Load().f32x4Mul();
    code.get(out).get(offset).i32Add().v128Load().get(mask).v128Bitselect().v128Store();
  });
  return {
    name: 'swiglu',
    parameters: [i32, i32, i32, i32, i32],
    locals: [i32, i32, v128, v128, v128, v128, v128],
    body: code.bytes,
  };
}

export function rowKernelFunctions(): WasmFunction[] {
  return [rowMaxFunction(), expNormalizeFunction(), swigluFunction()];
}
