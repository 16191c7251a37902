import { escapeHtml as h } from './escape-html.js';
import { armSettings, comparisonNotes, diversityFigure, sweepNotes } from './finetune-notes.js';
import { chart, list, table } from './html-parts.js';
import type { ReportExtras } from './report-extras.js';
import { dollars, fixed, percent } from './report-format.js';

const roles = { finetuned: 'finetuned', 'best-prompt': 'best prompt', base: 'base' } as const;
const milliseconds = (value: number | null) => (value === null ? '–' : `${Math.round(value)} ms`);

/** The finetuned model against the best prompt and the base: table, chart, economics. */
export function comparisonSectionHtml(extras: ReportExtras): string {
  const comparison = extras.comparison;
  if (!comparison) return '';
  const economics = comparison.economics;
  const notes = comparisonNotes(comparison);
  return `<section id="finetune-comparison"><h2>Finetuned model vs best prompt</h2>
${warningsHtml(notes.warnings, 'the arms did not run alike')}<p>Comparison ${h(comparison.id)} of ${h(comparison.createdAt)} over ${comparison.evalCases} eval cases: <strong>${h(comparison.verdict)}</strong></p>
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
    'ran at',
  ],
  comparison.arms.map((arm) => [
    roles[arm.role],
    arm.label,
    percent(arm.passRate),
    `${percent(arm.lower)}–${percent(arm.upper)}`,
    arm.versusBest ? arm.versusBest.p.toPrecision(2) : '–',
    fixed(arm.consistency, 2),
    diversityFigure(arm.diversity.withinDistinct2, arm.diversity.applicability),
    diversityFigure(arm.diversity.acrossDistinct2, arm.diversity.applicability),
    diversityFigure(arm.diversity.acrossSelfBleu, arm.diversity.applicability),
    milliseconds(arm.latencyP50),
    milliseconds(arm.latencyP95),
    dollars(arm.costPer1000),
    armSettings(arm),
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
    '',
  ],
)}
${notes.text === '' ? '' : `<p class="note">${h(notes.text)}</p>\n`}<p>${h(economics.summary)}. Training: ${h(dollars(economics.trainingCost))} (${h(economics.trainingMethod)}).</p>
</section>`;
}

/** The sampling sweep: pass rate against diversity within inputs, one point per setting. */
export function sweepSectionHtml(extras: ReportExtras): string {
  const sweep = extras.sweep;
  if (!sweep) return '';
  const notes = sweepNotes(sweep);
  return `<section id="sampling-sweep"><h2>Sampling sweep: diversity vs pass rate</h2>
${warningsHtml(notes.warnings, 'the points did not run alike outside the swept axes')}<p>${h(sweep.variant)} on ${h(sweep.model)}, ${sweep.repeats} repeats per case (run ${h(sweep.runId)}): <strong>${h(sweep.summary)}</strong></p>
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
    diversityFigure(point.withinDistinct2, point.diversityApplicability),
    diversityFigure(point.acrossDistinct2, point.diversityApplicability),
    diversityFigure(point.acrossSelfBleu, point.diversityApplicability),
    fixed(point.consistency, 2),
    dollars(point.costPer1000),
  ]),
  ['', 'number', 'number', 'number', 'number', 'number', 'number', 'number', 'number'],
)}
${notes.text === '' ? '' : `<p class="note">${h(notes.text)}</p>\n`}</section>`;
}

function warningsHtml(warnings: readonly string[], headline: string): string {
  if (warnings.length === 0) return '';
  return `<div class="warning" role="alert"><p><strong>WARNING: ${h(headline)}.</strong></p>${list(warnings)}</div>\n`;
}
