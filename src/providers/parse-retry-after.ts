/**
 * How long the server asked us to wait, in milliseconds: `retry-after-ms` (OpenAI's),
 * else `retry-after` as seconds or an HTTP date. Header names are matched case-insensitively.
 */
export function parseRetryAfter(
  headers: Record<string, string> | undefined,
  now: number = Date.now(),
): number | undefined {
  if (headers === undefined) return undefined;
  let milliseconds: string | undefined;
  let seconds: string | undefined;
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'retry-after-ms') milliseconds = value;
    else if (lower === 'retry-after') seconds = value;
  }
  const fromMilliseconds = parseNonNegativeNumber(milliseconds);
  if (fromMilliseconds !== undefined) return Math.round(fromMilliseconds);
  const fromSeconds = parseNonNegativeNumber(seconds);
  if (fromSeconds !== undefined) return Math.round(fromSeconds * 1000);
  if (seconds === undefined) return undefined;
  const date = Date.parse(seconds);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function parseNonNegativeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}
