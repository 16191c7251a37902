import { escapeHtml as h } from './escape-html.js';
import { chart, table } from './html-parts.js';
import type { ReportExtras } from './report-extras.js';
import { dollars, fixed, percent } from './report-format.js';

const roles = { finetuned: 'finetuned', 'best-prompt': 'best prompt', base: 'base' } as const;
const milliseconds = (value: number | null) => (value === null ? '–' : `${Math.round(value)} ms`);

/** The finetuned model against the best prompt and the base: table, chart, economics. */
export function comparisonSectionHtml(extras: ReportExtras): string {
  const comparison = extras.comparison;
  if (!comparison) return '';
  const economics = comparison.economics;
  return `<section id="finetune-comparison"><h2>Finetuned model vs best prompt</h2>
<p>Comparison ${h(comparison.id)} of ${h(comparison.createdAt)} over ${comparison.evalCases} eval cases: <strong>${h(comparison.verdict)}</strong></p>
${chart('chart-comparison', 'pass rate with 95% interval of the finetuned model, the best prompt and the base model')}
${table(
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
    arm.label,
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
  [
    '',
    '',
    'number',
    'number',
    'number',
    'number',
    'number',
    'number',
    'number',
    'number',
    'number',
    'number',
  ],
)}
<p>${h(economics.summary)}. Training: ${h(dollars(economics.trainingCost))} (${h(economics.trainingMethod)}).</p>
</section>`;
}

/** The sampling sweep: pass rate against diversity within inputs, one point per setting. */
export function sweepSectionHtml(extras: ReportExtras): string {
  const sweep = extras.sweep;
  if (!sweep) return '';
  return `<section id="sampling-sweep"><h2>Sampling sweep: diversity vs pass rate</h2>
<p>${h(sweep.variant)} on ${h(sweep.model)}, ${sweep.repeats} repeats per case (run ${h(sweep.runId)}): <strong>${h(sweep.summary)}</strong></p>
${chart('chart-sweep', 'pass rate against distinct-2 within inputs for each sampling setting')}
${table(
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
    `${point.label}${index === sweep.reference ? ' (reference)' : ''}`,
    percent(point.passRate),
    `${percent(point.lower)}–${percent(point.upper)}`,
    fixed(point.passRateChange * 100, 1),
    fixed(point.withinDistinct2, 2),
    fixed(point.acrossDistinct2, 2),
    fixed(point.acrossSelfBleu, 2),
    fixed(point.consistency, 2),
    dollars(point.costPer1000),
  ]),
  ['', 'number', 'number', 'number', 'number', 'number', 'number', 'number', 'number'],
)}
</section>`;
}
