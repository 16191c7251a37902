/** One file of a registry model, pinned by its sha256 so a mirror cannot swap it. */
export interface RegistryFile {
  fileName: string;
  url: string;
  sha256: string;
  bytes: number;
}

export interface RegistryModel {
  name: string;
  description: string;
  license: string;
  /** How the downloaded files become a GGUF. */
  format: 'llama2c';
  files: { checkpoint: RegistryFile; tokenizer: RegistryFile };
}

const tinyllamas = 'https://huggingface.co/karpathy/tinyllamas/resolve/main';

/** Small models tunegate can fetch by name; anything else is imported from local files. */
export const modelRegistry: readonly RegistryModel[] = [
  {
    name: 'stories260K',
    description: "Karpathy's 260K-parameter TinyStories llama (llama2.c), for fast local tests",
    license: 'MIT',
    format: 'llama2c',
    files: {
      checkpoint: {
        fileName: 'stories260K.bin',
        url: `${tinyllamas}/stories260K/stories260K.bin`,
        sha256: 'b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696',
        bytes: 1_056_540,
      },
      tokenizer: {
        fileName: 'tok512.bin',
        url: `${tinyllamas}/stories260K/tok512.bin`,
        sha256: '037cb335abb25d1fa9e8ecae30ed2a3a8ace9302862ebcdc05d51a6bbb10c312',
        bytes: 6227,
      },
    },
  },
];

export function findRegistryModel(
  name: string,
  registry: readonly RegistryModel[] = modelRegistry,
): RegistryModel | undefined {
  return registry.find((model) => model.name === name);
}
