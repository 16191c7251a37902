/** Engines report time as Unix seconds or ISO strings; tunegate stores ISO 8601. */
export function unixSecondsToIso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** An ISO-like string as ISO 8601, or `fallback` when it is missing or unreadable. */
export function toIsoTime(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value === '') return fallback;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? fallback : new Date(parsed).toISOString();
}
