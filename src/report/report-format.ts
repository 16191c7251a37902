/** Number formats shared by the Markdown and HTML reports. */
export const percent = (value: number | null | undefined): string =>
  value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;

export const fixed = (value: number | null | undefined, digits = 3): string =>
  value === null || value === undefined ? '–' : value.toFixed(digits);

export const dollars = (value: number | null | undefined): string => {
  if (value === null || value === undefined) return 'unknown';
  if (value === 0) return '$0';
  return Math.abs(value) < 0.01 ? `$${value.toPrecision(3)}` : `$${value.toFixed(2)}`;
};

export const wholeNumber = (value: number | null | undefined): string =>
  value === null || value === undefined ? '–' : Math.round(value).toLocaleString('en-US');

export const perMillion = (value: number | null): string =>
  value === null ? 'unknown' : `$${value} / 1M`;
