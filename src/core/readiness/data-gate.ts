import { type GateInputs, percent } from './gate-inputs.js';
import type { GateResult } from './gate-result.js';

/**
 * Gate 5: data ready. At least the policy's minimum of training examples after validation and
 * de-duplication, each passing the task's own checks, none leaking into the eval set, and
 * acceptance criteria (checks and targets) written down.
 */
export function dataGate(inputs: GateInputs): GateResult {
  const { task, dataset } = inputs;
  const minimum = task.policy.minTrainExamples;
  const formatChecks = task.checks.filter(
    (check) => (check.kind ?? defaultKind(check.type)) === 'format',
  );
  const criteria = `acceptance criteria: ${task.checks.length} check${task.checks.length === 1 ? '' : 's'} (${formatChecks.length} format, ${task.checks.length - formatChecks.length} content), target pass rate ${percent(task.targets.passRate)}${task.targets.consistency === undefined ? '' : `, consistency ${percent(task.targets.consistency)}`}`;
  const base = {
    number: 5 as const,
    id: 'data' as const,
    title: 'Data ready: clean, checked, de-duplicated, no leakage',
  };
  if (dataset.file === undefined) {
    return {
      ...base,
      pass: false,
      summary: 'no training data',
      evidence: [criteria, dataset.method],
      next: [
        `write at least ${minimum} examples (input and checked answer) to a file and name it in data.train`,
      ],
    };
  }
  const evidence = [
    criteria,
    `${dataset.file}: ${dataset.rows} rows; ${dataset.invalid} invalid, ${dataset.failingChecks} fail the task's checks, ${dataset.duplicates} duplicates, ${dataset.leakage} repeat eval cases; ${dataset.cleanExamples} clean (at least ${minimum} wanted)`,
    `duplicates and leakage: ${dataset.method}`,
    ...dataset.problems
      .slice(0, 5)
      .map(
        (problem) => `${problem.file ?? dataset.file}:${problem.line ?? '?'}: ${problem.message}`,
      ),
  ];
  const next: string[] = [];
  if (dataset.leakage > 0) {
    next.push(
      `remove the ${dataset.leakage} training rows that repeat eval cases: they would inflate the finetune's score`,
    );
  }
  if (dataset.cleanExamples < minimum) {
    next.push(
      `add ${minimum - dataset.cleanExamples} more clean examples${dataset.invalid + dataset.failingChecks > 0 ? `, or fix the ${dataset.invalid + dataset.failingChecks} rows that are invalid or fail the checks` : ''}`,
    );
  }
  const pass = next.length === 0;
  return {
    ...base,
    pass,
    summary: pass
      ? `${dataset.cleanExamples} clean examples (at least ${minimum}), no leakage into the eval set`
      : `${dataset.cleanExamples} clean examples of ${minimum} wanted${dataset.leakage > 0 ? `, ${dataset.leakage} leak into the eval set` : ''}`,
    evidence,
    next,
  };
}

function defaultKind(type: string): 'format' | 'content' {
  return ['label', 'json', 'regex', 'length'].includes(type) ? 'format' : 'content';
}
