export interface JsonArrayElement {
  /** The element's JSON text. */
  text: string;
  /** 1-based line where the element starts. */
  line: number;
  /** 1-based line where it ends. */
  endLine: number;
}

export interface SplitJsonArray {
  elements: JsonArrayElement[];
  /** A structural problem of the array itself (unclosed, trailing text), with its line. */
  problem?: { line: number; message: string };
}

/**
 * Splits the text of a top-level JSON array into its elements without parsing them, so each
 * element can be parsed (and fail) on its own with its own line number. Strings and nesting
 * are tracked; anything inside an element is left for JSON.parse to judge.
 */
export function splitJsonArray(text: string): SplitJsonArray {
  const elements: JsonArrayElement[] = [];
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const skipSpace = () => {
    while (position < text.length) {
      const code = text.charCodeAt(position);
      if (code === 0x0a) line += 1;
      else if (code !== 0x20 && code !== 0x09 && code !== 0x0d) return;
      position += 1;
    }
  };
  skipSpace();
  if (text[position] !== '[') {
    return { elements, problem: { line, message: 'expected a JSON array starting with "["' } };
  }
  position += 1;
  skipSpace();
  if (text[position] === ']') return finish(text, position + 1, line, elements);
  for (;;) {
    skipSpace();
    const start = position;
    const startLine = line;
    let depth = 0;
    let inString = false;
    while (position < text.length) {
      const code = text.charCodeAt(position);
      if (code === 0x0a) line += 1;
      if (inString) {
        if (code === 0x5c) position += 1;
        else if (code === 0x22) inString = false;
      } else if (code === 0x22) inString = true;
      else if (code === 0x7b || code === 0x5b) depth += 1;
      else if (code === 0x7d || code === 0x5d) {
        if (depth === 0) break;
        depth -= 1;
      } else if (code === 0x2c && depth === 0) break;
      position += 1;
    }
    const element = text.slice(start, position).trimEnd();
    const endLine = startLine + (element.match(/\n/g)?.length ?? 0);
    elements.push({ text: element, line: startLine, endLine });
    if (position >= text.length) {
      return { elements, problem: { line, message: 'the JSON array is not closed with "]"' } };
    }
    const code = text.charCodeAt(position);
    position += 1;
    if (code === 0x5d) return finish(text, position, line, elements);
  }
}

function finish(
  text: string,
  position: number,
  line: number,
  elements: JsonArrayElement[],
): SplitJsonArray {
  const rest = text.slice(position);
  if (rest.trim() === '') return { elements };
  const before = rest.slice(0, rest.search(/\S/));
  const trailingLine = line + (before.match(/\n/g)?.length ?? 0);
  return {
    elements,
    problem: { line: trailingLine, message: 'unexpected text after the JSON array' },
  };
}
