import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { TunegateError } from '../../spec/tunegate-error.js';

/**
 * What a local finetune is made of: the base GGUF and the LoRA adapter trained on it. The
 * fine-tuning API writes one beside each succeeded job's adapter, so the `local:` provider can
 * run `local:ft:BASE:SUFFIX:ID` in any process, without a server.
 */
export interface FineTunedModelRecord {
  /** `ft:BASE:SUFFIX:ID`, as the fine-tuning API named it. */
  id: string;
  baseModel: string;
  baseModelPath: string;
  adapterPath: string;
  jobId: string;
}

export const fineTunedModelRecordFile = 'fine-tuned-model.json';

const recordSchema = z.object({
  id: z.string().startsWith('ft:'),
  baseModel: z.string().min(1),
  baseModelPath: z.string().min(1),
  adapterPath: z.string().min(1),
  jobId: z.string().min(1),
});

/**
 * Writes the record into the job's folder (temporary file, then rename). Paths inside that
 * folder (the adapter) are stored relative to it, so a moved task folder still works. Returns
 * the record's path.
 */
export function writeFineTunedModelRecord(
  jobDirectory: string,
  record: FineTunedModelRecord,
): string {
  const file = join(jobDirectory, fineTunedModelRecordFile);
  const stored = {
    ...record,
    baseModelPath: portable(jobDirectory, record.baseModelPath),
    adapterPath: portable(jobDirectory, record.adapterPath),
  };
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(stored, null, 2)}\n`);
  renameSync(temporary, file);
  return file;
}

/**
 * The record of a fine-tuned model among the jobs of a fine-tuning data directory
 * (`serve-data/`: one folder per job under `jobs/`), or undefined when none names it.
 */
export function findFineTunedModelRecord(
  dataDirectory: string,
  id: string,
): FineTunedModelRecord | undefined {
  const jobs = join(dataDirectory, 'jobs');
  if (!existsSync(jobs)) return undefined;
  for (const job of readdirSync(jobs)) {
    const file = join(jobs, job, fineTunedModelRecordFile);
    if (!existsSync(file)) continue;
    const record = readRecord(file);
    if (record.id === id) return record;
  }
  return undefined;
}

function readRecord(file: string): FineTunedModelRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new TunegateError('INVALID_DATA', `${file}: not JSON (${detail})`);
  }
  const result = recordSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') || '(root)';
    throw new TunegateError('INVALID_DATA', `${file}: field ${field}: ${issue?.message}`);
  }
  const folder = dirname(file);
  return {
    ...result.data,
    baseModelPath: resolve(folder, result.data.baseModelPath),
    adapterPath: resolve(folder, result.data.adapterPath),
  };
}

function portable(folder: string, path: string): string {
  const inside = relative(folder, path);
  return inside.startsWith('..') || isAbsolute(inside) ? resolve(path) : inside;
}
