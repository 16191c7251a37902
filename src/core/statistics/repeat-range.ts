/** Fewest and most answered repeats of a case in a group. */
export interface RepeatRange {
  min: number;
  max: number;
}

/** "3" when every case had 3 repeats, "2–3" when they differ. */
export function repeatRangeLabel(range: RepeatRange): string {
  return range.min === range.max ? String(range.max) : `${range.min}–${range.max}`;
}

/** "3 repeats each", "1 repeat each" or "2–3 repeats". */
export function repeatsEachLabel(range: RepeatRange): string {
  if (range.min !== range.max) return `${range.min}–${range.max} repeats`;
  return `${range.max} repeat${range.max === 1 ? '' : 's'} each`;
}
