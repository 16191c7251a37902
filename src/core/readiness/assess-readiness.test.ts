import { afterEach, describe, expect, it } from 'vitest';
import {
  type ReadinessFixture,
  readinessFixture,
} from '../../../test/support/readiness-fixture.js';
import { assessReadiness } from './assess-readiness.js';

let fixture: ReadinessFixture | undefined;
afterEach(() => fixture?.remove());

describe('assessReadiness', () => {
  it('passes all five gates on a history that earns its finetune', async () => {
    fixture = await readinessFixture();
    const readiness = await assessReadiness(fixture.task, fixture.store, {
      now: () => new Date('2026-11-24T00:00:00Z'),
    });
    expect(readiness.gates.map((gate) => [gate.number, gate.pass])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
      [5, true],
    ]);
    expect(readiness.verdict).toBe('finetune');
    expect(readiness.generatedAt).toBe('2026-11-24T00:00:00.000Z');
    expect(readiness.evalCases).toBe(4);
    expect(readiness.limits.iterations.map((iteration) => iteration.variant)).toEqual([
      'baseline',
      'firm',
      'shots',
      'persona',
    ]);
    expect(readiness.limits.neverSolved.map((row) => row.caseId)).toEqual(['c4']);
    expect(readiness.dataset.cleanExamples).toBe(200);
    // Best prompt: 400 input and 2 output tokens a call at $2/$8 per 1M = $0.000816.
    expect(readiness.economics.bestPrompt?.costPerCall).toBeCloseTo(0.000816, 12);
    expect(readiness.economics.breakEvenCalls).toBeGreaterThan(0);
    expect(readiness.points.map((point) => point.variant)).toEqual([
      'baseline',
      'firm',
      'shots',
      'persona',
    ]);
  });

  it('is not ready with too little training data, and says what to add', async () => {
    fixture = await readinessFixture({ trainRows: 150 });
    const readiness = await assessReadiness(fixture.task, fixture.store);
    expect(readiness.verdict).toBe('not-ready');
    expect(readiness.nextActions).toEqual(['gate 5: add 50 more clean examples']);
  });
});
