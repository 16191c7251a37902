import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { checkDataset } from '../../core/datasets/check-dataset.js';
import type { DatasetProblem } from '../../core/datasets/dataset-problem.js';
import {
  type DatasetRecord,
  openDatasetRecords,
} from '../../core/datasets/read-dataset-records.js';
import type { LoadedTask } from '../../core/task/loaded-task.js';
import type {
  ApiProblem,
  DatasetCheckSummary,
  DatasetReview,
  DatasetRowView,
} from '../api-contract.js';
import { lineageView, readLineage, wasAccepted } from './lineage-file.js';
import { WebHttpError } from './web-http-error.js';

/** Review is a person stepping through rows; a file larger than this is split first. */
export const maxReviewRows = 20_000;

export async function fileVersion(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex')
    .slice(0, 32);
}

/** Every row of a dataset file with its `data check` problems, lineage and earlier review. */
export async function loadDatasetReview(task: LoadedTask, file: string): Promise<DatasetReview> {
  const version = await fileVersion(file);
  const records = await readAllRecords(file);
  const lineage = await readLineage(file);
  const problemsByLine = new Map<number, ApiProblem[]>();
  const fileProblems: ApiProblem[] = [];
  let check: DatasetCheckSummary | null = null;
  let checkError: string | null = null;
  try {
    const { report } = await checkDataset(file, { task, maxListedPerCode: maxReviewRows });
    check = {
      format: report.format,
      rows: report.rows,
      cleanRows: report.cleanRows,
      minimumCleanRows: report.minimumCleanRows,
      errors: report.errors,
      warnings: report.warnings,
    };
    for (const problem of report.problems) {
      const view = toView(problem);
      if (problem.line === undefined) fileProblems.push(view);
      else {
        const list = problemsByLine.get(problem.line) ?? [];
        list.push(view);
        problemsByLine.set(problem.line, list);
      }
    }
  } catch (error) {
    checkError = error instanceof Error ? error.message : String(error);
  }
  const rows: DatasetRowView[] = records.records.map((record) => {
    const origin = lineage.get(record.line);
    const own = record.kind === 'problem' ? [toView(record.problem)] : [];
    const listed = problemsByLine.get(record.line) ?? [];
    const problems = [
      ...own,
      ...listed.filter((problem) => !own.some((o) => o.code === problem.code)),
    ];
    return {
      index: record.index,
      line: record.line,
      value: record.kind === 'record' ? record.value : null,
      problems,
      lineage: origin ? lineageView(origin) : null,
      accepted: wasAccepted(origin),
    };
  });
  return {
    file: relative(task.directory, file).split(sep).join('/'),
    container: records.container,
    version,
    rows,
    fileProblems,
    check,
    checkError,
  };
}

export interface AllRecords {
  container: DatasetReview['container'];
  columns: string[] | undefined;
  records: DatasetRecord[];
}

export async function readAllRecords(file: string): Promise<AllRecords> {
  const opened = await openDatasetRecords(file);
  const records: DatasetRecord[] = [];
  for await (const record of opened.records) {
    records.push(record);
    if (records.length > maxReviewRows) {
      throw new WebHttpError(
        413,
        'too_many_rows',
        `${file} has more than ${maxReviewRows} rows: review it in parts (tunegate data split)`,
      );
    }
  }
  return { container: opened.container, columns: opened.columns(), records };
}

function toView(problem: DatasetProblem): ApiProblem {
  const view: ApiProblem = {
    code: problem.code,
    message: problem.message,
    path: [...problem.path],
    severity: problem.severity,
  };
  if (problem.line !== undefined) view.line = problem.line;
  return view;
}
