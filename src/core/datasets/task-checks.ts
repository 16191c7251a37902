import { TunegateError } from '../../spec/tunegate-error.js';
import type { Check } from '../checks/check.js';
import { createChecks } from '../checks/create-checks.js';
import { runChecks } from '../checks/run-checks.js';
import type { LoadedTask } from '../task/loaded-task.js';

export interface TaskChecks {
  checks: Check[];
  /** Names of the checks left out because they call a model (LLM judges). */
  skipped: string[];
}

/**
 * The task's own checks, for judging dataset outputs offline: LLM-judge checks are left out
 * (checking a dataset must not spend money) and named, so the report can say so.
 */
export async function createTaskChecks(task: LoadedTask): Promise<TaskChecks> {
  const offline = task.config.checks.filter((check) => check.type !== 'llm-judge');
  const skipped = task.config.checks
    .filter((check) => check.type === 'llm-judge')
    .map((check, index) => check.name ?? (index === 0 ? 'llm-judge' : `llm-judge-${index + 1}`));
  const checks = await createChecks(
    { ...task, config: { ...task.config, checks: offline } },
    {
      createJudgeModel: () => {
        throw new TunegateError('INVALID_ARGUMENT', 'LLM judges do not run on datasets');
      },
    },
  );
  return { checks, skipped };
}

/** The failing checks' reasons for one output, or an empty list when every check passes. */
export async function failedChecks(
  checks: Check[],
  output: string,
  fields: Record<string, unknown>,
  file: string,
  line: number,
): Promise<string[]> {
  const id =
    typeof fields.id === 'string' || typeof fields.id === 'number'
      ? String(fields.id)
      : `line-${line}`;
  const results = await runChecks(checks, output, { id, fields, source: { file, line } });
  return results
    .filter((result) => !result.pass)
    .map((result) => `${result.name}${result.reason ? `: ${result.reason}` : ''}`);
}
