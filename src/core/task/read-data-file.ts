import { stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { type Problem, TunegateError } from '../../spec/index.js';
import type { DataRow } from './data-row.js';
import type { EvalCase } from './eval-case.js';
import type { LoadedTask } from './loaded-task.js';
import { readCsvRows } from './read-csv-rows.js';
import { readJsonlRows } from './read-jsonl-rows.js';

export interface ReadDataOptions {
  /** The field holding a row's stable id; rows without it get `line-N`. Default `id`. */
  idField?: string;
}

type CaseOrProblem = { case: EvalCase } | { problem: Problem };

/** Past this many problems `loadCases` stops listing them one by one. */
const maxListedProblems = 1000;

const readers: Record<string, (file: string) => AsyncGenerator<DataRow>> = {
  '.jsonl': readJsonlRows,
  '.ndjson': readJsonlRows,
  '.csv': readCsvRows,
};

/**
 * Streams the cases of a JSONL or CSV file without loading it whole. Throws a TunegateError
 * (`INVALID_DATA`) at the first bad row, naming file, line and field.
 */
export async function* readDataFile(
  file: string,
  options: ReadDataOptions = {},
): AsyncGenerator<EvalCase> {
  for await (const result of readCases(file, options)) {
    if ('problem' in result) throw TunegateError.fromProblems('INVALID_DATA', [result.problem]);
    yield result.case;
  }
}

/**
 * Reads every case and collects every problem instead of stopping at the first; used by
 * validation. A missing or unsupported file is reported as a problem too.
 */
export async function loadCases(
  file: string,
  options: ReadDataOptions = {},
): Promise<{ cases: EvalCase[]; problems: Problem[] }> {
  const cases: EvalCase[] = [];
  const problems: Problem[] = [];
  let unlisted = 0;
  try {
    for await (const result of readCases(file, options)) {
      if ('case' in result) cases.push(result.case);
      else if (problems.length < maxListedProblems) problems.push(result.problem);
      else unlisted += 1;
    }
  } catch (error) {
    if (!(error instanceof TunegateError)) throw error;
    problems.push(...error.problems);
  }
  problems.sort((left, right) => (left.line ?? 0) - (right.line ?? 0));
  if (unlisted > 0) {
    problems.push({
      code: 'too_many_problems',
      path: [],
      message: `${unlisted} more problems not listed`,
      file,
    });
  }
  return { cases, problems };
}

/** Data paths in a task are relative to the task file's folder. */
export function resolveDataPath(task: LoadedTask, relative: string): string {
  return resolve(task.directory, relative);
}

async function* readCases(file: string, options: ReadDataOptions): AsyncGenerator<CaseOrProblem> {
  const reader = await openReader(file);
  const idField = options.idField ?? 'id';
  const firstLineOfId = new Map<string, number>();
  for await (const row of reader(file)) {
    if (row.kind === 'problem') {
      yield { problem: row.problem };
      continue;
    }
    const problem = (code: string, path: string[], message: string): CaseOrProblem => ({
      problem: { code, path, message, file, line: row.line },
    });
    const { value, line } = row;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield problem('not_an_object', [], `expected a JSON object, got ${describe(value)}`);
      continue;
    }
    const fields = value as Record<string, unknown>;
    const rawId = fields[idField];
    if (rawId !== undefined && !isUsableId(rawId)) {
      yield problem('invalid_id', [idField], `"${idField}" must be a non-empty string or a number`);
      continue;
    }
    const id = rawId === undefined ? `line-${line}` : String(rawId);
    const firstLine = firstLineOfId.get(id);
    if (firstLine !== undefined) {
      yield problem(
        'duplicate_id',
        [idField],
        `duplicate id "${id}" (first seen at line ${firstLine})`,
      );
      continue;
    }
    firstLineOfId.set(id, line);
    yield { case: { id, fields, source: { file, line } } };
  }
}

async function openReader(file: string): Promise<(file: string) => AsyncGenerator<DataRow>> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    const message = `data file not found: ${file}`;
    throw new TunegateError('FILE_NOT_FOUND', message, {
      problems: [{ code: 'file_not_found', path: [], message, file }],
    });
  }
  const extension = extname(file).toLowerCase();
  const reader = readers[extension];
  if (reader === undefined) {
    throw TunegateError.fromProblems('INVALID_DATA', [
      {
        code: 'unsupported_format',
        path: [],
        message: `unsupported data file type "${extension || '(none)'}": use .jsonl, .ndjson or .csv`,
        file,
      },
    ]);
  }
  return reader;
}

function isUsableId(value: unknown): boolean {
  return (
    (typeof value === 'string' && value.trim() !== '') ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
