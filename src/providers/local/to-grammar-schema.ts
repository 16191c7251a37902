/**
 * The schema as node-llama-cpp's grammar builder reads it. It knows `oneOf` but not `anyOf`
 * (which zod and Pydantic emit for unions and nullable fields); for constraining decoding the
 * two mean the same (a grammar cannot enforce "exactly one"), so `anyOf` becomes `oneOf`.
 */
export function toGrammarSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toGrammarSchema);
  if (typeof node !== 'object' || node === null) return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const literal = key === 'enum' || key === 'const' || key === 'default' || key === 'examples';
    const name = key === 'anyOf' && !('oneOf' in node) ? 'oneOf' : key;
    result[name] = literal ? value : toGrammarSchema(value);
  }
  return result;
}
