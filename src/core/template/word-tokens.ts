/** Unicode word tokens: maximal runs of letters and digits, so "don't" is two tokens. */
const wordPattern = /[\p{L}\p{N}]+/gu;

export function wordTokens(text: string): string[] {
  return text.match(wordPattern) ?? [];
}
