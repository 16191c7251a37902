export interface NormalizeOutputOptions {
  /** Treat outputs as JSON: equal values compare equal whatever their key order or spacing. */
  json?: boolean;
}

/**
 * The normalisation consistency is measured under, so that "Paris" and " paris\n" count as
 * the same answer:
 *
 * - text: trim, Unicode case fold with `toLowerCase()`, and collapse every run of whitespace
 *   (`\s+`, which includes Unicode spaces and line breaks) to one ASCII space;
 * - JSON (`json: true`): when the output parses with `JSON.parse`, re-serialise it canonically
 *   (object keys sorted by UTF-16 code units, recursively; no whitespace; string values keep
 *   their case). When it does not parse (e.g. wrapped in a code fence), fall back to the text
 *   normalisation, so unparseable outputs still compare with each other.
 */
export function normalizeOutput(output: string, options: NormalizeOutputOptions = {}): string {
  if (options.json) {
    const parsed = tryParseJson(output);
    if (parsed.ok) return canonicalJson(parsed.value);
  }
  return output.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** JSON with sorted object keys and no whitespace: one spelling per value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
