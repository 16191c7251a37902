import { InvalidArgumentError } from 'commander';
import { datasetFormats, isDatasetFormat } from '../core/datasets/dataset-format.js';
import { exportEngines, isExportEngine } from '../core/datasets/engine-exporter.js';
import { isTokenizerName, tokenizerNames } from '../core/datasets/token-counter.js';

/** Argument parsers shared by the `tunegate data` subcommands. */

export const shareArgument = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
    throw new InvalidArgumentError('expected a number from 0 to 1');
  }
  return parsed;
};

export const wholeNumberArgument = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new InvalidArgumentError('expected a whole number of at least 0');
  }
  return parsed;
};

export const integerArgument = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError('expected a whole number');
  return parsed;
};

export const formatArgument = (value: string) => {
  if (!isDatasetFormat(value)) {
    throw new InvalidArgumentError(`expected one of ${datasetFormats.join(', ')}`);
  }
  return value;
};

export const tokenizerArgument = (value: string) => {
  if (!isTokenizerName(value)) {
    throw new InvalidArgumentError(`expected one of ${tokenizerNames.join(', ')}`);
  }
  return value;
};

export const engineArgument = (value: string) => {
  if (!isExportEngine(value)) {
    throw new InvalidArgumentError(`expected one of ${exportEngines.join(', ')}`);
  }
  return value;
};

export const importKindArgument = (value: string): 'sft' | 'dpo' => {
  if (value !== 'sft' && value !== 'dpo') throw new InvalidArgumentError('expected sft or dpo');
  return value;
};

/** Repeatable option collecting values in order. */
export const repeatable = (value: string, previous: string[]): string[] => [...previous, value];
