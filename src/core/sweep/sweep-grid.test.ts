import { describe, expect, it } from 'vitest';
import { TunegateError } from '../../spec/tunegate-error.js';
import { defaultSweepAxes, gridSize, sweepAxes } from './sweep-grid.js';

describe('sweepAxes', () => {
  it('defaults to temperature 0.7–1.0, each with and without a high frequency penalty', () => {
    expect(sweepAxes()).toEqual(defaultSweepAxes);
    expect(defaultSweepAxes.temperature).toContain(0.9);
    expect(defaultSweepAxes.temperature).toContain(1);
    expect(defaultSweepAxes.frequencyPenalty).toContain(1);
    expect(gridSize(sweepAxes())).toBe(6);
  });

  it('replaces only the axes given, sorted and without repeats', () => {
    const axes = sweepAxes({ temperature: [1, 0.2, 1], presencePenalty: [0.5, 0] });
    expect(axes.temperature).toEqual([0.2, 1]);
    expect(axes.presencePenalty).toEqual([0, 0.5]);
    expect(axes.topP).toEqual([1]);
    expect(gridSize(axes)).toBe(2 * 1 * 2 * 2);
  });

  it('rejects values outside what providers accept', () => {
    expect(() => sweepAxes({ topP: [0] })).toThrow(TunegateError);
    expect(() => sweepAxes({ temperature: [2.5] })).toThrow(/temperature 2.5 is out of range/);
    expect(() => sweepAxes({ frequencyPenalty: [] })).toThrow(/at least one value/);
  });
});
