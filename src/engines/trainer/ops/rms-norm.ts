/**
 * y = x / rms(x) · gain per row of `width`; `inverseRms[row]` is kept for the backward pass.
 * Sums run in float64 so the result does not depend on row width rounding.
 */
export function rmsNormForward(
  x: Float32Array,
  gain: Float32Array,
  y: Float32Array,
  inverseRms: Float32Array,
  rows: number,
  width: number,
  epsilon: number,
): void {
  for (let row = 0; row < rows; row++) {
    const base = row * width;
    let sum = 0;
    for (let i = 0; i < width; i++) {
      const value = x[base + i] as number;
      sum += value * value;
    }
    const inverse = 1 / Math.sqrt(sum / width + epsilon);
    inverseRms[row] = inverse;
    for (let i = 0; i < width; i++) {
      y[base + i] = (x[base + i] as number) * inverse * (gain[i] as number);
    }
  }
}

/**
 * dx (+)= r·g⊙dy − x·r³/width·Σ(g⊙dy⊙x), with r the kept inverse rms; gain gradient optional.
 */
export function rmsNormBackward(
  x: Float32Array,
  gain: Float32Array,
  inverseRms: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  gainGradient: Float32Array | undefined,
  rows: number,
  width: number,
  accumulate: boolean,
): void {
  for (let row = 0; row < rows; row++) {
    const base = row * width;
    const inverse = inverseRms[row] as number;
    let dot = 0;
    for (let i = 0; i < width; i++) {
      dot += (dy[base + i] as number) * (gain[i] as number) * (x[base + i] as number);
    }
    const correction = (dot * inverse * inverse * inverse) / width;
    for (let i = 0; i < width; i++) {
      const value =
        inverse * (dy[base + i] as number) * (gain[i] as number) -
        (x[base + i] as number) * correction;
      dx[base + i] = accumulate ? (dx[base + i] as number) + value : value;
    }
    if (gainGradient) {
      for (let i = 0; i < width; i++) {
        gainGradient[i] =
          (gainGradient[i] as number) +
          (dy[base + i] as number) * (x[base + i] as number) * inverse;
      }
    }
  }
}
