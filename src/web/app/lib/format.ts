export const percent = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined ? '–' : `${(value * 100).toFixed(digits)}%`;

export const decimal = (value: number | null | undefined, digits = 2): string =>
  value === null || value === undefined ? '–' : value.toFixed(digits);

export function money(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value === 0) return '$0';
  return value < 0.01 ? `$${value.toPrecision(2)}` : `$${value.toFixed(2)}`;
}

export const count = (value: number): string => Math.round(value).toLocaleString('en-US');

export function milliseconds(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

/** Stable key of a (variant, model, sampling point) group. */
export const groupKey = (group: {
  variant: string;
  model: string;
  samplingIndex: number;
}): string => JSON.stringify([group.variant, group.model, group.samplingIndex]);
