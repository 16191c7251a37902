import { escapeMarkdown as md } from './escape-markdown.js';
import { armSettings, comparisonNotes, diversityFigure, sweepNotes } from './finetune-notes.js';
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
  const notes = comparisonNotes(comparison);
  return [
    '## Finetuned model vs best prompt',
    warningsMarkdown(notes.warnings, 'the arms did not run alike'),
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
        'ran at',
      ],
      comparison.arms.map((arm) => [
        roles[arm.role],
        md(arm.label),
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
        md(armSettings(arm)),
      ]),
    ),
    md(notes.text),
    `${md(economics.summary)}. Training: ${dollars(economics.trainingCost)} (${md(economics.trainingMethod)}).`,
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

export function sweepSectionMarkdown(extras: ReportExtras): string {
  const sweep = extras.sweep;
  if (!sweep) return '';
  const notes = sweepNotes(sweep);
  return [
    '## Sampling sweep: diversity vs pass rate',
    warningsMarkdown(notes.warnings, 'the points did not run alike outside the swept axes'),
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
        diversityFigure(point.withinDistinct2, point.diversityApplicability),
        diversityFigure(point.acrossDistinct2, point.diversityApplicability),
        diversityFigure(point.acrossSelfBleu, point.diversityApplicability),
        fixed(point.consistency, 2),
        dollars(point.costPer1000),
      ]),
    ),
    md(notes.text),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

function warningsMarkdown(warnings: readonly string[], headline: string): string {
  if (warnings.length === 0) return '';
  return [`> **WARNING: ${headline}.**`, ...warnings.map((warning) => `> - ${md(warning)}`)].join(
    '\n',
  );
}
