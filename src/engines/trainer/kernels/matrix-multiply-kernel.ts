import { WasmCode } from './wasm-code.js';
import { type WasmFunction, wasmType } from './wasm-encoding.js';

// Parameters, in call order (pointers and strides in bytes).
const c = 0;
const a = 1;
const b = 2;
const rows = 3;
const columns = 4;
const steps = 5;
const aRowStride = 6;
const aStepStride = 7;
const bRowStride = 8;
const cRowStride = 9;
const accumulate = 10;
// Locals.
const row = 11;
const column = 12;
const step = 13;
const aPointer = 14;
const bPointer = 15;
const cPointer = 16;
const rowLimit4 = 17;
const columnLimit8 = 18;
const columnLimit4 = 19;
const aRowStride2 = 20;
const aRowStride3 = 21;
const firstAccumulator = 22; // 8 v128 accumulators: row i, vector v at 22 + 2i + v
const bVector = 30; // 2 v128
const splat = 32;

const rowOffsets = [null, aRowStride, aRowStride2, aRowStride3] as const;

function accumulator(rowIndex: number, vector: number): number {
  return firstAccumulator + 2 * rowIndex + vector;
}

/** The address of C[row + rowIndex][column + 4·vector] on the stack. */
function cAddress(code: WasmCode, rowIndex: number): void {
  code.get(cPointer);
  if (rowIndex > 0) code.get(cRowStride).i32(rowIndex).i32Mul().i32Add();
}

/** One output tile: `tileRows` rows × `vectors`·4 columns, summed over every step. */
function emitTile(code: WasmCode, tileRows: number, vectors: number): void {
  code.get(c).get(row).get(cRowStride).i32Mul().i32Add();
  code.get(column).i32(4).i32Mul().i32Add().set(cPointer);
  code.get(accumulate).if();
  for (let i = 0; i < tileRows; i++) {
    for (let v = 0; v < vectors; v++) {
      cAddress(code, i);
      code.v128Load(16 * v).set(accumulator(i, v));
    }
  }
  code.else();
  for (let i = 0; i < tileRows; i++) {
    for (let v = 0; v < vectors; v++) code.v128Zero().set(accumulator(i, v));
  }
  code.end();
  code.get(a).get(row).get(aRowStride).i32Mul().i32Add().set(aPointer);
  code.get(b).get(column).i32(4).i32Mul().i32Add().set(bPointer);
  code.i32(0).set(step);
  code.whileLess(step, steps, 1, () => {
    for (let v = 0; v < vectors; v++)
      code
        .get(bPointer)
        .v128Load(16 * v)
        .set(bVector + v);
    for (let i = 0; i < tileRows; i++) {
      code.get(aPointer);
      const offset = rowOffsets[i];
      if (offset) code.get(offset).i32Add();
      code.v128Load32Splat().set(splat);
      for (let v = 0; v < vectors; v++) {
        code
          .get(accumulator(i, v))
          .get(splat)
          .get(bVector + v)
          .f32x4Mul()
          .f32x4Add();
        code.set(accumulator(i, v));
      }
    }
    code.addTo(aPointer, aStepStride).addTo(bPointer, bRowStride);
  });
  for (let i = 0; i < tileRows; i++) {
    for (let v = 0; v < vectors; v++) {
      cAddress(code, i);
      code.get(accumulator(i, v)).v128Store(16 * v);
    }
  }
}

function emitRowBlock(code: WasmCode, tileRows: number): void {
  code.i32(0).set(column);
  code.whileLess(column, columnLimit8, 8, () => emitTile(code, tileRows, 2));
  code.whileLess(column, columnLimit4, 4, () => emitTile(code, tileRows, 1));
}

/**
 * `gemm(c, a, b, rows, columns, steps, aRowStride, aStepStride, bRowStride, cRowStride, accumulate)`:
 * C[r][j] (+)= Σ_s A[r·aRowStride + s·aStepStride] · B[s·bRowStride + j], all f32, strides in
 * bytes. Strided A covers A and Aᵀ alike, so one kernel serves the forward product and both
 * gradient products. `columns` must be a multiple of 4 and each B and C row 16-byte addressable.
 */
export function matrixMultiplyFunction(): WasmFunction {
  const code = new WasmCode();
  code.get(rows).i32(3).i32Sub().set(rowLimit4);
  code.get(columns).i32(7).i32Sub().set(columnLimit8);
  code.get(columns).i32(3).i32Sub().set(columnLimit4);
  code.get(aRowStride).get(aRowStride).i32Add().set(aRowStride2);
  code.get(aRowStride2).get(aRowStride).i32Add().set(aRowStride3);
  code.i32(0).set(row);
  code.whileLess(row, rowLimit4, 4, () => emitRowBlock(code, 4));
  code.whileLess(row, rows, 1, () => emitRowBlock(code, 1));
  const i32s = new Array(11).fill(wasmType.i32);
  return {
    name: 'gemm',
    parameters: i32s,
    locals: [...new Array(11).fill(wasmType.i32), ...new Array(11).fill(wasmType.v128)],
    body: code.bytes,
  };
}
