import type { SamplingOptions } from '../../spec/sampling-options.js';
import type { SamplingGrid } from '../task/task-schema.js';

/** Every numeric sampling setting, in the order labels print them. */
export const samplingNumberKeys = [
  'temperature',
  'topP',
  'topK',
  'maxTokens',
  'seed',
  'frequencyPenalty',
  'presencePenalty',
  'repeatPenalty',
] as const;

/**
 * Expands a sampling grid into its points (cartesian product, axes in a fixed order so the
 * index of a point is stable). Axes set on the variant replace the task's axes of the same name.
 */
export function samplingPoints(
  taskGrid: SamplingGrid,
  variantGrid?: SamplingGrid,
): SamplingOptions[] {
  let points: SamplingOptions[] = [{}];
  for (const axis of samplingNumberKeys) {
    const values = variantGrid?.[axis] ?? taskGrid[axis];
    if (!values) continue;
    const next: SamplingOptions[] = [];
    for (const point of points) for (const value of values) next.push({ ...point, [axis]: value });
    points = next;
  }
  const stop = variantGrid?.stop ?? taskGrid.stop;
  return stop ? points.map((point) => ({ ...point, stop })) : points;
}

/** A short human label such as `temperature=0.7 topP=0.9`; `default` when nothing is set. */
export function samplingLabel(point: SamplingOptions): string {
  const parts = samplingNumberKeys
    .filter((axis) => point[axis] !== undefined)
    .map((axis) => `${axis}=${point[axis]}`);
  return parts.length > 0 ? parts.join(' ') : 'default';
}
