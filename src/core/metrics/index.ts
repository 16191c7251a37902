export {
  type RandomSource,
  randomIndex,
  sampleIndices,
  seededRandom,
} from '../random/seeded-random.js';
export { compressionRatio } from './compression-ratio.js';
export { distinctN, distinctNOfLevel, distinctNs } from './distinct-n.js';
export {
  acrossInputDiversity,
  type DiversityOptions,
  type DiversityReport,
  diversityReport,
  type WithinInputDiversity,
  withinInputDiversity,
} from './diversity-report.js';
export { embeddingDiversity, measureEmbeddingDiversity } from './embedding-diversity.js';
export { formatValidity } from './format-validity.js';
export { mcnemarExact } from './mcnemar-exact.js';
export { modalAgreement } from './modal-agreement.js';
export { ngramDiversity, ngramDiversityOfCorpus } from './ngram-diversity.js';
export {
  buildNgramLevels,
  buildTokenCorpus,
  type NgramLevel,
  ngramTotal,
  type TokenCorpus,
} from './ngram-levels.js';
export { canonicalJson, type NormalizeOutputOptions, normalizeOutput } from './normalize-output.js';
export { PairInterner } from './pair-interner.js';
export {
  type PairedBootstrapInterval,
  type PairedBootstrapOptions,
  pairedBootstrap,
} from './paired-bootstrap.js';
export { passAtK, passHatK } from './pass-at-k.js';
export { allChecksPass, type PassRate, passRate } from './pass-rate.js';
export {
  type LatencySummary,
  latencySummary,
  percentile,
  percentileOfSorted,
} from './percentile.js';
export {
  SELF_BLEU_DEFAULT_CAP,
  type SelfBleuOptions,
  type SelfBleuResult,
  selfBleu,
  selfBleuOfLevels,
} from './self-bleu.js';
export { tokenizeWords } from './tokenize-words.js';
export { type RateInterval, wilsonInterval, Z_95 } from './wilson-interval.js';
