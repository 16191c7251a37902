/** The JSON Schema keywords node-llama-cpp's grammar builder turns into constraints. */
const enforced = new Set([
  '$defs',
  '$ref',
  '$schema',
  '$id',
  'additionalProperties',
  'const',
  'description',
  'title',
  'default',
  'examples',
  'enum',
  'format',
  'items',
  'maxItems',
  'maxLength',
  'maxProperties',
  'minItems',
  'minLength',
  'minProperties',
  'oneOf',
  'anyOf',
  'prefixItems',
  'properties',
  'required',
  'type',
]);

/** Keywords whose values are maps of names to schemas, not schemas themselves. */
const schemaMaps = new Set(['properties', '$defs', 'definitions']);

/**
 * Keywords in `schema` that constrained decoding will not enforce (e.g. `pattern`, `minimum`),
 * sorted and de-duplicated, so the caller can warn that the output may break them.
 */
export function unenforcedSchemaKeywords(schema: unknown): string[] {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (schemaMaps.has(key) && typeof value === 'object' && value !== null) {
        for (const child of Object.values(value)) visit(child);
        continue;
      }
      if (!enforced.has(key) && !key.startsWith('x-')) found.add(key);
      if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples')
        visit(value);
    }
  };
  visit(schema);
  return [...found].sort();
}
