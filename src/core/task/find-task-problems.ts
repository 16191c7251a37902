import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Problem } from '../../spec/index.js';
import type { TaskConfig } from './task-schema.js';

const dataFileKeys = ['eval', 'fewShot', 'train', 'validation'] as const;

/**
 * Checks a schema-valid task for mistakes the schema cannot see: clashing names, data files
 * that are not there, and settings that contradict each other. Paths point into the YAML so
 * the caller can attach line numbers.
 */
export async function findTaskProblems(config: TaskConfig, directory: string): Promise<Problem[]> {
  return [
    ...findDuplicates(
      config.variants.map((variant) => variant.name),
      (index) => ['variants', index, 'name'],
      'variant',
      'variants',
    ),
    ...findDuplicates(
      config.models.map((model) => model.name ?? model.ref),
      (index) => modelNamePath(config.models[index], index),
      'model',
      'models',
    ),
    ...(await findMissingDataFiles(config, directory)),
    ...findMisplacedLabelChecks(config),
    ...findFewShotWithoutPool(config),
    ...findDuplicateLabels(config),
  ];
}

function findDuplicates(
  names: readonly string[],
  pathOf: (index: number) => (string | number)[],
  what: string,
  listName: string,
): Problem[] {
  const firstIndex = new Map<string, number>();
  const problems: Problem[] = [];
  names.forEach((name, index) => {
    const first = firstIndex.get(name);
    if (first === undefined) {
      firstIndex.set(name, index);
      return;
    }
    problems.push({
      code: 'duplicate_name',
      path: pathOf(index),
      message: `duplicate ${what} name "${name}" (first used at ${listName}.${first}); give each ${what} a unique name`,
    });
  });
  return problems;
}

function modelNamePath(model: TaskConfig['models'][number] | undefined, index: number) {
  // A model written as a plain string has no `name` node; point at the list item instead.
  return model?.name === undefined ? ['models', index] : ['models', index, 'name'];
}

async function findMissingDataFiles(config: TaskConfig, directory: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const key of dataFileKeys) {
    const relative = config.data[key];
    if (relative === undefined) continue;
    const absolute = resolve(directory, relative);
    const found = await stat(absolute).then(
      (info) => info.isFile(),
      () => false,
    );
    if (!found) {
      problems.push({
        code: 'file_not_found',
        path: ['data', key],
        message: `data file not found: ${relative} (looked for ${absolute})`,
      });
    }
  }
  return problems;
}

function findMisplacedLabelChecks(config: TaskConfig): Problem[] {
  if (config.output.kind === 'label') return [];
  const kind = config.output.kind;
  return config.checks.flatMap((check, index) =>
    check.type === 'label'
      ? [
          {
            code: 'label_check_without_labels',
            path: ['checks', index, 'type'],
            message: `a "label" check needs output kind "label" with a label set, but the output kind is "${kind}"`,
          },
        ]
      : [],
  );
}

function findFewShotWithoutPool(config: TaskConfig): Problem[] {
  if (config.data.fewShot !== undefined) return [];
  return config.variants.flatMap((variant, index) =>
    variant.fewShot !== undefined && variant.fewShot.k > 0
      ? [
          {
            code: 'few_shot_without_pool',
            path: ['variants', index, 'fewShot'],
            message: `variant "${variant.name}" asks for ${variant.fewShot.k} few-shot examples but data.fewShot names no example file`,
          },
        ]
      : [],
  );
}

function findDuplicateLabels(config: TaskConfig): Problem[] {
  if (config.output.kind !== 'label') return [];
  const seen = new Set<string>();
  return config.output.labels.flatMap((label, index) => {
    if (!seen.has(label)) {
      seen.add(label);
      return [];
    }
    return [
      {
        code: 'duplicate_label',
        path: ['output', 'labels', index],
        message: `label "${label}" is listed twice`,
      },
    ];
  });
}
