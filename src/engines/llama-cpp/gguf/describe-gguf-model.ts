import { type GgufFileInfo, ggufScalar } from './gguf-reader.js';

export interface GgufModelFacts {
  architecture: string | undefined;
  name: string | undefined;
  parameterCount: number;
  contextLength: number | undefined;
  tensorCount: number;
}

/** The facts `tunegate models list` shows, taken from the header alone. */
export function describeGgufModel(info: GgufFileInfo): GgufModelFacts {
  const architecture = ggufScalar(info, 'general.architecture');
  const name = ggufScalar(info, 'general.name');
  const contextLength =
    typeof architecture === 'string'
      ? ggufScalar(info, `${architecture}.context_length`)
      : undefined;
  return {
    architecture: typeof architecture === 'string' ? architecture : undefined,
    name: typeof name === 'string' ? name : undefined,
    parameterCount: info.tensors.reduce(
      (sum, tensor) => sum + tensor.shape.reduce((product, dimension) => product * dimension, 1),
      0,
    ),
    contextLength: contextLength === undefined ? undefined : Number(contextLength),
    tensorCount: info.tensors.length,
  };
}
