import { describeTrainingTokens } from '../core/datasets/training-token-count.js';
import type { Readiness } from '../core/readiness/assess-readiness.js';
import { type ChartSeries, chartSeries } from './chart-series.js';
import { escapeMarkdown as md } from './escape-markdown.js';
import { comparisonSectionMarkdown, sweepSectionMarkdown } from './finetune-sections-markdown.js';
import type { ReportExtras } from './report-extras.js';
import { dollars, fixed, percent, perMillion, wholeNumber } from './report-format.js';

const table = (header: string[], rows: string[][]): string =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

/** The report as Markdown: the same sections as the HTML, charts as the tables behind them. */
export function renderMarkdownReport(readiness: Readiness, extras: ReportExtras = {}): string {
  const charts = chartSeries(readiness, extras);
  return [
    `# tunegate readiness: ${md(readiness.task.name)}`,
    `Generated ${md(readiness.generatedAt)} from ${readiness.limits.iterations.length} iterations over ${readiness.evalCases} eval cases.`,
    `**Verdict: ${readiness.verdict}**: ${md(readiness.verdictReason)}`,
    readiness.nextActions.length > 0
      ? `Next:\n\n${readiness.nextActions.map((action) => `- ${md(action)}`).join('\n')}`
      : '',
    gatesSection(readiness),
    iterationsSection(readiness, charts),
    passRateSection(charts),
    tradeoffSection(charts),
    economicsSection(readiness, charts),
    comparisonSectionMarkdown(extras),
    sweepSectionMarkdown(extras),
    limitsSection(readiness),
    lintSection(readiness),
  ]
    .filter((part) => part !== '')
    .join('\n\n')
    .concat('\n');
}

function gatesSection(readiness: Readiness): string {
  const blocks = readiness.gates.map((gate) =>
    [
      `### Gate ${gate.number}: ${md(gate.title)}: ${gate.pass ? 'PASS' : 'FAIL'}`,
      md(gate.summary),
      gate.evidence.map((line) => `- ${md(line)}`).join('\n'),
      gate.next.length > 0 ? `Next: ${gate.next.map(md).join('; ')}` : '',
    ]
      .filter((part) => part !== '')
      .join('\n\n'),
  );
  return ['## The gates', ...blocks].join('\n\n');
}

function iterationsSection(readiness: Readiness, charts: ChartSeries): string {
  const plateau = readiness.limits.plateau;
  return [
    '## Best score vs iteration',
    `Plateau (δ ${plateau.delta}, last ${plateau.window} iterations): ${plateau.reached ? 'reached' : 'not reached'}: ${md(plateau.reason)}`,
    table(
      ['#', 'variant on model', 'pass rate', '95% CI', 'best so far', 'in plateau window'],
      charts.iterations.map((point) => [
        String(point.index),
        md(point.label),
        percent(point.passRate),
        `${percent(point.lower)}–${percent(point.upper)}`,
        percent(point.bestSoFar),
        charts.plateau && point.index >= charts.plateau.start ? 'yes' : '',
      ]),
    ),
  ].join('\n\n');
}

function passRateSection(charts: ChartSeries): string {
  return [
    '## Pass rate per variant × model',
    `Target pass rate: ${percent(charts.targetPassRate)}. Each pair as last evaluated (its best sampling point).`,
    table(
      ['variant on model', 'pass rate', '95% CI'],
      charts.passRates.map((row) => [
        md(row.label),
        percent(row.passRate),
        `${percent(row.lower)}–${percent(row.upper)}`,
      ]),
    ),
  ].join('\n\n');
}

function tradeoffSection(charts: ChartSeries): string {
  const spread = charts.tradeoffMeasure === 'answer spread';
  return [
    '## Consistency vs diversity per variant × model',
    'Consistency: mean agreement across repeats. ' +
      (spread
        ? `Diversity n/a (${md(charts.tradeoffReason ?? 'short answers')}): distinct-n of labels or answers of a few words is not creativity; shown instead: answer spread across inputs (1 − share of the most common answer).`
        : 'Diversity: distinct-2 across inputs.') +
      (charts.consistencyTarget === null
        ? ''
        : ` Consistency target ${percent(charts.consistencyTarget)}.`) +
      (charts.diversityFloor === null || spread
        ? ''
        : ` Diversity floor ${fixed(charts.diversityFloor)}.`),
    table(
      ['variant on model', 'consistency', spread ? 'answer spread' : 'diversity'],
      charts.tradeoff.map((row) => [md(row.label), percent(row.consistency), fixed(row.value)]),
    ),
    charts.tradeoffMissing.length > 0
      ? `Not measurable (fewer than 2 repeats or outputs): ${charts.tradeoffMissing.map(md).join(', ')}`
      : '',
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

function economicsSection(readiness: Readiness, charts: ChartSeries): string {
  const economics = readiness.economics;
  const rows: string[][] = [];
  if (economics.bestPrompt) {
    const best = economics.bestPrompt;
    rows.push([
      md(`best prompt: ${best.label} (${best.ref})`),
      fixed(best.inputTokensPerCall, 1),
      fixed(best.outputTokensPerCall, 1),
      dollars(best.costPerCall),
    ]);
  }
  if (economics.finetuned) {
    const tuned = economics.finetuned;
    rows.push([
      md(`finetuned ${tuned.baseRef} (${tuned.method})`),
      fixed(tuned.inputTokensPerCall, 1),
      fixed(tuned.outputTokensPerCall, 1),
      dollars(tuned.costPerCall),
    ]);
  }
  const training = economics.training;
  return [
    '## Economics',
    md(economics.summary),
    rows.length > 0 ? table(['per call', 'input tokens', 'output tokens', 'cost'], rows) : '',
    training
      ? `Training: ${md(describeTrainingTokens(training))}, at ${perMillion(training.pricePerMillion)} = ${dollars(training.cost)} (${md(training.method)}). Payback period: ${economics.paybackMonths} months; break-even volume: ${economics.breakEvenMonthlyCalls === null ? (economics.neverBreaksEven ? 'never' : 'unknown') : `${wholeNumber(economics.breakEvenMonthlyCalls)} calls a month`}.`
      : '',
    table(
      ['model', 'reference', 'input', 'output', 'training', 'finetuned input', 'finetuned output'],
      economics.prices.map((row) => [
        md(row.model),
        md(row.ref),
        perMillion(row.input),
        perMillion(row.output),
        perMillion(row.training),
        perMillion(row.finetunedInput),
        perMillion(row.finetunedOutput),
      ]),
    ),
    charts.cost
      ? `### Cost per 1,000 calls vs monthly volume\n\n${table(
          ['calls a month', 'best prompt', 'finetuned (training spread over the payback period)'],
          charts.cost.points.map((point) => [
            wholeNumber(point.monthlyCalls),
            dollars(point.promptPer1000),
            dollars(point.finetunedPer1000),
          ]),
        )}`
      : '',
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

function limitsSection(readiness: Readiness): string {
  const limits = readiness.limits;
  const split = limits.failures;
  const hard = [
    ...limits.neverSolved.map((row) => ({ ...row, kind: 'never solved' })),
    ...limits.rarelySolved.map((row) => ({ ...row, kind: 'rarely solved' })),
  ];
  return [
    '## Limits of prompting',
    split
      ? `At the best prompt: ${split.format} format failures, ${split.consistency} consistency failures, ${split.knowledge} knowledge failures, ${split.errors} failed calls, out of ${split.trials} trials.`
      : 'No evaluations yet.',
    limits.checkFailures.length > 0
      ? table(
          ['check', 'kind', 'failures'],
          limits.checkFailures.map((row) => [md(row.name), row.kind, String(row.failures)]),
        )
      : '',
    hard.length > 0
      ? `### Hard cases\n\n${table(
          ['case', 'status', 'solve rate', 'solved by', 'best prompt answered'],
          hard.map((row) => [
            md(row.caseId),
            row.kind,
            percent(row.solveRate),
            md(row.solvedBy.join(', ') || '–'),
            row.bestPromptOutput === null ? '–' : md(row.bestPromptOutput.slice(0, 300)),
          ]),
        )}`
      : '',
    limits.bestMisses.length > 0
      ? `### Cases the best prompt fails most\n\n${table(
          ['case', 'passed', 'answer'],
          limits.bestMisses.map((miss) => [
            md(miss.caseId),
            `${miss.passed}/${miss.trials}`,
            miss.output === null ? '–' : md(miss.output.slice(0, 300)),
          ]),
        )}`
      : '',
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

function lintSection(readiness: Readiness): string {
  const targets = [readiness.lint.instruction, ...readiness.lint.variants];
  const rows = targets.flatMap((target) =>
    target.findings.map((finding) => [
      md(target.name),
      finding.severity,
      finding.code,
      md(finding.message),
    ]),
  );
  return [
    '## Clarity lint',
    rows.length === 0 ? 'No findings.' : table(['prompt', 'severity', 'rule', 'finding'], rows),
  ].join('\n\n');
}
