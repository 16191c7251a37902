import { readFile } from 'node:fs/promises';
import type { LineageView } from '../api-contract.js';

/** One line of `FILE.lineage.jsonl`: where the row on `line` of FILE came from, who reviewed it. */
export type LineageRecord = Record<string, unknown> & { line: number };

export const lineagePathOf = (file: string): string => `${file}.lineage.jsonl`;

/** The lineage records of a dataset by data-file line; empty when it has no lineage file. */
export async function readLineage(file: string): Promise<Map<number, LineageRecord>> {
  const text = await readFile(lineagePathOf(file), 'utf8').catch(() => undefined);
  const records = new Map<number, LineageRecord>();
  if (text === undefined) return records;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as unknown;
      if (
        value !== null &&
        typeof value === 'object' &&
        typeof (value as LineageRecord).line === 'number'
      ) {
        records.set((value as LineageRecord).line, value as LineageRecord);
      }
    } catch {
      // A damaged lineage line loses that row's lineage, not the review.
    }
  }
  return records;
}

const knownKeys = new Set(['line', 'run', 'case', 'cell', 'variant', 'model']);

export function lineageView(record: LineageRecord): LineageView {
  const text = (value: unknown) => (value === undefined || value === null ? null : String(value));
  const other: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (knownKeys.has(key) || value === undefined) continue;
    other[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return {
    run: text(record.run),
    case: text(record.case),
    cell: text(record.cell),
    variant: text(record.variant),
    model: text(record.model),
    other,
  };
}

/** Reviewed and kept in an earlier review (accepted as it was, or edited). */
export function wasAccepted(record: LineageRecord | undefined): boolean {
  return record?.review === 'accepted' || record?.review === 'edited';
}
