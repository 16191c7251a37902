import { describe, expect, it } from 'vitest';
import { type ArmRequirements, armMismatch } from './arm-mismatch.js';
import type { GroupShape } from './group-shape.js';

const shape = (overrides: Partial<GroupShape> = {}): GroupShape => ({
  sampling: { temperature: 0, maxTokens: 8 },
  uniformSampling: true,
  caseIds: new Set(['q1', 'q2']),
  repeats: { min: 2, max: 2 },
  trials: 4,
  ...overrides,
});
const wanted = (overrides: Partial<ArmRequirements> = {}): ArmRequirements => ({
  settings: { temperature: 0, maxTokens: 8 },
  caseIds: new Set(['q1', 'q2']),
  repeats: 2,
  ...overrides,
});

describe('armMismatch', () => {
  it('reuses an arm stored at the same settings, cases and repeats', () => {
    expect(armMismatch(shape(), wanted())).toBeUndefined();
  });

  it('reruns an arm stored at maxTokens 8 when the task now says 16', () => {
    expect(armMismatch(shape(), wanted({ settings: { temperature: 0, maxTokens: 16 } }))).toBe(
      'ran at maxTokens 8, not 16',
    );
  });

  it('does not rerun for an unset setting against its explicit neutral value', () => {
    const stored = shape({ sampling: { temperature: 0, maxTokens: 8 } });
    const settings = { temperature: 0, maxTokens: 8, topP: 1, frequencyPenalty: 0 };
    expect(armMismatch(stored, wanted({ settings }))).toBeUndefined();
  });

  it('reruns an arm stored on other cases or with other repeats', () => {
    expect(armMismatch(shape(), wanted({ caseIds: new Set(['q1', 'q2', 'q3']) }))).toBe(
      'ran on other cases (2 stored, 3 now: 1 missing, 0 not in the eval set)',
    );
    expect(armMismatch(shape({ repeats: { min: 1, max: 2 } }), wanted())).toBe(
      'has 1–2 repeats per case, not 2',
    );
    expect(armMismatch(shape(), wanted({ repeats: 3 }))).toBe('has 2 repeats per case, not 3');
  });

  it('reruns a group with no answers or mixed settings', () => {
    expect(armMismatch(shape({ sampling: undefined }), wanted())).toBe('has no answers stored');
    expect(armMismatch(shape({ uniformSampling: false }), wanted())).toBe(
      'ran at more than one setting',
    );
  });
});
