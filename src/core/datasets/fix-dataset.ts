import { resolve } from 'node:path';
import { TunegateError } from '../../spec/tunegate-error.js';
import { AtomicFileWriter } from './atomic-file-writer.js';
import type { FixPlan } from './dataset-report.js';
import { isPlainObject } from './message-content.js';
import { type DatasetProblemCode, problemCodeOfNumber } from './problem-catalog.js';
import { openDatasetRecords, type ReadRecordsOptions } from './read-dataset-records.js';
import { editRecord } from './record-edits.js';
import { RecordWriter } from './record-writer.js';

export interface FixLogEntry {
  line: number;
  action: 'dropped' | 'edited';
  code?: DatasetProblemCode;
  /** The row a dropped duplicate repeats. */
  otherLine?: number;
  changes?: string[];
}

export interface FixResult {
  output: string;
  log: string;
  written: number;
  dropped: number;
  edited: number;
  droppedByCode: Partial<Record<DatasetProblemCode, number>>;
}

export interface FixOptions {
  /** Only drops for these codes (e.g. `dedupe`: duplicates only); default every drop. */
  onlyCodes?: readonly DatasetProblemCode[];
  /** Apply per-row edits (default true). */
  edit?: boolean;
  /** Where the change log goes (default OUTPUT.fix-log.jsonl). */
  log?: string;
  read?: ReadRecordsOptions;
}

/**
 * Writes a cleaned copy of a checked file: rows the plan drops are left out, kept rows get
 * their edits, and every change is logged as one JSON line. The input is never written to;
 * the output and the log appear atomically.
 */
export async function fixDataset(
  plan: FixPlan,
  output: string,
  options: FixOptions = {},
): Promise<FixResult> {
  if (resolve(output) === resolve(plan.file)) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `the output ${output} is the input file: fix never overwrites its input`,
    );
  }
  const logPath = options.log ?? `${output}.fix-log.jsonl`;
  const opened = await openDatasetRecords(plan.file, options.read);
  const writer = await RecordWriter.open(output, plan.container, plan.columns);
  const log = await AtomicFileWriter.open(logPath);
  const result: FixResult = {
    output,
    log: logPath,
    written: 0,
    dropped: 0,
    edited: 0,
    droppedByCode: {},
  };
  const only = options.onlyCodes ? new Set(options.onlyCodes) : undefined;
  try {
    for await (const record of opened.records) {
      const code = problemCodeOfNumber(plan.drops[record.index] ?? 0);
      const dropped = code !== undefined && (only === undefined || only.has(code));
      if (dropped || record.kind === 'problem') {
        const reason = code ?? (record.kind === 'problem' ? record.problem.code : undefined);
        const entry: FixLogEntry = {
          line: record.line,
          action: 'dropped',
          ...(reason ? { code: reason } : {}),
        };
        const related = plan.related[record.index] ?? 0;
        if (related !== 0) entry.otherLine = related;
        await log.write(`${JSON.stringify(entry)}\n`);
        result.dropped += 1;
        if (reason) result.droppedByCode[reason] = (result.droppedByCode[reason] ?? 0) + 1;
        continue;
      }
      if (record.kind !== 'record') continue;
      if (!isPlainObject(record.value) || options.edit === false) {
        await writer.write(record.value, record.raw);
        result.written += 1;
        continue;
      }
      const edit = editRecord(plan.format, record.value, plan.legacy);
      if (edit.changes.length > 0) {
        await log.write(
          `${JSON.stringify({ line: record.line, action: 'edited', changes: edit.changes })}\n`,
        );
        result.edited += 1;
        await writer.write(edit.value);
      } else await writer.write(record.value, record.raw);
      result.written += 1;
    }
    await writer.close();
    await log.commit();
    return result;
  } catch (error) {
    await writer.abort();
    await log.abort();
    throw error;
  }
}
