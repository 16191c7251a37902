import { z } from 'zod';

/**
 * The closest field name the schema allows at `path`, for "did you mean" hints on typos.
 * Walks through optional, default, transform and union wrappers; in a union every object
 * branch contributes its fields.
 */
export function suggestFieldName(
  schema: z.ZodType,
  path: readonly (string | number)[],
  unknownField: string,
): string | undefined {
  const names = new Set<string>();
  collectFieldNames(schema, path, names);
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(unknownField.length / 3)) + 1;
  for (const name of names) {
    const distance = editDistance(unknownField.toLowerCase(), name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

function collectFieldNames(
  schema: z.ZodType,
  path: readonly (string | number)[],
  names: Set<string>,
): void {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodUnion) {
    for (const option of inner.options as z.ZodType[]) collectFieldNames(option, path, names);
    return;
  }
  const [head, ...rest] = path;
  if (head === undefined) {
    if (inner instanceof z.ZodObject) for (const name of Object.keys(inner.shape)) names.add(name);
    return;
  }
  if (inner instanceof z.ZodObject && typeof head === 'string') {
    const field = (inner.shape as Record<string, z.ZodType>)[head];
    if (field !== undefined) collectFieldNames(field, rest, names);
  } else if (inner instanceof z.ZodArray && typeof head === 'number') {
    collectFieldNames(inner.element as z.ZodType, rest, names);
  }
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodNullable
    ) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
function editDistance(left: string, right: string): number {
  const rows = left.length + 1;
  const columns = right.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  const at = (row: number, column: number): number => table[row]?.[column] ?? 0;
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let value = Math.min(
        at(row - 1, column) + 1,
        at(row, column - 1) + 1,
        at(row - 1, column - 1) + cost,
      );
      if (
        row > 1 &&
        column > 1 &&
        left[row - 1] === right[column - 2] &&
        left[row - 2] === right[column - 1]
      ) {
        value = Math.min(value, at(row - 2, column - 2) + 1);
      }
      const tableRow = table[row];
      if (tableRow) tableRow[column] = value;
    }
  }
  return at(rows - 1, columns - 1);
}
