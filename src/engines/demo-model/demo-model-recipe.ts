import type { DemoModelShape } from './demo-model-shape.js';

/** Everything that decides the demo model's weights; the build is a pure function of it. */
export interface DemoModelRecipe {
  seed: number;
  corpus: {
    trainDocuments: number;
    validationDocuments: number;
    /** Share of documents that are "Input:/Output:" pattern text. */
    patternShare: number;
  };
  /** Upper bound; BPE stops earlier once every word of the corpus is one piece. */
  vocabularySize: number;
  shape: DemoModelShape;
  training: {
    batchSize: number;
    sequenceLength: number;
    learningRate: number;
    warmupRatio: number;
    minimumLearningRateRatio: number;
    weightDecay: number;
  };
}

/** The committed model's recipe (see models/README.md for what it produced). */
export const demoModelRecipe: DemoModelRecipe = {
  seed: 20_240_501,
  corpus: { trainDocuments: 24_000, validationDocuments: 400, patternShare: 0.1 },
  vocabularySize: 2048,
  shape: {
    dim: 96,
    hiddenDim: 256,
    layerCount: 4,
    headCount: 4,
    kvHeadCount: 4,
    contextLength: 256,
  },
  training: {
    batchSize: 4,
    sequenceLength: 224,
    learningRate: 3e-3,
    warmupRatio: 0.03,
    minimumLearningRateRatio: 0.1,
    weightDecay: 0.1,
  },
};
