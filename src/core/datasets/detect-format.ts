import type { DatasetFormat } from './dataset-format.js';
import { isPlainObject } from './message-content.js';

/** The format one record looks like, or undefined for a non-object. */
export function formatOfRecord(value: unknown): DatasetFormat | undefined {
  if (!isPlainObject(value)) return undefined;
  if (Array.isArray(value.messages)) return 'openai-chat';
  if (
    isPlainObject(value.input) &&
    ('preferred_output' in value || 'non_preferred_output' in value)
  ) {
    return 'preference';
  }
  if ('prompt' in value && 'completion' in value) return 'prompt-completion';
  if (Array.isArray(value.conversations)) return 'sharegpt';
  if ('instruction' in value && 'output' in value) return 'alpaca';
  if ('messages' in value) return 'openai-chat';
  return 'eval-cases';
}

/**
 * The format of a file from a sample of its records: the most common per-record format
 * (ties go to the order of `datasetFormats`). No readable record: eval cases.
 */
export function detectFormat(sample: readonly unknown[]): DatasetFormat {
  const votes = new Map<DatasetFormat, number>();
  for (const value of sample) {
    const format = formatOfRecord(value);
    if (format !== undefined) votes.set(format, (votes.get(format) ?? 0) + 1);
  }
  let best: DatasetFormat = 'eval-cases';
  let bestVotes = 0;
  for (const [format, count] of votes) {
    if (count > bestVotes) {
      best = format;
      bestVotes = count;
    }
  }
  return best;
}
