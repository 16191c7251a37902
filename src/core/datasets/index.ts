export { type CheckDatasetOptions, checkDataset } from './check-dataset.js';
export { contextLimitOf, defaultContextModel, trainingContextLimits } from './context-limits.js';
export {
  type DatasetContainer,
  type DatasetFormat,
  datasetFormats,
  formatDescriptions,
  isDatasetFormat,
} from './dataset-format.js';
export { type DatasetProblem, datasetProblem } from './dataset-problem.js';
export type { DatasetAnalysis, DatasetReport, FixPlan } from './dataset-report.js';
export { type DatasetStats, datasetStats, type StatsOptions } from './dataset-stats.js';
export { openDatasetViews, type ViewedDataset, type ViewOptions } from './dataset-views.js';
export { detectFormat, formatOfRecord } from './detect-format.js';
export {
  type EngineExporter,
  type ExportEngine,
  exportEngines,
  isExportEngine,
} from './engine-exporter.js';
export {
  chooseEpochs,
  defaultEpochRule,
  type EpochRule,
  type JobEpochs,
  jobEpochs,
} from './epoch-rule.js';
export { ExactDuplicateFinder } from './exact-duplicate-finder.js';
export type { ExampleView } from './example-view.js';
export {
  type ExportOptions,
  type ExportResult,
  exportDataset,
  exporters,
} from './export-dataset.js';
export { findLeakage, type LeakageOptions, type LeakageReport } from './find-leakage.js';
export { type FixLogEntry, type FixOptions, type FixResult, fixDataset } from './fix-dataset.js';
export {
  type ImportedRow,
  type ImportFromRunOptions,
  type ImportSummary,
  importFromRun,
  type Lineage,
} from './import-from-run.js';
export { MinHashIndex, type MinHashIndexOptions } from './minhash-index.js';
export { MinHasher, type MinHashOptions } from './minhasher.js';
export {
  findCrossMatches,
  findNearDuplicates,
  type NearDuplicate,
} from './near-duplicate-finder.js';
export {
  type DatasetProblemCode,
  type FixAction,
  problemCatalog,
  problemCodes,
} from './problem-catalog.js';
export {
  type DatasetRecord,
  type OpenedDataset,
  openDatasetRecords,
  type ReadRecordsOptions,
} from './read-dataset-records.js';
export { type SplitName, type SplitRatios, splitCounts } from './split-assignment.js';
export {
  defaultRatios,
  type SplitOptions,
  type SplitResult,
  splitDataset,
} from './split-dataset.js';
export {
  openTrainingTokenCounter,
  tiktokenTrainingCounter,
} from './tiktoken-training-counter.js';
export {
  createTokenCounter,
  type TokenCounter,
  type TokenizerName,
  tokenizerNames,
} from './token-counter.js';
export {
  estimateTraining,
  type GivenEpochs,
  type TrainingEstimate,
  type TrainingEstimateOptions,
} from './training-estimate.js';
export {
  countTrainingTokens,
  countUploadTokens,
  describeTrainingTokens,
  type TrainingTokenCount,
} from './training-token-count.js';
export { type UploadRows, uploadRows } from './upload-rows.js';
