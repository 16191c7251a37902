/** Space, tab, line breaks, form feed and no-break space: what separates the double's tokens. */
export function isWhitespaceCode(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160;
}

/** Counts whitespace-separated words without allocating: the scripted double's tokenizer. */
export function countWhitespaceTokens(text: string): number {
  let count = 0;
  let inToken = false;
  for (let index = 0; index < text.length; index++) {
    if (isWhitespaceCode(text.charCodeAt(index))) inToken = false;
    else if (!inToken) {
      inToken = true;
      count++;
    }
  }
  return count;
}
