import { escapeMarkdown as md } from './escape-markdown.js';
import type { ReportExtras } from './report-extras.js';
import { dollars, fixed, percent } from './report-format.js';

const roles = { finetuned: 'finetuned', 'best-prompt': 'best prompt', base: 'base' } as const;
const milliseconds = (value: number | null) => (value === null ? '–' : `${Math.round(value)} ms`);

const table = (header: string[], rows: string[][]): string =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

export function comparisonSectionMarkdown(extras: ReportExtras): string {
  const comparison = extras.comparison;
  if (!comparison) return '';
  const economics = comparison.economics;
  return [
    '## Finetuned model vs best prompt',
    `Comparison ${md(comparison.id)} over ${comparison.evalCases} eval cases: **${md(comparison.verdict)}**`,
    table(
      [
        'arm',
        'prompt on model',
        'pass rate',
        '95% CI',
        'paired p vs best (cases)',
        'agreement',
        'distinct-2 within',
        'distinct-2 across',
        'self-BLEU across',
        'latency p50',
        'latency p95',
        'per 1,000 calls',
      ],
      comparison.arms.map((arm) => [
        roles[arm.role],
        md(arm.label),
        percent(arm.passRate),
        `${percent(arm.lower)}–${percent(arm.upper)}`,
        arm.versusBest ? arm.versusBest.p.toPrecision(2) : '–',
        fixed(arm.consistency, 2),
        fixed(arm.diversity.withinDistinct2, 2),
        fixed(arm.diversity.acrossDistinct2, 2),
        fixed(arm.diversity.acrossSelfBleu, 2),
        milliseconds(arm.latencyP50),
        milliseconds(arm.latencyP95),
        dollars(arm.costPer1000),
      ]),
    ),
    `${md(economics.summary)}. Training: ${dollars(economics.trainingCost)} (${md(economics.trainingMethod)}).`,
  ].join('\n\n');
}

export function sweepSectionMarkdown(extras: ReportExtras): string {
  const sweep = extras.sweep;
  if (!sweep) return '';
  return [
    '## Sampling sweep: diversity vs pass rate',
    `${md(sweep.variant)} on ${md(sweep.model)}, ${sweep.repeats} repeats per case: **${md(sweep.summary)}**`,
    table(
      [
        'sampling',
        'pass rate',
        '95% CI',
        'change (points)',
        'distinct-2 within',
        'distinct-2 across',
        'self-BLEU across',
        'agreement',
        'per 1,000 calls',
      ],
      sweep.points.map((point, index) => [
        `${md(point.label)}${index === sweep.reference ? ' (reference)' : ''}`,
        percent(point.passRate),
        `${percent(point.lower)}–${percent(point.upper)}`,
        fixed(point.passRateChange * 100, 1),
        fixed(point.withinDistinct2, 2),
        fixed(point.acrossDistinct2, 2),
        fixed(point.acrossSelfBleu, 2),
        fixed(point.consistency, 2),
        dollars(point.costPer1000),
      ]),
    ),
  ].join('\n\n');
}
