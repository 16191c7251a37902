import type { DatasetFormat } from './dataset-format.js';
import { detectFormat } from './detect-format.js';
import { guessOutputField } from './eval-case-rules.js';
import type { ExampleView } from './example-view.js';
import { isPlainObject } from './message-content.js';
import { problemCatalog } from './problem-catalog.js';
import {
  type DatasetRecord,
  type OpenedDataset,
  openDatasetRecords,
  type ReadRecordsOptions,
} from './read-dataset-records.js';
import { rowRules } from './row-rules.js';

export interface ViewOptions {
  format?: DatasetFormat;
  outputField?: string;
  read?: ReadRecordsOptions;
}

export interface ViewedRecord {
  record: DatasetRecord;
  /** The row's view; absent when the row is unreadable or its format rules drop it. */
  view: ExampleView | undefined;
  value: Record<string, unknown> | undefined;
}

export interface ViewedDataset {
  opened: OpenedDataset;
  format: DatasetFormat;
  outputField: string | undefined;
  rows: AsyncGenerator<ViewedRecord>;
}

/**
 * Streams a file's rows with their views, for the commands that need the texts but not a
 * full check (split, leakage, stats, export). The format is detected from the first rows.
 */
export async function openDatasetViews(
  file: string,
  options: ViewOptions = {},
): Promise<ViewedDataset> {
  const opened = await openDatasetRecords(file, options.read);
  const sample: DatasetRecord[] = [];
  while (sample.length < 200) {
    const next = await opened.records.next();
    if (next.done) break;
    sample.push(next.value);
  }
  const values = sample.flatMap((record) => (record.kind === 'record' ? [record.value] : []));
  const format = options.format ?? detectFormat(values);
  const first = values.find(isPlainObject);
  const outputField =
    format === 'eval-cases'
      ? (options.outputField ??
        guessOutputField(opened.columns() ?? (first ? Object.keys(first) : [])))
      : undefined;
  const view = (record: DatasetRecord): ViewedRecord => {
    if (record.kind !== 'record' || !isPlainObject(record.value))
      return { record, view: undefined, value: undefined };
    const result = rowRules[format](record.value, { file, line: record.line, outputField });
    const usable = result.problems.every((problem) => problemCatalog[problem.code].fix !== 'drop');
    return { record, view: usable ? result.view : undefined, value: record.value };
  };
  async function* rows(): AsyncGenerator<ViewedRecord> {
    for (const record of sample) yield view(record);
    for await (const record of opened.records) yield view(record);
  }
  return { opened, format, outputField, rows: rows() };
}
