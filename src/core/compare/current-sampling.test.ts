import { describe, expect, it } from 'vitest';
import { taskSchema } from '../task/task-schema.js';
import { currentSampling } from './current-sampling.js';

const task = (sampling: unknown, variantSampling?: unknown) =>
  taskSchema.parse({
    name: 'demo',
    instruction: 'Answer.',
    output: { kind: 'text' },
    checks: [{ type: 'equals' }],
    data: { eval: 'eval.jsonl' },
    models: [{ ref: 'double:echo' }],
    variants: [
      { name: 'plain' },
      { name: 'own', ...(variantSampling ? { sampling: variantSampling } : {}) },
    ],
    sampling,
  });

describe('currentSampling', () => {
  it('is the task file’s sampling as it is now, not the one the prompt was measured at', () => {
    const config = task({ temperature: 0, maxTokens: 16 });
    expect(
      currentSampling(config, config.variants[0], {
        measuredAt: { temperature: 0, maxTokens: 8 },
      }),
    ).toEqual({ temperature: 0, maxTokens: 16 });
  });

  it('keeps the measured value of an axis that lists several, when it is still listed', () => {
    const config = task({ temperature: [0, 0.7], maxTokens: 16 });
    const variant = config.variants[0];
    expect(currentSampling(config, variant, { measuredAt: { temperature: 0.7 } })).toEqual({
      temperature: 0.7,
      maxTokens: 16,
    });
    expect(currentSampling(config, variant, { measuredAt: { temperature: 1 } })).toEqual({
      temperature: 0,
      maxTokens: 16,
    });
  });

  it('takes the variant’s own axes, then the flags over everything', () => {
    const config = task({ temperature: 0, maxTokens: 16, stop: ['\n'] }, { temperature: 0.9 });
    const own = config.variants[1];
    expect(currentSampling(config, own)).toEqual({ temperature: 0.9, maxTokens: 16, stop: ['\n'] });
    expect(currentSampling(config, own, { overrides: { maxTokens: 32, seed: 7 } })).toEqual({
      temperature: 0.9,
      maxTokens: 32,
      seed: 7,
      stop: ['\n'],
    });
  });

  it('refuses a flag out of the task file’s ranges', () => {
    const config = task({});
    expect(() => currentSampling(config, undefined, { overrides: { topP: 0 } })).toThrow(/topP/);
    expect(() => currentSampling(config, undefined, { overrides: { temperature: 3 } })).toThrow(
      /temperature/,
    );
  });
});
