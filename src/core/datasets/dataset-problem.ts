import type { Problem } from '../../spec/problem.js';
import { type DatasetProblemCode, isFixable, problemCatalog } from './problem-catalog.js';

/** A dataset problem: the shared Problem shape, always with a severity, plus duplicate context. */
export interface DatasetProblem extends Problem {
  code: DatasetProblemCode;
  severity: 'error' | 'warning';
  /** `data fix` can repair it (drop or rewrite the row). */
  fixable: boolean;
  /** The other row of a duplicate, near-duplicate or leak. */
  otherLine?: number;
  otherFile?: string;
  /** Estimated Jaccard similarity of a near-duplicate or near leak. */
  similarity?: number;
}

export interface ProblemDetails {
  line?: number | undefined;
  file?: string | undefined;
  path?: (string | number)[];
  otherLine?: number | undefined;
  otherFile?: string | undefined;
  similarity?: number | undefined;
}

/** Builds a problem with the catalog's severity and fixability for its code. */
export function datasetProblem(
  code: DatasetProblemCode,
  message: string,
  details: ProblemDetails = {},
): DatasetProblem {
  const problem: DatasetProblem = {
    code,
    message,
    path: details.path ?? [],
    severity: problemCatalog[code].severity,
    fixable: isFixable(code),
  };
  if (details.file !== undefined) problem.file = details.file;
  if (details.line !== undefined) problem.line = details.line;
  if (details.otherLine !== undefined) problem.otherLine = details.otherLine;
  if (details.otherFile !== undefined) problem.otherFile = details.otherFile;
  if (details.similarity !== undefined) problem.similarity = details.similarity;
  return problem;
}
