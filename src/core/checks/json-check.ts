import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { type Check, type CheckConfigOf, type CheckIdentity, checkResult } from './check.js';
import { checkProblem } from './check-problem.js';

/** A whole output wrapped in one Markdown code fence, optionally tagged json. */
const fencePattern = /^\s*```(?:json)?[ \t]*\r?\n([\s\S]*?)\r?\n?[ \t]*```\s*$/i;
const errorsShown = 3;

type Parsed = { ok: true; value: unknown; fenced: boolean } | { ok: false; error: string };

function parseOutput(output: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(output), fenced: false };
  } catch (error) {
    const inner = fencePattern.exec(output)?.[1];
    if (inner !== undefined) {
      try {
        return { ok: true, value: JSON.parse(inner), fenced: true };
      } catch {
        // Report the error of the unfenced attempt below, which names the real position.
      }
    }
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const extra = error.params as { additionalProperty?: unknown };
  const detail =
    error.keyword === 'additionalProperties' ? ` (${String(extra.additionalProperty)})` : '';
  return `${where}: ${error.message ?? error.keyword}${detail}`;
}

function describeErrors(errors: ErrorObject[]): string {
  const shown = errors.slice(0, errorsShown).map(describeError).join('; ');
  const more = errors.length > errorsShown ? ` (and ${errors.length - errorsShown} more)` : '';
  return `${shown}${more}`;
}

/**
 * Passes when the output parses as JSON and, when a schema applies (the check's own, else
 * the task's output schema for json outputs), validates against it. An output fenced in
 * ```json … ``` counts as parsed; the reason then says `fenced` so the habit stays visible.
 */
export function createJsonCheck(
  config: CheckConfigOf<'json'>,
  identity: CheckIdentity,
  task: LoadedTask,
): Check {
  const output = task.config.output;
  const schema = config.schema ?? (output.kind === 'json' ? output.schema : undefined);
  let validate: ValidateFunction | undefined;
  if (schema !== undefined) {
    try {
      // strict off: user schemas may carry annotations or formats ajv does not know.
      validate = new Ajv2020({ allErrors: true, strict: false, logger: false }).compile(schema);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const path = config.schema === undefined ? [] : ['schema'];
      throw checkProblem(identity.name, path, `invalid JSON Schema: ${detail}`, error);
    }
  }
  return {
    ...identity,
    run(text: string) {
      const parsed = parseOutput(text);
      if (!parsed.ok) return checkResult(identity, false, { reason: `not JSON: ${parsed.error}` });
      const fenced = parsed.fenced ? 'fenced: the JSON was wrapped in a code fence' : undefined;
      if (validate === undefined || validate(parsed.value)) {
        return checkResult(identity, true, { reason: fenced });
      }
      const errors = describeErrors(validate.errors ?? []);
      const reason = fenced ? `${fenced}; ${errors}` : errors;
      return checkResult(identity, false, { reason });
    },
  };
}
