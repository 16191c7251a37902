/** Quotes text for a failure reason, cut to `limit` code points so reasons stay short. */
export function quoteForReason(text: string, limit = 120): string {
  const codePoints = [...text];
  const shown = codePoints.length > limit ? `${codePoints.slice(0, limit).join('')}…` : text;
  return JSON.stringify(shown);
}
