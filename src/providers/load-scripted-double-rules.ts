import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Problem } from '../spec/problem.js';
import { TunegateError } from '../spec/tunegate-error.js';
import type { ScriptedDoubleOptions } from './scripted-double.js';

const patternSchema = z
  .string()
  .min(1)
  .refine(isValidPattern, { message: 'not a valid regular expression' });
const outputSchema = z.union([z.string(), z.array(z.string()).min(1)]);

/** The rules file format for `double:PATH`. */
export const scriptedDoubleRulesSchema = z
  .object({
    description: z.string().optional(),
    rules: z.array(z.object({ match: patternSchema, output: outputSchema }).strict()),
    default: outputSchema,
    latencyMs: z.number().int().min(0).optional(),
    failures: z
      .array(
        z
          .object({
            status: z.number().int().min(400).max(599),
            every: z.number().int().positive().optional(),
            match: patternSchema.optional(),
            retryAfterMs: z.number().int().min(0).optional(),
            message: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

/** Reads and validates a rules file; problems name the file and the field. */
export function loadScriptedDoubleRules(file: string): Omit<ScriptedDoubleOptions, 'modelId'> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') {
      throw new TunegateError('FILE_NOT_FOUND', `scripted double rules file not found: ${file}`, {
        cause: error,
      });
    }
    throw new TunegateError('INVALID_DATA', `cannot read scripted double rules file ${file}`, {
      cause: error,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw TunegateError.fromProblems('INVALID_DATA', [
      { code: 'invalid_json', path: [], message: `not valid JSON: ${reason}`, file },
    ]);
  }
  const parsed = scriptedDoubleRulesSchema.safeParse(data);
  if (!parsed.success) {
    const problems: Problem[] = parsed.error.issues.map((issue) => ({
      code: issue.code,
      path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
      message: issue.message,
      file,
    }));
    throw TunegateError.fromProblems('INVALID_DATA', problems);
  }
  const { description: _description, ...options } = parsed.data;
  return options;
}

function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}
