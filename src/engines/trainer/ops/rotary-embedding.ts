/**
 * Rotary position embedding in llama.cpp's "normal" layout: within each head, the pairs
 * (2i, 2i+1) turn by position · base^(−2i/headDim). Angles are tabulated once per position.
 */
export class RotaryEmbedding {
  private readonly cosines: Float32Array;
  private readonly sines: Float32Array;
  private readonly half: number;

  constructor(
    readonly headDim: number,
    readonly maximumPositions: number,
    frequencyBase: number,
  ) {
    this.half = headDim / 2;
    this.cosines = new Float32Array(maximumPositions * this.half);
    this.sines = new Float32Array(maximumPositions * this.half);
    const thetaScale = frequencyBase ** (-2 / headDim);
    for (let position = 0; position < maximumPositions; position++) {
      let theta = position;
      for (let i = 0; i < this.half; i++) {
        this.cosines[position * this.half + i] = Math.cos(theta);
        this.sines[position * this.half + i] = Math.sin(theta);
        theta *= thetaScale;
      }
    }
  }

  /** Rotates rows of `width` (= heads × headDim) in place; `inverse` undoes it (the backward). */
  apply(
    values: Float32Array,
    positions: Int32Array,
    rows: number,
    width: number,
    inverse: boolean,
  ): void {
    const { half, headDim } = this;
    const direction = inverse ? -1 : 1;
    for (let row = 0; row < rows; row++) {
      const angle = (positions[row] as number) * half;
      for (let head = 0; head < width; head += headDim) {
        const base = row * width + head;
        for (let i = 0; i < half; i++) {
          const cos = this.cosines[angle + i] as number;
          const sin = direction * (this.sines[angle + i] as number);
          const even = values[base + 2 * i] as number;
          const odd = values[base + 2 * i + 1] as number;
          values[base + 2 * i] = even * cos - odd * sin;
          values[base + 2 * i + 1] = even * sin + odd * cos;
        }
      }
    }
  }
}
