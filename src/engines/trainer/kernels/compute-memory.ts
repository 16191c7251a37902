import { matrixMultiplyFunction } from './matrix-multiply-kernel.js';
import { rowKernelFunctions } from './row-kernels.js';
import { encodeWasmModule } from './wasm-encoding.js';
import { type WasmMemory, webAssembly } from './webassembly-runtime.js';

const pageBytes = 65_536;
const maximumPages = 65_536; // 4 GiB, the wasm32 limit
/** Slices start on 16-byte boundaries so SIMD rows never straddle alignment needlessly. */
const alignmentFloats = 4;

type GemmExport = (
  c: number,
  a: number,
  b: number,
  rows: number,
  columns: number,
  steps: number,
  aRowStride: number,
  aStepStride: number,
  bRowStride: number,
  cRowStride: number,
  accumulate: number,
) => void;

/** A run of f32 values inside the compute memory; `data` survives memory growth. */
export class Slice {
  private view: Float32Array | undefined;

  constructor(
    readonly memory: ComputeMemory,
    /** Offset in floats from the start of the memory. */
    readonly offset: number,
    readonly length: number,
  ) {}

  get data(): Float32Array {
    const heap = this.memory.heap;
    if (this.view === undefined || this.view.buffer !== heap.buffer) {
      this.view = heap.subarray(this.offset, this.offset + this.length);
    }
    return this.view;
  }

  fill(value: number): this {
    this.data.fill(value);
    return this;
  }
}

/**
 * One WebAssembly memory that holds every weight, gradient and activation, so the SIMD kernels
 * and plain TypeScript loops work on the same floats without copies.
 */
export class ComputeMemory {
  private readonly memory: WasmMemory;
  private readonly kernel: GemmExport;
  private readonly rowMaxKernel: (pointer: number, count: number) => number;
  private readonly expNormalizeKernel: (
    pointer: number,
    count: number,
    shift: number,
    scale: number,
    factor: number,
  ) => number;
  private readonly swigluKernel: (
    gate: number,
    up: number,
    sigmoid: number,
    out: number,
    count: number,
  ) => void;
  private floats: Float32Array;
  private used = 0;

  constructor() {
    this.memory = new webAssembly.Memory({ initial: 16, maximum: maximumPages });
    const bytes = encodeWasmModule([matrixMultiplyFunction(), ...rowKernelFunctions()], {
      initialPages: 1,
      maximumPages,
      shared: false,
    });
    const instance = new webAssembly.Instance(new webAssembly.Module(bytes), {
      env: { memory: this.memory },
    });
    this.kernel = instance.exports.gemm as GemmExport;
    this.rowMaxKernel = instance.exports.rowMax as typeof this.rowMaxKernel;
    this.expNormalizeKernel = instance.exports.expNormalize as typeof this.expNormalizeKernel;
    this.swigluKernel = instance.exports.swiglu as typeof this.swigluKernel;
    this.floats = new Float32Array(this.memory.buffer);
  }

  get heap(): Float32Array {
    if (this.floats.buffer !== this.memory.buffer)
      this.floats = new Float32Array(this.memory.buffer);
    return this.floats;
  }

  /** Bytes in use, for reporting. */
  get usedBytes(): number {
    return this.used * 4;
  }

  allocate(length: number): Slice {
    const offset = Math.ceil(this.used / alignmentFloats) * alignmentFloats;
    const end = offset + Math.max(length, 1);
    // Four floats of slack: the row kernels read (never write) whole vectors past a row's end.
    const neededPages = Math.ceil(((end + alignmentFloats) * 4) / pageBytes);
    const pages = this.memory.buffer.byteLength / pageBytes;
    if (neededPages > pages) this.memory.grow(Math.max(neededPages - pages, pages >> 1));
    this.used = end;
    return new Slice(this, offset, length);
  }

  /** The largest of `count` floats from `slice[offset]`. */
  rowMax(slice: Slice, offset: number, count: number): number {
    return this.rowMaxKernel((slice.offset + offset) * 4, count);
  }

  /**
   * In place: x ← e^{(x − shift)·scale}·factor/Σ over `count` floats; returns Σ e^{(x − shift)·scale}.
   * SIMD Cephes exp (relative error about 2e-7).
   */
  expNormalize(
    slice: Slice,
    offset: number,
    count: number,
    shift: number,
    scale: number,
    factor: number,
  ): number {
    return this.expNormalizeKernel((slice.offset + offset) * 4, count, shift, scale, factor);
  }

  /** sigmoid ← σ(gate), out ← gate·σ(gate)·up over `count` floats. */
  swiglu(gate: Slice, up: Slice, sigmoid: Slice, out: Slice, count: number): void {
    this.swigluKernel(gate.offset * 4, up.offset * 4, sigmoid.offset * 4, out.offset * 4, count);
  }

  /**
   * C[r][j] (+)= Σ_s A[r·aRow + s·aStep] · B[s·bRow + j] for r < rows, j < columns, s < steps.
   * Offsets and strides count floats and are relative to each slice; `accumulate` adds to C.
   */
  gemm(
    c: Slice,
    cOffset: number,
    a: Slice,
    aOffset: number,
    b: Slice,
    bOffset: number,
    shape: { rows: number; columns: number; steps: number },
    strides: { aRow: number; aStep: number; bRow: number; cRow: number },
    accumulate: boolean,
  ): void {
    const { rows, columns, steps } = shape;
    const cStart = c.offset + cOffset;
    const aStart = a.offset + aOffset;
    const bStart = b.offset + bOffset;
    if (columns % 4 === 0) {
      this.kernel(
        cStart * 4,
        aStart * 4,
        bStart * 4,
        rows,
        columns,
        steps,
        strides.aRow * 4,
        strides.aStep * 4,
        strides.bRow * 4,
        strides.cRow * 4,
        accumulate ? 1 : 0,
      );
      return;
    }
    gemmFallback(this.heap, cStart, aStart, bStart, shape, strides, accumulate);
  }
}

/** The same product in plain TypeScript, for column counts the SIMD kernel does not take. */
function gemmFallback(
  heap: Float32Array,
  cStart: number,
  aStart: number,
  bStart: number,
  shape: { rows: number; columns: number; steps: number },
  strides: { aRow: number; aStep: number; bRow: number; cRow: number },
  accumulate: boolean,
): void {
  for (let r = 0; r < shape.rows; r++) {
    const cRow = cStart + r * strides.cRow;
    if (!accumulate) heap.fill(0, cRow, cRow + shape.columns);
    for (let s = 0; s < shape.steps; s++) {
      const scale = heap[aStart + r * strides.aRow + s * strides.aStep] as number;
      if (scale === 0) continue;
      const bRow = bStart + s * strides.bRow;
      for (let j = 0; j < shape.columns; j++) {
        heap[cRow + j] = (heap[cRow + j] as number) + scale * (heap[bRow + j] as number);
      }
    }
  }
}
