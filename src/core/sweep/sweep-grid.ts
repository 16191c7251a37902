import { TunegateError } from '../../spec/tunegate-error.js';
import type { SweepAxes } from './sweep-result.js';

/** The settings a sweep varies; every other one is the same current setting at every point. */
export const sweptAxes = ['temperature', 'topP', 'frequencyPenalty', 'presencePenalty'] as const;

/**
 * The default grid: temperature 0.7, 0.9 and 1.0, each without and with a high frequency
 * penalty (1.0), the setting practitioners use to make a finetune less repetitive; top-p 1
 * and no presence penalty. Six points.
 */
export const defaultSweepAxes: SweepAxes = {
  temperature: [0.7, 0.9, 1],
  topP: [1],
  frequencyPenalty: [0, 1],
  presencePenalty: [0],
};

const limits: Record<keyof SweepAxes, { min: number; max: number; minExclusive?: boolean }> = {
  temperature: { min: 0, max: 2 },
  topP: { min: 0, max: 1, minExclusive: true },
  frequencyPenalty: { min: -2, max: 2 },
  presencePenalty: { min: -2, max: 2 },
};

/**
 * The grid to run: each axis given replaces the default's; values are de-duplicated and
 * sorted ascending, so the first point is the most conservative corner (the reference).
 */
export function sweepAxes(overrides: Partial<SweepAxes> = {}): SweepAxes {
  const axes = { ...defaultSweepAxes };
  for (const name of Object.keys(limits) as (keyof SweepAxes)[]) {
    const values = overrides[name];
    if (values === undefined) continue;
    if (values.length === 0) {
      throw new TunegateError('INVALID_ARGUMENT', `sweep: ${name} needs at least one value`);
    }
    const { min, max, minExclusive } = limits[name];
    for (const value of values) {
      const low = minExclusive ? value <= min : value < min;
      if (!Number.isFinite(value) || low || value > max) {
        throw new TunegateError(
          'INVALID_ARGUMENT',
          `sweep: ${name} ${value} is out of range (${minExclusive ? '>' : '≥'} ${min}, ≤ ${max})`,
        );
      }
    }
    axes[name] = [...new Set(values)].sort((a, b) => a - b);
  }
  return axes;
}

export function gridSize(axes: SweepAxes): number {
  return (
    axes.temperature.length *
    axes.topP.length *
    axes.frequencyPenalty.length *
    axes.presencePenalty.length
  );
}
