/**
 * OpenAI's strict structured outputs accept only schemas whose objects close their properties
 * (`additionalProperties: false`) and require every one of them. Anything else is sent as
 * best-effort guidance instead of being rejected with HTTP 400.
 */
export function isStrictJsonSchema(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.every(isStrictJsonSchema);
  if (typeof schema !== 'object' || schema === null) return true;
  const node = schema as Record<string, unknown>;
  const properties = node.properties;
  if (typeof properties === 'object' && properties !== null) {
    const required = Array.isArray(node.required) ? node.required : [];
    const names = Object.keys(properties);
    if (node.additionalProperties !== false) return false;
    if (!names.every((name) => required.includes(name))) return false;
  } else if (node.type === 'object' && node.additionalProperties !== false) {
    return false;
  }
  return Object.values(node).every(isStrictJsonSchema);
}
