/** A problem found in user input, as data (zod's issue shape plus file and line). */
export interface Problem {
  code: string;
  message: string;
  /** Field path inside the record, e.g. ["variants", 2, "fewShot", "k"]. */
  path: (string | number)[];
  file?: string;
  line?: number;
  severity?: 'error' | 'warning';
}

export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.line].filter((part) => part !== undefined).join(':');
  const field = problem.path.length > 0 ? ` ${problem.path.join('.')}:` : '';
  return `${where ? `${where}:` : ''}${field} ${problem.message} [${problem.code}]`.trim();
}
