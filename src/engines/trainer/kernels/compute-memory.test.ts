import { describe, expect, it } from 'vitest';
import { ComputeMemory } from './compute-memory.js';

/** The product written out in float64, straight from the definition. */
function reference(
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  shape: { rows: number; columns: number; steps: number },
  strides: { aRow: number; aStep: number; bRow: number; cRow: number },
  accumulate: boolean,
): Float64Array {
  const out = new Float64Array(shape.rows * strides.cRow);
  for (let r = 0; r < shape.rows; r++) {
    for (let j = 0; j < shape.columns; j++) {
      let sum = accumulate ? (c[r * strides.cRow + j] as number) : 0;
      for (let s = 0; s < shape.steps; s++) {
        sum +=
          (a[r * strides.aRow + s * strides.aStep] as number) * (b[s * strides.bRow + j] as number);
      }
      out[r * strides.cRow + j] = sum;
    }
  }
  return out;
}

describe('ComputeMemory.gemm', () => {
  const cases = [
    {
      name: 'SIMD, 4-row and 1-row tiles, 8- and 4-wide',
      rows: 7,
      columns: 12,
      steps: 5,
      transposed: false,
    },
    { name: 'SIMD, transposed A', rows: 9, columns: 20, steps: 3, transposed: true },
    {
      name: 'fallback for columns not a multiple of 4',
      rows: 5,
      columns: 7,
      steps: 6,
      transposed: false,
    },
  ];
  for (const { name, rows, columns, steps, transposed } of cases) {
    for (const accumulate of [false, true]) {
      it(`${name}${accumulate ? ', accumulating' : ''}`, () => {
        const memory = new ComputeMemory();
        const a = memory.allocate(rows * steps);
        const b = memory.allocate(steps * (columns + 3));
        const c = memory.allocate(rows * (columns + 2));
        a.data.set(Array.from(a.data, (_, i) => Math.sin(i + 1)));
        b.data.set(Array.from(b.data, (_, i) => Math.cos(0.7 * i)));
        c.data.set(Array.from(c.data, (_, i) => 0.5 - (i % 3)));
        const shape = { rows, columns, steps };
        const strides = transposed
          ? { aRow: 1, aStep: rows, bRow: columns + 3, cRow: columns + 2 }
          : { aRow: steps, aStep: 1, bRow: columns + 3, cRow: columns + 2 };
        const expected = reference(a.data, b.data, c.data, shape, strides, accumulate);
        memory.gemm(c, 0, a, 0, b, 0, shape, strides, accumulate);
        for (let r = 0; r < rows; r++) {
          for (let j = 0; j < columns; j++) {
            const at = r * strides.cRow + j;
            expect(Math.abs((c.data[at] as number) - (expected[at] as number))).toBeLessThan(1e-5);
          }
          // Padding columns between rows are never written.
          if (!accumulate)
            expect(c.data[r * strides.cRow + columns]).toBe(
              0.5 - ((r * strides.cRow + columns) % 3),
            );
        }
      });
    }
  }

  it('keeps slices valid after memory grows', () => {
    const memory = new ComputeMemory();
    const first = memory.allocate(4).fill(3);
    memory.allocate(10_000_000);
    expect([...first.data]).toEqual([3, 3, 3, 3]);
  });
});

describe('ComputeMemory row kernels', () => {
  for (const [offset, count] of [
    [0, 1],
    [1, 3],
    [5, 7],
    [3, 513],
  ] as const) {
    it(`softmax pieces over ${count} floats at offset ${offset}, leaving neighbours alone`, () => {
      const memory = new ComputeMemory();
      const row = memory.allocate(600);
      row.data.set(Array.from(row.data, (_, i) => 30 * Math.sin(1.3 * i)));
      const values = Array.from(row.data.subarray(offset, offset + count));
      const after = row.data[offset + count];
      const maximum = memory.rowMax(row, offset, count);
      expect(maximum).toBe(Math.max(...values));
      const exponentials = values.map((value) => Math.exp(0.35 * (value - maximum)));
      const sum = exponentials.reduce((total, value) => total + value, 0);
      expect(memory.expNormalize(row, offset, count, maximum, 0.35, 2) / sum).toBeCloseTo(1, 5);
      exponentials.forEach((value, index) => {
        const expected = (2 * value) / sum;
        expect(Math.abs((row.data[offset + index] as number) - expected)).toBeLessThanOrEqual(
          1e-5 * expected + 1e-37,
        );
      });
      expect(row.data[offset + count]).toBe(after);
    });
  }

  it('swiglu writes σ(gate) and gate·σ(gate)·up, tail included', () => {
    const memory = new ComputeMemory();
    const [gate, up, sigmoid, out] = [0, 1, 2, 3].map(() => memory.allocate(37));
    if (!gate || !up || !sigmoid || !out) throw new Error('allocation failed');
    gate.data.set(Array.from({ length: 37 }, (_, i) => 1.7 * (i - 18)));
    up.data.set(Array.from({ length: 37 }, (_, i) => Math.cos(i)));
    memory.swiglu(gate, up, sigmoid, out, 37);
    for (let i = 0; i < 37; i++) {
      const g = gate.data[i] as number;
      const s = 1 / (1 + Math.exp(-g));
      expect(sigmoid.data[i]).toBeCloseTo(s, 6);
      expect(out.data[i]).toBeCloseTo(g * s * (up.data[i] as number), 5);
    }
  });
});
