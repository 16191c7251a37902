import { InvalidArgumentError } from 'commander';

/** Repeatable, comma-separated list option: `--variant a,b --variant c`. */
export const collectList = (value: string, previous: string[]): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0),
];

export const positiveInteger = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError('expected a whole number of at least 1');
  }
  return parsed;
};

export const nonNegativeNumber = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) {
    throw new InvalidArgumentError('expected a number of at least 0');
  }
  return parsed;
};

export const anyNumber = (value: string): number => {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) {
    throw new InvalidArgumentError('expected a number');
  }
  return parsed;
};

export const wholeNumber = (value: string): number => {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isInteger(parsed)) {
    throw new InvalidArgumentError('expected a whole number');
  }
  return parsed;
};
