import { describe, expect, it } from 'vitest';
import { decideVerdict } from './decide-verdict.js';
import type { GateResult } from './gate-result.js';
import type { LimitsGateResult } from './limits-gate.js';

const ids = ['baseline', 'prompting', 'limits', 'fit', 'data'] as const;

function gates(failing: number[], meetsTargets = false): [GateResult[], LimitsGateResult] {
  const list = ids.map((id, index) => ({
    number: (index + 1) as GateResult['number'],
    id,
    title: id,
    pass: !failing.includes(index + 1),
    summary: `${id} summary`,
    evidence: [],
    next: failing.includes(index + 1) ? [`fix ${id}`] : [],
  }));
  const limits = { ...(list[2] as GateResult), meetsTargets };
  return [list.map((gate) => (gate.id === 'limits' ? limits : gate)), limits];
}

describe('decideVerdict', () => {
  it.each([
    [[], false, 'finetune', []],
    [[2], false, 'keep-prompting', ['gate 2: fix prompting']],
    [[1, 5], false, 'keep-prompting', ['gate 1: fix baseline', 'gate 5: fix data']],
    [[4], false, 'not-ready', ['gate 4: fix fit']],
    [[4, 5], false, 'not-ready', ['gate 4: fix fit', 'gate 5: fix data']],
    // A prompt that meets every target wins over everything else.
    [[3, 5], true, 'keep-prompting', ['gate 3: fix limits']],
  ])('failing %j (targets met: %s) → %s', (failing, meets, verdict, next) => {
    const [list, limits] = gates(failing, meets);
    const decision = decideVerdict(list, limits);
    expect(decision.verdict).toBe(verdict);
    expect(decision.nextActions).toEqual(next);
  });

  it('explains itself', () => {
    const [list, limits] = gates([4, 5]);
    expect(decideVerdict(list, limits).reason).toBe(
      'prompting has hit its limits, but gates 4 (fit), 5 (data) failed',
    );
  });
});
