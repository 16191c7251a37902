import { samplingLabel, samplingPoints } from '../../core/eval/sampling-points.js';
import type { EvalCase } from '../../core/task/eval-case.js';
import type { LoadedTask } from '../../core/task/loaded-task.js';
import { compileTemplate } from '../../core/template/fill-template.js';
import type { Problem } from '../../spec/problem.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { ApiProblem, CaseView, TaskOverview } from '../api-contract.js';

export function taskOverview(task: LoadedTask): TaskOverview {
  const config = task.config;
  return {
    name: config.name,
    description: config.description ?? null,
    file: task.file,
    instruction: config.instruction,
    outputKind: config.output.kind,
    labels: config.output.kind === 'label' ? config.output.labels : [],
    targets: {
      passRate: config.targets.passRate,
      consistency: config.targets.consistency ?? null,
      diversityFloor: config.targets.diversityFloor ?? null,
    },
    variants: config.variants.map((variant) => ({
      name: variant.name,
      description: variant.description ?? null,
      instruction: variant.instruction ?? null,
      system: variant.system ?? null,
      template: variant.template ?? null,
      mode: variant.mode,
      fewShot: variant.fewShot
        ? {
            k: variant.fewShot.k,
            selection: variant.fewShot.selection,
            format: variant.fewShot.format,
          }
        : null,
    })),
    models: config.models.map((model) => ({ name: model.name ?? model.ref, ref: model.ref })),
    repeats: config.repeats,
    sampling: samplingLabel(samplingPoints(config.sampling)[0] ?? {}),
  };
}

/** Each case with the task's input template filled in, as the model would see it. */
export function caseViews(task: LoadedTask, cases: readonly EvalCase[]): CaseView[] {
  const render = compileTemplate(task.config.input);
  const field = task.config.output.field;
  return cases.map((evalCase) => {
    let input: string;
    try {
      input = render(evalCase.fields);
    } catch (error) {
      input = `(cannot render the input: ${error instanceof Error ? error.message : String(error)})`;
    }
    const expected = evalCase.fields[field];
    return {
      id: evalCase.id,
      input,
      expected:
        expected === undefined
          ? null
          : typeof expected === 'string'
            ? expected
            : JSON.stringify(expected),
    };
  });
}

export function toApiProblems(problems: readonly Problem[]): ApiProblem[] {
  return problems.map((problem) => ({ ...problem, path: [...problem.path] }));
}

/** The problems of a failed task load, or a single one naming the error. */
export function problemsOf(error: unknown): ApiProblem[] {
  if (error instanceof TunegateError && error.problems.length > 0) {
    return toApiProblems(error.problems);
  }
  const message = error instanceof Error ? error.message : String(error);
  return [{ code: 'task_error', message, path: [] }];
}
