import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EvalCase } from '../task/eval-case.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { type Check, type CheckConfigOf, type CheckIdentity, checkResult } from './check.js';
import { checkProblem } from './check-problem.js';

/** What a user module may return: a verdict, or a verdict with a score and a reason. */
export type JavascriptCheckReturn = boolean | { pass: boolean; score?: number; reason?: string };

/** The second argument of a user check: the case's fields plus `expected` (the output field). */
export type JavascriptCheckContext = Record<string, unknown> & { expected: unknown };

type UserCheck = (
  output: string,
  context: JavascriptCheckContext,
) => JavascriptCheckReturn | Promise<JavascriptCheckReturn>;

function isVerdict(value: unknown): value is Exclude<JavascriptCheckReturn, boolean> {
  if (typeof value !== 'object' || value === null) return false;
  const { pass, score, reason } = value as Record<string, unknown>;
  return (
    typeof pass === 'boolean' &&
    (score === undefined || typeof score === 'number') &&
    (reason === undefined || typeof reason === 'string')
  );
}

/**
 * Loads `module` (relative to the task directory) once and calls its export per output.
 * A module that fails to load or lacks the export is a task problem at creation time.
 */
export async function createJavascriptCheck(
  config: CheckConfigOf<'javascript'>,
  identity: CheckIdentity,
  task: LoadedTask,
): Promise<Check> {
  const file = resolve(task.directory, config.module);
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw checkProblem(identity.name, ['module'], `cannot load ${file}: ${detail}`, error);
  }
  const userCheck = loaded[config.export];
  if (typeof userCheck !== 'function') {
    const message = `${file} has no function export "${config.export}"`;
    throw checkProblem(identity.name, ['export'], message);
  }
  const outputField = task.config.output.field;
  return {
    ...identity,
    async run(output: string, evalCase: EvalCase) {
      const context = { ...evalCase.fields, expected: evalCase.fields[outputField] };
      const returned: unknown = await (userCheck as UserCheck)(output, context);
      if (typeof returned === 'boolean') return checkResult(identity, returned);
      if (isVerdict(returned)) {
        return checkResult(identity, returned.pass, {
          score: returned.score,
          reason: returned.reason,
        });
      }
      throw new Error(
        `${config.module} returned ${JSON.stringify(returned) ?? String(returned)}, expected a boolean or {pass, score?, reason?}`,
      );
    },
  };
}
