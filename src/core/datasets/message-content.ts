/**
 * The text of a chat message's `content`: a string, or the `text` of an array of content
 * parts (other parts, e.g. images, contribute nothing). `undefined` for any other shape.
 */
export function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content) || content.length === 0) return undefined;
  const texts: string[] = [];
  for (const part of content) {
    if (typeof part !== 'object' || part === null) return undefined;
    const record = part as Record<string, unknown>;
    if (typeof record.type !== 'string') return undefined;
    if (record.type === 'text') {
      if (typeof record.text !== 'string') return undefined;
      texts.push(record.text);
    }
  }
  return texts.join('\n');
}

export function isBlankText(text: string): boolean {
  return text.trim() === '';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a string`, `an array`, `null`… for messages about the wrong type. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
