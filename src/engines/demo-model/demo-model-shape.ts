/** The architecture of the demo model (llama: RMSNorm, rotary positions, SwiGLU). */
export interface DemoModelShape {
  dim: number;
  hiddenDim: number;
  layerCount: number;
  headCount: number;
  kvHeadCount: number;
  contextLength: number;
}

/** Parameters of a llama with this shape and vocabulary (untied classifier included). */
export function demoModelParameterCount(shape: DemoModelShape, vocabularySize: number): number {
  const { dim, hiddenDim, layerCount, headCount, kvHeadCount } = shape;
  const kvDim = (dim / headCount) * kvHeadCount;
  const perLayer = 2 * dim * dim + 2 * dim * kvDim + 3 * dim * hiddenDim + 2 * dim;
  return layerCount * perLayer + 2 * vocabularySize * dim + dim;
}
