import type { LoadedTask } from '../task/loaded-task.js';
import { contextLimitOf, defaultContextModel } from './context-limits.js';
import type { DatasetFormat } from './dataset-format.js';
import { datasetProblem } from './dataset-problem.js';
import type { DatasetAnalysis } from './dataset-report.js';
import { detectFormat } from './detect-format.js';
import { guessOutputField } from './eval-case-rules.js';
import {
  belowPolicyMinimum,
  classificationDetected,
  inconsistentOutputFormat,
  isClassification,
  labelImbalance,
  lengthOutliers,
  tooFewExamples,
} from './file-wide-checks.js';
import { isPlainObject } from './message-content.js';
import type { MinHashIndexOptions } from './minhash-index.js';
import { findNearDuplicates } from './near-duplicate-finder.js';
import { ProblemSink } from './problem-sink.js';
import {
  type DatasetRecord,
  openDatasetRecords,
  type ReadRecordsOptions,
} from './read-dataset-records.js';
import { RowAnalyzer } from './row-analyzer.js';
import { createTaskChecks } from './task-checks.js';
import { charactersPerFour, createTokenCounter, type TokenizerName } from './token-counter.js';

export interface CheckDatasetOptions {
  /** Skip detection and read the rows as this format. */
  format?: DatasetFormat;
  /** The task whose checks every output must pass, whose policy sets the minimum. */
  task?: LoadedTask;
  /** The output column of eval-case rows (default: the task's, else guessed). */
  outputField?: string;
  /** Clean rows required (default: the task's policy, else 200). */
  minimumExamples?: number;
  /** Near-duplicate threshold on estimated Jaccard similarity (default 0.8). */
  similarity?: number;
  /** Look for near-duplicates (default true). */
  nearDuplicates?: boolean;
  /** Model whose training context limit applies (default openai:gpt-4o-mini). */
  contextModel?: string;
  /** Context limit in tokens; overrides the model's. */
  contextLimit?: number;
  /** Tokenizer for example lengths (default: characters ÷ 4). */
  tokenizer?: TokenizerName;
  /** Problems listed per code (all are counted). */
  maxListedPerCode?: number;
  minHash?: MinHashIndexOptions;
  read?: ReadRecordsOptions;
}

const detectionSample = 200;

/**
 * `data check`: streams the file once, validating every row against its format's rules and
 * the task's checks, then runs the file-wide checks (duplicates, near-duplicates, legacy
 * separators, labels, output formats, lengths, the policy minimum). Malformed rows are
 * reported with their line and never stop the check.
 */
export async function checkDataset(
  file: string,
  options: CheckDatasetOptions = {},
): Promise<DatasetAnalysis> {
  const opened = await openDatasetRecords(file, options.read);
  const sample: DatasetRecord[] = [];
  // Read ahead without `break`, which would close the stream: the rest follows below.
  while (sample.length < detectionSample) {
    const next = await opened.records.next();
    if (next.done) break;
    sample.push(next.value);
  }
  const values = sample.flatMap((record) => (record.kind === 'record' ? [record.value] : []));
  const format = options.format ?? detectFormat(values);
  const outputField = chooseOutputField(format, options, values, opened.columns());
  const sink = new ProblemSink(options.maxListedPerCode);
  const taskChecks = options.task
    ? await createTaskChecks(options.task)
    : { checks: [], skipped: [] };
  if (taskChecks.skipped.length > 0) {
    const message = `checks ${taskChecks.skipped.join(', ')} call a model and were not run on the data`;
    sink.add(datasetProblem('checks_skipped', message, { file }));
  }
  const contextModel = options.contextModel ?? defaultContextModel;
  const knownLimit = contextLimitOf(contextModel);
  const contextLimit = options.contextLimit ?? knownLimit ?? 65_536;
  const limitSource =
    options.contextLimit !== undefined
      ? 'custom'
      : knownLimit === undefined
        ? `${contextModel} (limit unknown: 65536 assumed; set --context-limit)`
        : contextModel;
  const lengthCounter = options.tokenizer
    ? await createTokenCounter(options.tokenizer)
    : charactersPerFour;
  const analyzer = new RowAnalyzer({
    file,
    format,
    outputField,
    sink,
    checks: taskChecks.checks,
    ...(options.task ? { checkOutputField: options.task.config.output.field } : {}),
    lengthCounter,
    exactCounter: () => createTokenCounter(lengthCounter.exact ? lengthCounter.name : 'o200k_base'),
    contextLimit,
    nearDuplicates: options.nearDuplicates ?? true,
    minHash: options.minHash ?? {},
    ...expectedRows(sample, opened.size),
  });
  for (const record of sample) await analyzer.add(record);
  for await (const record of opened.records) await analyzer.add(record);
  const similarity = options.similarity ?? 0.8;
  finishFileWide(analyzer, sink, file, similarity);
  const { facts } = analyzer;
  const columns = facts.columns();
  let clean = 0;
  for (const drop of columns.drops) if (drop === 0) clean += 1;
  const minimum = options.minimumExamples ?? options.task?.config.policy.minTrainExamples ?? 200;
  sink.addAll(tooFewExamples(clean, file));
  sink.addAll(belowPolicyMinimum(clean, minimum, file));
  const classification = isClassification(
    analyzer.labels.distinct,
    analyzer.labels.total,
    analyzer.labels.overflowed,
  );
  const labelTask = options.task?.config.output.kind === 'label';
  const distribution = analyzer.labels.overflowed ? undefined : analyzer.labels.distribution();
  if (distribution !== undefined && (classification || labelTask)) {
    if (classification && !labelTask)
      sink.addAll(classificationDetected(distribution, analyzer.labels.total, file));
    sink.addAll(labelImbalance(distribution, file));
  }
  const legacy = analyzer.legacy?.finish();
  if (legacy !== undefined) sink.addAll(legacy.problems);
  return {
    report: {
      file,
      format,
      container: opened.container,
      rows: facts.size,
      cleanRows: clean,
      minimumCleanRows: minimum,
      errors: sink.errors,
      warnings: sink.warnings,
      counts: sink.counts(),
      problems: sink.listed(),
      unlisted: sink.unlisted,
      ...(outputField !== undefined ? { outputField } : {}),
      taskType: classification || labelTask ? 'classification' : 'generation',
      ...(distribution !== undefined && (classification || labelTask)
        ? { labels: distribution }
        : {}),
      similarityThreshold: similarity,
      contextLimit: {
        tokens: contextLimit,
        model: limitSource,
      },
    },
    plan: {
      file,
      format,
      container: opened.container,
      outputField,
      columns: opened.columns(),
      drops: columns.drops,
      related: columns.related,
      lines: columns.lines,
      legacy: legacy?.decisions,
    },
  };
}

/** Exact duplicates, then near-duplicates among the rest, then output shapes and lengths. */
function finishFileWide(
  analyzer: RowAnalyzer,
  sink: ProblemSink,
  file: string,
  similarity: number,
): void {
  const { facts } = analyzer;
  for (const duplicate of analyzer.exact.find()) {
    const otherLine = facts.line(duplicate.of);
    const message = `duplicate of line ${otherLine}`;
    sink.add(
      datasetProblem('duplicate_row', message, { file, line: facts.line(duplicate.id), otherLine }),
    );
    facts.drop(duplicate.id, 'duplicate_row', otherLine);
  }
  for (const near of findNearDuplicates(analyzer.near, { threshold: similarity })) {
    if (facts.isDropped(near.id)) continue;
    const otherLine = facts.line(near.of);
    const keptLine = near.keep === undefined ? otherLine : facts.line(near.keep);
    const kept = keptLine === otherLine ? '' : `; line ${keptLine} is kept for the group`;
    const message = `near-duplicate of line ${otherLine} (estimated similarity ${near.similarity.toFixed(2)})${kept}`;
    sink.add(
      datasetProblem('near_duplicate', message, {
        file,
        line: facts.line(near.id),
        otherLine,
        similarity: near.similarity,
      }),
    );
    facts.drop(near.id, 'near_duplicate', otherLine);
  }
  const columns = facts.columns();
  sink.addAll(inconsistentOutputFormat(columns.kinds, columns.lines, columns.drops, file));
  sink.addAll(lengthOutliers(columns.tokens, columns.lines, columns.drops, file));
}

/** Rows the file holds, judged from the sample's line sizes (JSON Lines only), plus 5 %. */
function expectedRows(sample: readonly DatasetRecord[], size: number): { expectedRows?: number } {
  let bytes = 0;
  let counted = 0;
  for (const record of sample) {
    if (record.kind === 'record' && record.bytes > 0) {
      bytes += record.bytes + 1;
      counted += 1;
    }
  }
  if (counted < 50) return {};
  return { expectedRows: Math.ceil((size / (bytes / counted)) * 1.05) };
}

function chooseOutputField(
  format: DatasetFormat,
  options: CheckDatasetOptions,
  values: readonly unknown[],
  columns: string[] | undefined,
): string | undefined {
  if (format !== 'eval-cases') return undefined;
  if (options.outputField !== undefined) return options.outputField;
  if (options.task !== undefined) return options.task.config.output.field;
  const first = values.find(isPlainObject);
  return guessOutputField(columns ?? (first ? Object.keys(first) : []));
}
