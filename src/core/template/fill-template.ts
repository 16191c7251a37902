import { TunegateError } from '../../spec/tunegate-error.js';

/** `{{name}}`, `{{ name }}` or a dotted path `{{a.b.0}}`; anything else is literal text. */
const slotPattern = /\{\{\s*([^{}\s]+)\s*\}\}/g;

type Part = string | { name: string; path: string[] };

/** A pre-parsed template: call it with variables to render. */
export type CompiledTemplate = (variables: Record<string, unknown>) => string;

function parse(template: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of template.matchAll(slotPattern)) {
    const name = match[1] as string;
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push({ name, path: name.split('.') });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

function lookup(variables: Record<string, unknown>, name: string, path: string[]): unknown {
  // A flat key that contains dots (e.g. a CSV column "a.b") wins over the path.
  if (Object.hasOwn(variables, name)) return variables[name];
  let current: unknown = variables;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function stringify(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function missing(name: string): TunegateError {
  const message = `template variable "${name}" is missing`;
  return new TunegateError('INVALID_TASK', message, {
    problems: [{ code: 'missing-variable', path: [name], message }],
  });
}

/** Parses once; the returned function only concatenates, for rendering many prompts fast. */
export function compileTemplate(template: string): CompiledTemplate {
  const parts = parse(template);
  return (variables) => {
    let text = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        text += part;
        continue;
      }
      const value = lookup(variables, part.name, part.path);
      if (value === undefined) throw missing(part.name);
      text += stringify(value);
    }
    return text;
  };
}

// Templates repeat (one per task or variant), so remember a bounded number of compilations.
const cache = new Map<string, CompiledTemplate>();
const cacheLimit = 256;

/** Fills `{{slots}}`; non-string values are JSON-stringified; a missing variable throws INVALID_TASK. */
export function fillTemplate(template: string, variables: Record<string, unknown>): string {
  let compiled = cache.get(template);
  if (compiled === undefined) {
    if (cache.size >= cacheLimit) cache.clear();
    compiled = compileTemplate(template);
    cache.set(template, compiled);
  }
  return compiled(variables);
}

/** The distinct slot names of a template, in order of first appearance. */
export function templateVariables(template: string): string[] {
  const names = new Set<string>();
  for (const part of parse(template)) {
    if (typeof part !== 'string') names.add(part.name);
  }
  return [...names];
}
