import { describe, expect, it } from 'vitest';
import { samplingGridSchema } from '../task/task-schema.js';
import { samplingLabel, samplingPoints } from './sampling-points.js';

const grid = (input: unknown) => samplingGridSchema.parse(input);

describe('samplingPoints', () => {
  it('is one empty point when nothing is set', () => {
    expect(samplingPoints(grid({}))).toEqual([{}]);
  });

  it('is the cartesian product of the axes in a fixed order', () => {
    const points = samplingPoints(grid({ topP: [0.9, 1], temperature: [0, 0.7] }));
    expect(points).toEqual([
      { temperature: 0, topP: 0.9 },
      { temperature: 0, topP: 1 },
      { temperature: 0.7, topP: 0.9 },
      { temperature: 0.7, topP: 1 },
    ]);
  });

  it('lets a variant axis replace the task axis of the same name and keeps the others', () => {
    const points = samplingPoints(
      grid({ temperature: [0, 1], maxTokens: 5, stop: ['\n'] }),
      grid({ temperature: 0.3 }),
    );
    expect(points).toEqual([{ temperature: 0.3, maxTokens: 5, stop: ['\n'] }]);
  });

  it('labels points for humans', () => {
    expect(samplingLabel({})).toBe('default');
    expect(samplingLabel({ temperature: 0.7, frequencyPenalty: 1 })).toBe(
      'temperature=0.7 frequencyPenalty=1',
    );
  });
});
