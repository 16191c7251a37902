import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { type Problem, TunegateError } from '../../spec/index.js';
import { findTaskProblems } from './find-task-problems.js';
import type { LoadedTask } from './loaded-task.js';
import { schemaIssuesToProblems } from './schema-issues-to-problems.js';
import { taskSchema } from './task-schema.js';
import { YamlLineLocator } from './yaml-line-locator.js';

export const taskFileName = 'tunegate.yaml';

/**
 * Reads and validates a task file (or a folder holding `tunegate.yaml`). Every problem found
 * is reported at once, each with the file as given and the line of the offending YAML node.
 */
export async function loadTask(file: string): Promise<LoadedTask> {
  const shownFile = await locateTaskFile(file);
  const absoluteFile = resolve(shownFile);
  const directory = dirname(absoluteFile);
  const bytes = await readFile(absoluteFile);
  const hash = createHash('sha256').update(bytes).digest('hex');

  const lineCounter = new LineCounter();
  const document = parseDocument(bytes.toString('utf8'), { lineCounter, prettyErrors: true });
  if (document.errors.length > 0) {
    // After one mistake the parser often trips over every following token; a run of errors
    // with the same code is one mistake to the reader.
    const firstOfRuns = document.errors.filter(
      (error, index) => error.code !== document.errors[index - 1]?.code,
    );
    throw TunegateError.fromProblems(
      'INVALID_TASK',
      firstOfRuns.map((error) => yamlErrorToProblem(error, shownFile)),
    );
  }

  const locator = new YamlLineLocator(document, lineCounter);
  const located = (problems: Problem[]): Problem[] =>
    problems
      .map((problem) => ({ ...problem, file: shownFile, line: locator.locate(problem.path) }))
      .sort((left, right) => left.line - right.line);

  const input: unknown = document.toJS();
  if (input === null || input === undefined) {
    throw TunegateError.fromProblems('INVALID_TASK', [
      { code: 'empty_task', path: [], message: 'the task file is empty', file: shownFile, line: 1 },
    ]);
  }
  const parsed = taskSchema.safeParse(input);
  if (!parsed.success) {
    throw TunegateError.fromProblems(
      'INVALID_TASK',
      located(schemaIssuesToProblems(parsed.error.issues, input, taskSchema)),
    );
  }

  const problems = await findTaskProblems(parsed.data, directory);
  if (problems.length > 0) throw TunegateError.fromProblems('INVALID_TASK', located(problems));

  return { config: parsed.data, file: absoluteFile, directory, hash };
}

/** Accepts the task file itself or its folder; returns the path in the caller's own terms. */
async function locateTaskFile(file: string): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    const inside = join(file, taskFileName);
    const insideInfo = await stat(inside).catch(() => undefined);
    if (insideInfo?.isFile()) return inside;
    throw notFound(inside, `no ${taskFileName} in folder ${file}`);
  }
  if (info?.isFile()) return file;
  throw notFound(file, `task file not found: ${file}`);
}

function notFound(file: string, message: string): TunegateError {
  return new TunegateError('FILE_NOT_FOUND', message, {
    problems: [{ code: 'file_not_found', path: [], message, file }],
  });
}

function yamlErrorToProblem(error: YAMLError, file: string): Problem {
  // The parser appends "at line L, column C:" and a source excerpt; the line has its own field.
  const message = error.message.split(/ at line \d+, column \d+/)[0]?.trim() || error.message;
  const position = error.linePos?.[0];
  return {
    code: 'yaml_syntax',
    path: [],
    message: `YAML syntax error: ${message}${position ? ` (column ${position.col})` : ''}`,
    file,
    ...(position ? { line: position.line } : {}),
  };
}
