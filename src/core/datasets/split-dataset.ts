import { join } from 'node:path';
import { seededRandom } from '../random/seeded-random.js';
import type { DatasetContainer, DatasetFormat } from './dataset-format.js';
import { openDatasetViews, type ViewOptions } from './dataset-views.js';
import { isClassification } from './file-wide-checks.js';
import { LabelCounter } from './label-counter.js';
import { openDatasetRecords } from './read-dataset-records.js';
import { RecordWriter } from './record-writer.js';
import {
  assignSplits,
  type SplitName,
  type SplitRatios,
  splitNames,
  unassigned,
} from './split-assignment.js';

export interface SplitOptions extends ViewOptions {
  ratios?: SplitRatios;
  seed?: number;
  /** Stratify by label: `auto` (default) does so when the outputs look like labels. */
  stratify?: boolean | 'auto';
}

export interface SplitResult {
  format: DatasetFormat;
  files: Record<SplitName, string>;
  counts: Record<SplitName, number>;
  stratified: boolean;
  /** Rows left out because they could not be read or used. */
  skipped: number;
  /** Per label, rows in each split (stratified splits only). */
  labels?: { label: string; counts: Record<SplitName, number> }[];
}

export const defaultRatios: SplitRatios = { train: 0.8, validation: 0.1, eval: 0.1 };

const extensions: Record<DatasetContainer, string> = {
  jsonl: '.jsonl',
  'json-array': '.json',
  csv: '.csv',
};

/**
 * Splits a file into train, validation and eval files in `directory` (same format as the
 * input), reproducibly from `seed`. Stratified by label where the outputs are labels, so
 * every label keeps its share in every split. Two passes: labels first, then the rows.
 */
export async function splitDataset(
  file: string,
  directory: string,
  options: SplitOptions = {},
): Promise<SplitResult> {
  const ratios = options.ratios ?? defaultRatios;
  const viewed = await openDatasetViews(file, options);
  const labelOf: number[] = [];
  const counter = new LabelCounter();
  let skipped = 0;
  for await (const { record, view } of viewed.rows) {
    if (view === undefined) {
      labelOf[record.index] = -2;
      skipped += 1;
    } else labelOf[record.index] = view.output === undefined ? -1 : counter.add(view.output.trim());
  }
  const stratified =
    options.stratify === true ||
    (options.stratify !== false &&
      isClassification(counter.distinct, counter.total, counter.overflowed)) ||
    (options.stratify !== false && viewed.outputField !== undefined && !counter.overflowed);
  const groups = new Map<number, number[]>();
  labelOf.forEach((label, row) => {
    if (label === -2) return;
    const key = stratified ? label : 0;
    const group = groups.get(key) ?? [];
    group.push(row);
    groups.set(key, group);
  });
  const ordered = [...groups.entries()]
    .sort(([left], [right]) => left - right)
    .map(([, rows]) => rows);
  const assignment = assignSplits(ordered, labelOf.length, ratios, seededRandom(options.seed ?? 0));

  const opened = await openDatasetRecords(file, options.read);
  const extension = extensions[opened.container];
  const files = Object.fromEntries(
    splitNames.map((name) => [name, join(directory, `${name}${extension}`)]),
  ) as Record<SplitName, string>;
  const counts: Record<SplitName, number> = { train: 0, validation: 0, eval: 0 };
  const writers: RecordWriter[] = [];
  try {
    let columns: string[] | undefined;
    for await (const record of opened.records) {
      const split = assignment[record.index] ?? unassigned;
      if (split === unassigned || record.kind !== 'record') continue;
      if (writers.length === 0) {
        columns = opened.columns();
        for (const name of splitNames)
          writers.push(await RecordWriter.open(files[name], opened.container, columns));
      }
      await writers[split]?.write(record.value, record.raw);
      counts[splitNames[split] as SplitName] += 1;
    }
    if (writers.length === 0) {
      for (const name of splitNames)
        writers.push(await RecordWriter.open(files[name], opened.container, opened.columns()));
    }
    for (const writer of writers) await writer.close();
  } catch (error) {
    for (const writer of writers) await writer.abort();
    throw error;
  }
  const result: SplitResult = { format: viewed.format, files, counts, stratified, skipped };
  if (stratified && !counter.overflowed)
    result.labels = labelCounts(counter.labels(), labelOf, assignment);
  return result;
}

function labelCounts(
  labels: string[],
  labelOf: number[],
  assignment: Uint8Array,
): NonNullable<SplitResult['labels']> {
  const counts = labels.map((label) => ({ label, counts: { train: 0, validation: 0, eval: 0 } }));
  labelOf.forEach((label, row) => {
    const entry = counts[label];
    const split = assignment[row] ?? unassigned;
    if (entry !== undefined && split !== unassigned)
      entry.counts[splitNames[split] as SplitName] += 1;
  });
  return counts;
}
