import type { CheckKind } from '../../spec/check-result.js';
import type { LanguageModel } from '../../spec/language-model.js';
import type { Problem } from '../../spec/problem.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { LoadedTask } from '../task/loaded-task.js';
import type { CheckConfig } from '../task/task-schema.js';
import type { Check, CheckIdentity } from './check.js';
import { createContainsCheck } from './contains-check.js';
import { createEqualsCheck } from './equals-check.js';
import { createJavascriptCheck } from './javascript-check.js';
import { createJsonCheck } from './json-check.js';
import { createLabelCheck } from './label-check.js';
import { createLengthCheck } from './length-check.js';
import { createLlmJudgeCheck } from './llm-judge-check.js';
import { createNotContainsCheck } from './not-contains-check.js';
import { createNumericCheck } from './numeric-check.js';
import { createRegexCheck } from './regex-check.js';

export interface CreateChecksOptions {
  createJudgeModel: (reference: string) => LanguageModel;
}

/** Shape checks are `format`; correctness checks are `content`. Config `kind` overrides. */
const defaultKinds: Record<CheckConfig['type'], CheckKind> = {
  label: 'format',
  json: 'format',
  regex: 'format',
  length: 'format',
  equals: 'content',
  contains: 'content',
  'not-contains': 'content',
  numeric: 'content',
  javascript: 'content',
  'llm-judge': 'content',
};

/** Default names: the type, then `type-2`, `type-3`… for repeats; a configured name wins. */
function identities(configs: CheckConfig[]): CheckIdentity[] {
  const seen = new Map<string, number>();
  return configs.map((config) => {
    const count = (seen.get(config.type) ?? 0) + 1;
    seen.set(config.type, count);
    const fallback = count === 1 ? config.type : `${config.type}-${count}`;
    return { name: config.name ?? fallback, kind: config.kind ?? defaultKinds[config.type] };
  });
}

function createCheck(
  config: CheckConfig,
  identity: CheckIdentity,
  task: LoadedTask,
  options: CreateChecksOptions,
): Check | Promise<Check> {
  switch (config.type) {
    case 'equals':
      return createEqualsCheck(config, identity);
    case 'label':
      return createLabelCheck(config, identity, task);
    case 'contains':
      return createContainsCheck(config, identity);
    case 'not-contains':
      return createNotContainsCheck(config, identity);
    case 'regex':
      return createRegexCheck(config, identity);
    case 'json':
      return createJsonCheck(config, identity, task);
    case 'length':
      return createLengthCheck(config, identity);
    case 'numeric':
      return createNumericCheck(config, identity);
    case 'javascript':
      return createJavascriptCheck(config, identity, task);
    case 'llm-judge':
      return createLlmJudgeCheck(config, identity, task, options.createJudgeModel(config.model));
  }
}

/**
 * Builds the task's checks in order. Every configuration problem (bad pattern, schema,
 * module, duplicate name) is collected and thrown together as one INVALID_TASK error;
 * other errors (e.g. a judge model that cannot be created) pass through.
 */
export async function createChecks(
  task: LoadedTask,
  options: CreateChecksOptions,
): Promise<Check[]> {
  const configs = task.config.checks;
  const named = identities(configs);
  const problems: Problem[] = [];
  const checks: Check[] = [];
  const firstIndexOf = new Map<string, number>();

  for (const [index, config] of configs.entries()) {
    const identity = named[index] as CheckIdentity;
    const earlier = firstIndexOf.get(identity.name);
    if (earlier !== undefined) {
      const message = `check name "${identity.name}" is already used by checks.${earlier}`;
      problems.push({
        code: 'duplicate-check-name',
        path: ['checks', index, 'name'],
        message,
        file: task.file,
      });
      continue;
    }
    firstIndexOf.set(identity.name, index);
    try {
      checks.push(await createCheck(config, identity, task, options));
    } catch (error) {
      if (!(error instanceof TunegateError) || error.code !== 'INVALID_TASK') throw error;
      for (const problem of error.problems) {
        problems.push({ ...problem, path: ['checks', index, ...problem.path], file: task.file });
      }
    }
  }
  if (problems.length > 0) throw TunegateError.fromProblems('INVALID_TASK', problems);
  return checks;
}
