export { buildDemoModel, type DemoBuildEvent, type DemoModelBuild } from './build-demo-model.js';
export { collectWords, demoWordList, generateDemoCorpus } from './demo-corpus.js';
export { demoModelFileName, demoModelPath } from './demo-model-path.js';
export { type DemoModelRecipe, demoModelRecipe } from './demo-model-recipe.js';
export {
  generatePatternDocument,
  type PatternExample,
  type PatternTask,
  patternExample,
  patternTasks,
} from './pattern-document.js';
export { PieceTokenizer } from './piece-tokenizer.js';
export type { PieceVocabulary } from './piece-vocabulary.js';
export { readPieceVocabulary } from './read-piece-vocabulary.js';
export { sampleDemoModel } from './sample-demo-model.js';
export { generateStory } from './story-generator.js';
