export interface NormalizeOptions {
  trim: boolean;
  caseFold: boolean;
  collapseWhitespace: boolean;
  stripPunctuation: boolean;
}

const punctuation = /\p{P}/gu;
const whitespace = /\s+/gu;

/**
 * Normalises text for comparison, doing exactly what is configured and nothing more (no
 * quote or trailing-period stripping unless stripPunctuation is on). Order: punctuation
 * removed, whitespace runs collapsed to one space, trimmed, then lower-cased with the
 * locale-independent `toLowerCase` (so "É" matches "é"; "ß" stays "ß").
 */
export function normalizeText(text: string, options: NormalizeOptions): string {
  let result = text;
  if (options.stripPunctuation) result = result.replace(punctuation, '');
  if (options.collapseWhitespace) result = result.replace(whitespace, ' ');
  if (options.trim) result = result.trim();
  if (options.caseFold) result = result.toLowerCase();
  return result;
}
