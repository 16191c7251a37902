import { type DatasetProblem, datasetProblem } from './dataset-problem.js';
import type { FixPlan } from './dataset-report.js';
import { openDatasetViews, type ViewOptions } from './dataset-views.js';
import { MinHashIndex, type MinHashIndexOptions } from './minhash-index.js';
import { findCrossMatches } from './near-duplicate-finder.js';
import { problemCodeNumber } from './problem-catalog.js';
import { ProblemSink } from './problem-sink.js';
import { fingerprint } from './string-hash.js';

export interface LeakageOptions extends ViewOptions {
  /** Format and output field of the eval file, when they differ from the training file's. */
  against?: ViewOptions;
  /** Estimated similarity at or above which an input counts as leaked (default 0.8). */
  similarity?: number;
  minHash?: MinHashIndexOptions;
  maxListedPerCode?: number;
  /** How messages name the eval file (default: its path as given). */
  againstName?: string;
}

export interface LeakageReport {
  file: string;
  against: string;
  rows: number;
  evalRows: number;
  exact: number;
  near: number;
  problems: DatasetProblem[];
  unlisted: number;
  similarityThreshold: number;
  /** A plan that drops the leaking rows, for writing a clean copy with `fixDataset`. */
  plan: FixPlan;
}

/** Lower case, whitespace collapsed: two inputs differing only so are the same input. */
export function normalizeForMatch(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Training rows whose input also appears in the eval set: exactly (after normalising case
 * and whitespace) or nearly (estimated Jaccard of word shingles at or above the threshold).
 * Inputs are compared, not whole rows, so a chat row leaks an eval case that has the same
 * question even when the files have different formats.
 */
export async function findLeakage(
  file: string,
  against: string,
  options: LeakageOptions = {},
): Promise<LeakageReport> {
  const threshold = options.similarity ?? 0.8;
  const evalName = options.againstName ?? against;
  const index = new MinHashIndex(options.minHash);
  const exact = new Map<string, number>();
  const evalLines: number[] = [];
  const evaluated = await openDatasetViews(against, options.against ?? {});
  for await (const { record, view } of evaluated.rows) {
    if (view === undefined || view.input.trim() === '') continue;
    const key = fingerprint(normalizeForMatch(view.input)).join(':');
    if (!exact.has(key)) exact.set(key, record.line);
    index.add(evalLines.length, view.input);
    evalLines.push(record.line);
  }
  const boundary = index.size;
  const sink = new ProblemSink(options.maxListedPerCode);
  const training = await openDatasetViews(file, options);
  const lines: number[] = [];
  const drops: number[] = [];
  const related: number[] = [];
  let exactCount = 0;
  for await (const { record, view } of training.rows) {
    lines[record.index] = record.line;
    drops[record.index] = 0;
    related[record.index] = 0;
    if (view === undefined || view.input.trim() === '') continue;
    const evalLine = exact.get(fingerprint(normalizeForMatch(view.input)).join(':'));
    if (evalLine !== undefined) {
      exactCount += 1;
      drops[record.index] = problemCodeNumber('leaked_example');
      related[record.index] = evalLine;
      const message = `the input appears in the eval set (${evalName} line ${evalLine})`;
      sink.add(
        datasetProblem('leaked_example', message, {
          file,
          line: record.line,
          otherFile: against,
          otherLine: evalLine,
          similarity: 1,
        }),
      );
      continue;
    }
    index.add(record.index, view.input);
  }
  let nearCount = 0;
  for (const match of findCrossMatches(index, boundary, { threshold })) {
    const evalLine = evalLines[match.of] as number;
    nearCount += 1;
    drops[match.id] = problemCodeNumber('leaked_example');
    related[match.id] = evalLine;
    const message = `the input is a near-duplicate of ${evalName} line ${evalLine} (estimated similarity ${match.similarity.toFixed(2)})`;
    sink.add(
      datasetProblem('leaked_example', message, {
        file,
        line: lines[match.id],
        otherFile: against,
        otherLine: evalLine,
        similarity: match.similarity,
      }),
    );
  }
  return {
    file,
    against,
    rows: lines.length,
    evalRows: evalLines.length,
    exact: exactCount,
    near: nearCount,
    problems: sink.listed(),
    unlisted: sink.unlisted,
    similarityThreshold: threshold,
    plan: {
      file,
      format: training.format,
      container: training.opened.container,
      outputField: training.outputField,
      columns: training.opened.columns(),
      drops: Uint8Array.from(drops),
      related: Uint32Array.from(related),
      lines: Uint32Array.from(lines),
      legacy: undefined,
    },
  };
}
