import type { Comparison, ComparisonArm } from '../../src/core/compare/comparison.js';
import type { SweepPoint, SweepResult } from '../../src/core/sweep/sweep-result.js';
import type { ReportExtras } from '../../src/report/report-extras.js';
import { hostileOutput } from './readiness-fixture.js';

function arm(
  role: ComparisonArm['role'],
  label: string,
  passed: number,
  costPer1000: number,
): ComparisonArm {
  return {
    role,
    label,
    model: 'm',
    ref: 'double:m',
    variant: 'v',
    runId: 'r',
    samplingIndex: 0,
    sampling: 'default',
    reused: true,
    trials: 20,
    passed,
    passRate: passed / 20,
    lower: passed / 20 - 0.1,
    upper: Math.min(1, passed / 20 + 0.1),
    versusBest: role === 'best-prompt' ? null : { pairs: 20, onlyThis: 3, onlyBest: 1, p: 0.625 },
    consistency: 0.9,
    passAllRepeats: 0.8,
    diversity: {
      withinDistinct2: 0.1,
      withinSelfBleu: 0.5,
      acrossDistinct2: 0.7,
      acrossSelfBleu: 0.2,
    },
    latencyP50: 120,
    latencyP95: 340,
    inputTokensPerCall: 10,
    outputTokensPerCall: 2,
    costPer1000,
  };
}

function point(index: number, label: string, passRate: number, diversity: number): SweepPoint {
  return {
    samplingIndex: index,
    sampling: {},
    label,
    trials: 20,
    passed: passRate * 20,
    passRate,
    lower: passRate - 0.1,
    upper: Math.min(1, passRate + 0.1),
    consistency: 0.9,
    withinDistinct2: diversity,
    withinSelfBleu: 0.5,
    acrossDistinct2: 0.6,
    acrossSelfBleu: 0.3,
    latencyP50: 100,
    costPer1000: 0.5,
    passRateChange: passRate - 0.9,
    withinDistinct2Change: diversity - 0.1,
  };
}

/** A stored comparison and sweep as the report would get them; one label is hostile markup. */
export function finetuneReportExtras(): ReportExtras & {
  comparison: Comparison;
  sweep: SweepResult;
} {
  return {
    comparison: {
      id: 'cmp-1',
      taskName: 'spam',
      createdAt: '2026-11-24T10:00:00.000Z',
      evalCases: 10,
      repeats: 2,
      arms: [
        arm('finetuned', `finetuned-short on ${hostileOutput}`, 18, 0.25),
        arm('best-prompt', 'persona on a', 16, 1.5),
        arm('base', 'plain on a', 10, 0.5),
      ],
      economics: {
        trainingCost: 3,
        trainingMethod: 'as given',
        breakEvenCalls: 2400,
        breakEvenMonthlyCalls: 200,
        paybackMonths: 12,
        neverBreaksEven: false,
        curve: [],
        summary: 'training ($3.00) pays for itself after 2,400 calls',
      },
      verdict: 'finetuned 90.0% against best prompt 80.0%',
    },
    sweep: {
      id: 'sweep-1',
      taskName: 'spam',
      createdAt: '2026-11-24T11:00:00.000Z',
      runId: 'run-sweep',
      model: 'ft',
      variant: 'plain',
      repeats: 2,
      axes: { temperature: [0.7, 1], topP: [1], frequencyPenalty: [0, 1], presencePenalty: [0] },
      reference: 0,
      points: [
        point(0, 'temperature=0.7 frequencyPenalty=0', 0.9, 0.1),
        point(1, 'temperature=0.7 frequencyPenalty=1', 0.85, 0.3),
        point(2, 'temperature=1 frequencyPenalty=0', 0.8, 0.4),
        point(3, 'temperature=1 frequencyPenalty=1', 0.7, 0.6),
      ],
      summary: 'temperature=1 frequencyPenalty=1 brings distinct-2 within inputs from 0.10 to 0.60',
    },
  };
}
