/**
 * The first number in a text: optional sign (ASCII or U+2212 minus), digits with optional
 * thousands separators in groups of three ("1,234,567"), optional decimals and exponent.
 * A lone ".5" also counts. Returns undefined when there is none.
 */
const numberPattern = /[-+\u2212]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?/u;

export function parseFirstNumber(text: string): number | undefined {
  const match = numberPattern.exec(text);
  if (!match) return undefined;
  const value = Number(match[0].replace('\u2212', '-').replaceAll(',', ''));
  return Number.isFinite(value) ? value : undefined;
}
