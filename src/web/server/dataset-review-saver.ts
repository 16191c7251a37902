import { relative, sep } from 'node:path';
import { writeFileAtomically } from '../../core/datasets/atomic-file-writer.js';
import { openDatasetRecords } from '../../core/datasets/read-dataset-records.js';
import { RecordWriter } from '../../core/datasets/record-writer.js';
import type { LoadedTask } from '../../core/task/loaded-task.js';
import type { DatasetSaveResult, ReviewDecision } from '../api-contract.js';
import { fileVersion, readAllRecords } from './dataset-review-loader.js';
import { type LineageRecord, lineagePathOf, readLineage } from './lineage-file.js';
import { badRequest, WebHttpError } from './web-http-error.js';

export interface SaveReviewOptions {
  task: LoadedTask;
  file: string;
  version: string;
  decisions: readonly ReviewDecision[];
  reviewer: string;
  now: () => Date;
}

/**
 * Applies review decisions to a dataset file: rejected rows leave, edited rows are replaced,
 * the rest keep their exact text. The file is replaced atomically, and only if nobody changed
 * it since it was loaded. The lineage file is rewritten line for line with who reviewed what.
 */
export async function saveDatasetReview(options: SaveReviewOptions): Promise<DatasetSaveResult> {
  const { file } = options;
  if ((await fileVersion(file)) !== options.version) {
    throw new WebHttpError(
      409,
      'conflict',
      'the file changed since it was loaded: reload it and review again',
    );
  }
  const decisions = new Map<number, ReviewDecision>();
  for (const decision of options.decisions) decisions.set(decision.index, decision);
  const { container, columns, records } = await readAllRecords(file);
  for (const index of decisions.keys()) {
    if (index >= records.length) throw badRequest(`no row ${index} in the file`);
  }
  const lineage = await readLineage(file);
  const reviewedAt = options.now().toISOString();
  const reviewed = (review: 'accepted' | 'edited') => ({
    review,
    reviewedBy: options.reviewer,
    reviewedAt,
  });
  // Every decision is checked before the first byte is written.
  const output: { value: unknown; raw: string | undefined; origin: LineageRecord }[] = [];
  const counts = { removed: 0, edited: 0, accepted: 0 };
  for (const record of records) {
    const decision = decisions.get(record.index);
    if (decision?.action === 'reject') {
      counts.removed++;
      continue;
    }
    const { line: _line, ...known } = lineage.get(record.line) ?? { line: 0 };
    const origin: LineageRecord = { line: 0, ...known };
    if (decision?.action === 'edit') {
      if (decision.value === undefined)
        throw badRequest(`the edit of row ${record.index} has no value`);
      if (container === 'csv' && !isPlainObject(decision.value)) {
        throw badRequest(`row ${record.index}: a CSV row must be an object of column values`);
      }
      counts.edited++;
      output.push({
        value: decision.value,
        raw: undefined,
        origin: { ...origin, ...reviewed('edited') },
      });
    } else if (record.kind === 'problem') {
      throw badRequest(
        `line ${record.line} cannot be read (${record.problem.message}): reject it or edit it`,
      );
    } else {
      const accepted = decision?.action === 'accept';
      if (accepted) counts.accepted++;
      output.push({
        value: record.value,
        raw: record.raw,
        origin: accepted ? { ...origin, ...reviewed('accepted') } : origin,
      });
    }
  }
  const writer = await RecordWriter.open(file, container, columns);
  try {
    for (const row of output) await writer.write(row.value, row.raw);
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  const kept = output.map((row) => row.origin);
  await rewriteLineage(file, kept, lineage.size > 0 || counts.accepted + counts.edited > 0);
  return {
    file: relative(options.task.directory, file).split(sep).join('/'),
    version: await fileVersion(file),
    written: kept.length,
    ...counts,
  };
}

/** Lines in the new file are read back from it, so the lineage matches whatever the writer did. */
async function rewriteLineage(file: string, kept: LineageRecord[], wanted: boolean): Promise<void> {
  if (!wanted) return;
  const opened = await openDatasetRecords(file);
  let position = 0;
  for await (const record of opened.records) {
    const entry = kept[position++];
    if (entry) entry.line = record.line;
  }
  const text = kept.map((entry) => `${JSON.stringify(entry)}\n`).join('');
  await writeFileAtomically(lineagePathOf(file), text);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
