import type { ComputeMemory, Slice } from '../kernels/compute-memory.js';

export interface AttentionShape {
  /** Sequences in the batch. */
  rows: number;
  /** Tokens per sequence. */
  length: number;
  headCount: number;
  kvHeadCount: number;
  headDim: number;
}

/** Query rows per kernel call: later chunks see more keys, so the masked triangle is skipped. */
const chunkRows = 16;

/**
 * Multi-head causal self-attention with grouped key/value heads (query head h reads key/value
 * head ⌊h·kv/heads⌋) and segment masks: token t sees keys from `segmentStarts[t]` (its packed
 * example's first token, counted within the sequence) up to itself. Every product runs through
 * the SIMD kernel on per-head strided views; only softmax is scalar.
 */
export class CausalAttention {
  private readonly keysT: Slice;
  private readonly valuesT: Slice;
  private readonly scratch: Slice;
  private readonly queryWidth: number;
  private readonly kvWidth: number;
  private readonly group: number;
  private readonly scale: number;

  constructor(
    private readonly memory: ComputeMemory,
    readonly shape: AttentionShape,
  ) {
    const { length, headDim } = shape;
    this.keysT = memory.allocate(headDim * length);
    this.valuesT = memory.allocate(headDim * length);
    this.scratch = memory.allocate(length * length);
    this.queryWidth = shape.headCount * headDim;
    this.kvWidth = shape.kvHeadCount * headDim;
    this.group = shape.headCount / shape.kvHeadCount;
    this.scale = 1 / Math.sqrt(headDim);
  }

  /** Floats the probabilities of one layer take (kept for the backward pass). */
  static probabilityLength(shape: AttentionShape): number {
    return shape.rows * shape.headCount * shape.length * shape.length;
  }

  private columnsFor(chunkEnd: number): number {
    return Math.min(Math.ceil(chunkEnd / 4) * 4, this.shape.length);
  }

  private transposeHead(source: Slice, target: Slice, row: number, kvHead: number): void {
    const { length, headDim } = this.shape;
    const from = source.data;
    const to = target.data;
    const base = row * length * this.kvWidth + kvHead * headDim;
    for (let t = 0; t < length; t++) {
      const offset = base + t * this.kvWidth;
      for (let d = 0; d < headDim; d++) to[d * length + t] = from[offset + d] as number;
    }
  }

  forward(
    q: Slice,
    k: Slice,
    v: Slice,
    out: Slice,
    probabilities: Slice,
    segmentStarts: Int32Array,
  ): void {
    const { rows, length, headDim, headCount } = this.shape;
    const { memory, queryWidth, kvWidth } = this;
    for (let row = 0; row < rows; row++) {
      for (let kvHead = 0; kvHead < this.shape.kvHeadCount; kvHead++) {
        this.transposeHead(k, this.keysT, row, kvHead);
        for (let head = kvHead * this.group; head < (kvHead + 1) * this.group; head++) {
          const pBase = (row * headCount + head) * length * length;
          for (let start = 0; start < length; start += chunkRows) {
            const count = Math.min(chunkRows, length - start);
            const columns = this.columnsFor(start + count);
            const queryOffset = (row * length + start) * queryWidth + head * headDim;
            memory.gemm(
              probabilities,
              pBase + start * length,
              q,
              queryOffset,
              this.keysT,
              0,
              { rows: count, columns, steps: headDim },
              { aRow: queryWidth, aStep: 1, bRow: length, cRow: length },
              false,
            );
            this.softmaxRows(probabilities, pBase, row, start, count, columns, segmentStarts);
            memory.gemm(
              out,
              queryOffset,
              probabilities,
              pBase + start * length,
              v,
              row * length * kvWidth + kvHead * headDim,
              { rows: count, columns: headDim, steps: columns },
              { aRow: length, aStep: 1, bRow: kvWidth, cRow: queryWidth },
              false,
            );
          }
        }
      }
    }
  }

  /** Softmax of each chunk row over its visible keys (SIMD); everything else in range is 0. */
  private softmaxRows(
    probabilities: Slice,
    pBase: number,
    row: number,
    start: number,
    count: number,
    columns: number,
    segmentStarts: Int32Array,
  ): void {
    const { length } = this.shape;
    const p = probabilities.data;
    for (let t = start; t < start + count; t++) {
      const base = pBase + t * length;
      const first = base + (segmentStarts[row * length + t] as number);
      const visible = base + t + 1 - first;
      const maximum = this.memory.rowMax(probabilities, first, visible);
      // e^{scale·(s − max)}: the scale is positive, so the largest score stays the largest.
      this.memory.expNormalize(probabilities, first, visible, maximum, this.scale, 1);
      p.fill(0, base, first);
      p.fill(0, base + t + 1, base + columns);
    }
  }

  /** Writes dq; dk and dv are overwritten too (several query heads add into one kv head). */
  backward(
    q: Slice,
    k: Slice,
    v: Slice,
    probabilities: Slice,
    dOut: Slice,
    dq: Slice,
    dk: Slice,
    dv: Slice,
  ): void {
    const { rows, length, headDim, headCount } = this.shape;
    const { memory, queryWidth, kvWidth, scratch } = this;
    dk.fill(0);
    dv.fill(0);
    for (let row = 0; row < rows; row++) {
      for (let kvHead = 0; kvHead < this.shape.kvHeadCount; kvHead++) {
        this.transposeHead(v, this.valuesT, row, kvHead);
        const kvOffset = row * length * kvWidth + kvHead * headDim;
        for (let head = kvHead * this.group; head < (kvHead + 1) * this.group; head++) {
          const pBase = (row * headCount + head) * length * length;
          const headOffset = row * length * queryWidth + head * headDim;
          for (let start = 0; start < length; start += chunkRows) {
            const count = Math.min(chunkRows, length - start);
            const columns = this.columnsFor(start + count);
            const queryOffset = headOffset + start * queryWidth;
            memory.gemm(
              scratch,
              start * length,
              dOut,
              queryOffset,
              this.valuesT,
              0,
              { rows: count, columns, steps: headDim },
              { aRow: queryWidth, aStep: 1, bRow: length, cRow: length },
              false,
            );
            this.softmaxBackwardRows(
              probabilities.data,
              scratch.data,
              pBase,
              start,
              count,
              columns,
            );
            memory.gemm(
              dq,
              queryOffset,
              scratch,
              start * length,
              k,
              kvOffset,
              { rows: count, columns: headDim, steps: columns },
              { aRow: length, aStep: 1, bRow: kvWidth, cRow: queryWidth },
              false,
            );
          }
          // Keys in a chunk see queries from the chunk start on: Pᵀ·dOut and dSᵀ·Q.
          for (let start = 0; start < length; start += chunkRows) {
            const count = Math.min(chunkRows, length - start);
            const shape = { rows: count, columns: headDim, steps: length - start };
            const strides = { aRow: 1, aStep: length, bRow: queryWidth, cRow: kvWidth };
            const keyOffset = kvOffset + start * kvWidth;
            const queryOffset = headOffset + start * queryWidth;
            memory.gemm(
              dv,
              keyOffset,
              probabilities,
              pBase + start * length + start,
              dOut,
              queryOffset,
              shape,
              strides,
              true,
            );
            memory.gemm(
              dk,
              keyOffset,
              scratch,
              start * length + start,
              q,
              queryOffset,
              shape,
              strides,
              true,
            );
          }
        }
      }
    }
  }

  /** dScores = P ⊙ (dP − Σ P·dP) · scale, in place over dP, for the rows of one chunk. */
  private softmaxBackwardRows(
    p: Float32Array,
    gradient: Float32Array,
    pBase: number,
    start: number,
    count: number,
    columns: number,
  ): void {
    const { length } = this.shape;
    for (let t = start; t < start + count; t++) {
      const base = t * length;
      let dot = 0;
      for (let j = 0; j < columns; j++)
        dot += (p[pBase + base + j] as number) * (gradient[base + j] as number);
      for (let j = 0; j < columns; j++) {
        gradient[base + j] =
          (p[pBase + base + j] as number) * ((gradient[base + j] as number) - dot) * this.scale;
      }
    }
  }
}
