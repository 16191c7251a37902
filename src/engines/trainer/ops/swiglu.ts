/** out = silu(gate) ⊙ up, with silu(g) = g·σ(g); σ(g) is kept for the backward pass. */
export function swigluForward(
  gate: Float32Array,
  up: Float32Array,
  sigmoid: Float32Array,
  out: Float32Array,
  length: number,
): void {
  for (let i = 0; i < length; i++) {
    const g = gate[i] as number;
    const s = 1 / (1 + Math.exp(-g));
    sigmoid[i] = s;
    out[i] = g * s * (up[i] as number);
  }
}

/** dGate = dOut·up·σ(g)(1 + g(1 − σ(g))), dUp = dOut·silu(g). */
export function swigluBackward(
  gate: Float32Array,
  up: Float32Array,
  sigmoid: Float32Array,
  dOut: Float32Array,
  dGate: Float32Array,
  dUp: Float32Array,
  length: number,
): void {
  for (let i = 0; i < length; i++) {
    const g = gate[i] as number;
    const s = sigmoid[i] as number;
    const d = dOut[i] as number;
    dGate[i] = d * (up[i] as number) * s * (1 + g * (1 - s));
    dUp[i] = d * g * s;
  }
}
