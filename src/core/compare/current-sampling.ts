import type { SamplingOptions } from '../../spec/sampling-options.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { samplingPoints } from '../eval/sampling-points.js';
import { samplingGridSchema, type TaskConfig, type VariantConfig } from '../task/task-schema.js';

export interface CurrentSamplingOptions {
  /** The point the prompt was last measured at, to pick among an axis's several values. */
  measuredAt?: SamplingOptions | undefined;
  /** Settings given on the command line; they apply to every arm. */
  overrides?: SamplingOptions | undefined;
}

/**
 * The one sampling point every arm of a comparison runs at (and, outside the axes a sweep
 * varies, every point of a sweep): the task's `sampling:` as the file says it now, with the
 * variant's own axes where it sets them; where an axis lists several values, the value the
 * prompt was measured at when it is still listed, else the first; then the overrides.
 */
export function currentSampling(
  task: TaskConfig,
  variant: VariantConfig | undefined,
  options: CurrentSamplingOptions = {},
): SamplingOptions {
  const overrides = checkedOverrides(options.overrides ?? {});
  const points = samplingPoints(task.sampling, variant?.sampling);
  const measuredAt = options.measuredAt ?? {};
  const varying = (Object.keys(points[0] ?? {}) as (keyof SamplingOptions)[]).filter(
    (key) =>
      key !== 'stop' && points.some((point) => point[key] !== (points[0] as SamplingOptions)[key]),
  );
  const chosen =
    points.find((point) => varying.every((key) => point[key] === measuredAt[key])) ?? points[0];
  const settings: SamplingOptions = { ...chosen };
  for (const [key, value] of Object.entries(overrides) as [keyof SamplingOptions, unknown][]) {
    if (value !== undefined) Object.assign(settings, { [key]: value });
  }
  return settings;
}

/** Flags are a boundary: the task file's ranges apply to them too. */
function checkedOverrides(overrides: SamplingOptions): SamplingOptions {
  const parsed = samplingGridSchema.safeParse(overrides);
  if (parsed.success) return overrides;
  const problems = parsed.error.issues.map((issue) => ({
    code: issue.code,
    path: issue.path.filter((part) => typeof part !== 'symbol'),
    message: issue.message,
  }));
  throw TunegateError.fromProblems('INVALID_ARGUMENT', problems);
}
