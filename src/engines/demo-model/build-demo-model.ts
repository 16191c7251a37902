import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { trainModel } from '../trainer/train-model.js';
import type { TrainingEvent, TrainingResult } from '../trainer/training-events.js';
import { generateDemoCorpus } from './demo-corpus.js';
import type { DemoModelRecipe } from './demo-model-recipe.js';
import { PieceTokenizer } from './piece-tokenizer.js';
import { trainPieceVocabulary } from './train-piece-vocabulary.js';
import { writeInitialModel } from './write-initial-model.js';

/** general.name of the model, and the trainer's output name. */
export const demoModelName = 'tunegate-demo-stories';

export type DemoBuildEvent =
  | { type: 'stage'; message: string }
  | { type: 'training'; event: TrainingEvent };

export interface CorpusFacts {
  trainDocuments: number;
  patternDocuments: number;
  validationDocuments: number;
  trainCharacters: number;
  /** Tokens of the training documents with the trained vocabulary (<s> and </s> excluded). */
  trainTokens: number;
  charactersPerToken: number;
  /** The same with characters only (no merges): what a byte-level vocabulary would need. */
  characterLevelCharactersPerToken: number;
  longestDocumentTokens: number;
}

export interface DemoModelBuild {
  outputPath: string;
  bytes: number;
  parameters: number;
  vocabularySize: number;
  corpus: CorpusFacts;
  training: TrainingResult;
  /** Mean training loss over consecutive windows of steps. */
  lossCurve: { step: number; loss: number }[];
  wallSeconds: number;
}

function corpusFacts(
  train: readonly string[],
  validation: readonly string[],
  tokenizer: PieceTokenizer,
  characterTokenizer: PieceTokenizer,
): CorpusFacts {
  let trainCharacters = 0;
  let trainTokens = 0;
  let characterTokens = 0;
  let longest = 0;
  for (const document of train) {
    const tokens = tokenizer.encode(document).length;
    trainCharacters += document.length;
    trainTokens += tokens;
    longest = Math.max(longest, tokens + 2);
  }
  for (const document of train.slice(0, 1000)) {
    characterTokens += characterTokenizer.encode(document).length;
  }
  const sampleCharacters = train.slice(0, 1000).reduce((sum, text) => sum + text.length, 0);
  return {
    trainDocuments: train.length,
    patternDocuments: train.filter((text) => !text.startsWith('Once upon a time')).length,
    validationDocuments: validation.length,
    trainCharacters,
    trainTokens,
    charactersPerToken: trainCharacters / trainTokens,
    characterLevelCharactersPerToken: sampleCharacters / characterTokens,
    longestDocumentTokens: longest,
  };
}

function windowedLoss(
  losses: readonly number[],
  windows: number,
): { step: number; loss: number }[] {
  const size = Math.max(1, Math.ceil(losses.length / windows));
  const curve: { step: number; loss: number }[] = [];
  for (let start = 0; start < losses.length; start += size) {
    const slice = losses.slice(start, start + size);
    curve.push({
      step: start + slice.length,
      loss: slice.reduce((sum, loss) => sum + loss, 0) / slice.length,
    });
  }
  return curve;
}

async function writeJsonl(path: string, documents: readonly string[]): Promise<void> {
  await writeFile(path, `${documents.map((text) => JSON.stringify({ text })).join('\n')}\n`);
}

/**
 * Builds the demo base model from nothing: generates the story corpus, trains its piece
 * vocabulary, writes a randomly initialised llama GGUF, pretrains it with the CPU trainer (full
 * finetune from the random weights, one pass over the corpus) and copies the result to
 * `outputPath`. Every step is seeded from the recipe.
 */
export async function buildDemoModel(
  recipe: DemoModelRecipe,
  paths: { outputPath: string; workDirectory: string },
  onEvent: (event: DemoBuildEvent) => void = () => undefined,
): Promise<DemoModelBuild> {
  const started = performance.now();
  const { corpus } = recipe;
  onEvent({ type: 'stage', message: 'generating the story corpus' });
  const train = generateDemoCorpus({
    seed: recipe.seed,
    documents: corpus.trainDocuments,
    patternShare: corpus.patternShare,
  });
  const seen = new Set(train);
  const validation = generateDemoCorpus({
    seed: recipe.seed + 1,
    documents: corpus.validationDocuments,
    patternShare: corpus.patternShare,
  }).filter((text) => !seen.has(text));
  onEvent({ type: 'stage', message: 'training the piece vocabulary' });
  const vocabulary = trainPieceVocabulary(train, { size: recipe.vocabularySize });
  const facts = corpusFacts(
    train,
    validation,
    new PieceTokenizer(vocabulary),
    new PieceTokenizer(trainPieceVocabulary(train.slice(0, 1000), { size: 0 })),
  );
  await mkdir(paths.workDirectory, { recursive: true });
  const initialPath = join(paths.workDirectory, 'initial.gguf');
  const initial = await writeInitialModel(initialPath, {
    shape: recipe.shape,
    vocabulary,
    seed: recipe.seed,
    name: demoModelName,
    general: {
      license: 'MIT',
      description:
        "tunegate's demo base model: a small llama pretrained from random weights on procedurally generated simple stories",
    },
  });
  const trainFile = join(paths.workDirectory, 'train.jsonl');
  const validationFile = join(paths.workDirectory, 'validation.jsonl');
  await writeJsonl(trainFile, train);
  await writeJsonl(validationFile, validation);
  onEvent({ type: 'stage', message: 'pretraining from random weights' });
  const losses: number[] = [];
  const training = await trainModel(
    {
      modelPath: initialPath,
      trainFile,
      validationFile,
      outputDirectory: paths.workDirectory,
      outputName: demoModelName,
      method: { type: 'full' },
      epochs: 1,
      batchSize: recipe.training.batchSize,
      sequenceLength: recipe.training.sequenceLength,
      packing: true,
      learningRate: recipe.training.learningRate,
      warmupRatio: recipe.training.warmupRatio,
      decay: 'cosine',
      minimumLearningRateRatio: recipe.training.minimumLearningRateRatio,
      weightDecay: recipe.training.weightDecay,
      beta2: 0.99,
      seed: recipe.seed,
      checkpoints: false,
    },
    {
      onProgress: (event) => {
        if (event.type === 'step') losses.push(event.loss);
        onEvent({ type: 'training', event });
      },
    },
  );
  await mkdir(dirname(paths.outputPath), { recursive: true });
  await copyFile(training.outputPath, paths.outputPath);
  const { size: bytes } = await stat(paths.outputPath);
  return {
    outputPath: paths.outputPath,
    bytes,
    parameters: initial.parameters,
    vocabularySize: vocabulary.pieces.length,
    corpus: facts,
    training,
    lossCurve: windowedLoss(losses, 20),
    wallSeconds: (performance.now() - started) / 1000,
  };
}
