import type { z } from 'zod';
import type { Problem } from '../../spec/index.js';
import { suggestFieldName } from './suggest-field-name.js';

type Issue = z.core.$ZodIssue;
type Path = (string | number)[];

/**
 * Turns zod issues into problems whose messages speak about the YAML a person wrote
 * (`unknown field "temprature"`, `expected one of chat, completion, got "chatt"`) rather than
 * about zod internals. Every issue yields at least one problem; file and line are added later.
 */
export function schemaIssuesToProblems(
  issues: readonly Issue[],
  input: unknown,
  schema: z.ZodType,
): Problem[] {
  return issues.flatMap((issue) => describeIssue(issue, [], input, schema));
}

function describeIssue(issue: Issue, prefix: Path, input: unknown, schema: z.ZodType): Problem[] {
  const path = [...prefix, ...issue.path.map(toSegment)];
  const value = valueAt(input, path);
  const problem = (message: string, at: Path = path): Problem => ({
    code: issue.code,
    path: at,
    message,
  });

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const suggestion = suggestFieldName(schema, path, key);
        const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
        return problem(`unknown field "${key}"${hint}`, [...path, key]);
      });
    case 'invalid_union':
      return describeUnion(issue, path, value, input, schema, problem);
    case 'invalid_value': {
      const options = issue.values.map(String);
      const expected =
        options.length === 1 ? `expected ${options[0]}` : `expected one of ${options.join(', ')}`;
      return [
        problem(value === undefined ? missing(path, expected) : `${expected}, got ${show(value)}`),
      ];
    }
    case 'invalid_type':
      if (value === undefined)
        return [problem(missing(path, `expected ${article(issue.expected)}`))];
      return [problem(`expected ${article(issue.expected)}, got ${show(value)}`)];
    case 'too_small':
      return [problem(describeBound('small', issue.origin, issue.minimum, issue.inclusive, value))];
    case 'too_big':
      return [problem(describeBound('big', issue.origin, issue.maximum, issue.inclusive, value))];
    case 'invalid_format':
      return [problem(`${describeFormat(issue)}, got ${show(value)}`)];
    default:
      return [problem(issue.message)];
  }
}

function describeUnion(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  path: Path,
  value: unknown,
  input: unknown,
  schema: z.ZodType,
  problem: (message: string) => Problem,
): Problem[] {
  if (issue.discriminator !== undefined && 'options' in issue && issue.options) {
    const expected = `expected one of ${issue.options.map(String).join(', ')}`;
    return [
      problem(value === undefined ? missing(path, expected) : `${expected}, got ${show(value)}`),
    ];
  }
  // Branches that failed only because the value had another type say nothing useful; the
  // branch that matched the value's type carries the real mistake.
  const typeMismatch = (branch: readonly Issue[]) =>
    branch.every((inner) => inner.code === 'invalid_type' && inner.path.length === 0);
  const relevant = issue.errors.filter((branch) => !typeMismatch(branch));
  if (relevant.length > 0) {
    const closest = relevant.reduce((best, branch) =>
      branch.length < best.length ? branch : best,
    );
    return closest.flatMap((inner) => describeIssue(inner, path, input, schema));
  }
  const expectedTypes = issue.errors.flatMap((branch) =>
    branch.flatMap((inner) => (inner.code === 'invalid_type' ? [article(inner.expected)] : [])),
  );
  if (expectedTypes.length === 0) return [problem(issue.message)];
  const expected = `expected ${[...new Set(expectedTypes)].join(' or ')}`;
  return [
    problem(value === undefined ? missing(path, expected) : `${expected}, got ${show(value)}`),
  ];
}

function describeBound(
  side: 'small' | 'big',
  origin: string,
  limit: number | bigint,
  inclusive: boolean | undefined,
  value: unknown,
): string {
  const got = `, got ${show(value)}`;
  if (origin === 'array' || origin === 'set') {
    const count = Array.isArray(value) ? `, got ${value.length}` : '';
    const items = `${limit} item${limit === 1 ? '' : 's'}`;
    return side === 'small' ? `needs at least ${items}${count}` : `allows at most ${items}${count}`;
  }
  if (origin === 'string') {
    if (side === 'small' && limit === 1) return 'must not be empty';
    return `must be ${side === 'small' ? 'at least' : 'at most'} ${limit} characters`;
  }
  if (side === 'small') {
    return `${inclusive === false ? 'must be greater than' : 'must be at least'} ${limit}${got}`;
  }
  return `${inclusive === false ? 'must be less than' : 'must be at most'} ${limit}${got}`;
}

function describeFormat(issue: Extract<Issue, { code: 'invalid_format' }>): string {
  if (issue.format === 'url') return 'expected a URL';
  const message = issue.message.replace(/^Invalid string: /, '');
  return message.startsWith('expected') || message.startsWith('must')
    ? message
    : `expected ${message}`;
}

function missing(path: Path, expected: string): string {
  const field = path.at(-1);
  return typeof field === 'string'
    ? `missing required field "${field}" (${expected})`
    : `missing value (${expected})`;
}

function article(type: string): string {
  switch (type) {
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'boolean':
      return 'true or false';
    case 'integer':
    case 'int':
      return 'a whole number';
    default:
      return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
  }
}

function show(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function toSegment(segment: PropertyKey): string | number {
  return typeof segment === 'symbol' ? String(segment) : segment;
}
