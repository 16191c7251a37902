import { createHash } from 'node:crypto';
import { describeTrainingTokens } from '../core/datasets/training-token-count.js';
import type { Readiness } from '../core/readiness/assess-readiness.js';
import { chartLibrarySource } from './chart-library.js';
import { chartScript } from './chart-script.js';
import { type ChartSeries, chartSeries } from './chart-series.js';
import { escapeHtml as h, jsonForScript } from './escape-html.js';
import { comparisonSectionHtml, sweepSectionHtml } from './finetune-sections-html.js';
import { chart, list, table } from './html-parts.js';
import type { ReportExtras } from './report-extras.js';
import { dollars, fixed, percent, perMillion } from './report-format.js';
import { reportStyles } from './report-styles.js';

const scriptHash = (source: string) =>
  `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;

/**
 * A self-contained HTML report: Chart.js and the drawing code are inlined, and a Content
 * Security Policy allows only those two scripts (by hash) and no network at all. Every
 * string from the task, the store or a model is escaped. The latest finetune comparison and
 * sampling sweep get their own sections when there are any.
 */
export function renderHtmlReport(readiness: Readiness, extras: ReportExtras = {}): string {
  const charts = chartSeries(readiness, extras);
  const library = chartLibrarySource();
  const policy = [
    "default-src 'none'",
    `script-src ${scriptHash(library)} ${scriptHash(chartScript)}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = `tunegate readiness: ${readiness.task.name}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>${reportStyles}</style>
</head>
<body>
<header>
<h1>${h(title)}</h1>
<p class="meta">Generated ${h(readiness.generatedAt)} from ${readiness.limits.iterations.length} iterations over ${readiness.evalCases} eval cases. Task file ${h(readiness.task.file)}.</p>
<p class="verdict verdict-${h(readiness.verdict)}">Verdict: <strong>${h(readiness.verdict)}</strong>: ${h(readiness.verdictReason)}</p>
${list(readiness.nextActions)}
</header>
${gatesSection(readiness)}
${iterationsSection(readiness, charts)}
${passRatesSection(charts)}
${tradeoffSection(charts)}
${economicsSection(readiness, charts)}
${comparisonSectionHtml(extras)}
${sweepSectionHtml(extras)}
${limitsSection(readiness)}
${lintSection(readiness)}
<script type="application/json" id="report-data">${jsonForScript(charts)}</script>
<script>${library}</script>
<script>${chartScript}</script>
</body>
</html>
`;
}

function gatesSection(readiness: Readiness): string {
  const gates = readiness.gates.map(
    (gate) => `<div class="gate" id="gate-${gate.number}">
<h3><span class="badge badge-${gate.pass ? 'pass' : 'fail'}">${gate.pass ? 'PASS' : 'FAIL'}</span>Gate ${gate.number}: ${h(gate.title)}</h3>
<p>${h(gate.summary)}</p>
${list(gate.evidence)}
${gate.next.length > 0 ? `<p><strong>Next:</strong> ${h(gate.next.join('; '))}</p>` : ''}
</div>`,
  );
  return `<section id="gates"><h2>The gates</h2>\n${gates.join('\n')}\n</section>`;
}

function iterationsSection(readiness: Readiness, charts: ChartSeries): string {
  const plateau = readiness.limits.plateau;
  if (charts.iterations.length === 0) {
    return '<section id="iterations"><h2>Best score vs iteration</h2><p class="note">No iterations yet.</p></section>';
  }
  return `<section id="iterations"><h2>Best score vs iteration</h2>
<p>Plateau (δ ${plateau.delta}, last ${plateau.window} iterations): <strong>${plateau.reached ? 'reached' : 'not reached'}</strong>: ${h(plateau.reason)}</p>
${chart('chart-iterations', 'best pass rate so far against iteration number, with the plateau window marked')}
<details><summary>Iterations (${charts.iterations.length})</summary>
${table(
  ['#', 'variant on model', 'pass rate', '95% CI', 'best so far'],
  charts.iterations.map((point) => [
    String(point.index),
    point.label,
    percent(point.passRate),
    `${percent(point.lower)}–${percent(point.upper)}`,
    percent(point.bestSoFar),
  ]),
  ['number', '', 'number', 'number', 'number'],
)}</details></section>`;
}

function passRatesSection(charts: ChartSeries): string {
  if (charts.passRates.length === 0) return '';
  return `<section id="pass-rates"><h2>Pass rate per variant × model</h2>
<p class="note">Each pair as last evaluated, at its best sampling point; bars are 95% Wilson intervals; the dashed line is the target (${percent(charts.targetPassRate)}).</p>
${chart('chart-pass-rates', 'pass rate with 95% interval for each variant and model')}
</section>`;
}

function tradeoffSection(charts: ChartSeries): string {
  const spread = charts.tradeoffMeasure === 'answer spread';
  const missing =
    charts.tradeoffMissing.length > 0
      ? `<p class="note">Not measurable (fewer than 2 repeats or outputs): ${h(charts.tradeoffMissing.join(', '))}</p>`
      : '';
  const body =
    charts.tradeoff.length > 0
      ? chart(
          'chart-tradeoff',
          `consistency against ${spread ? 'answer spread' : 'diversity'} for each variant and model`,
        )
      : '<p class="note">No pair has the repeats needed to measure consistency.</p>';
  const measure = spread
    ? `Diversity n/a (${charts.tradeoffReason ?? 'short answers'}): distinct-n of labels or answers of a few words is not creativity; shown instead: answer spread across inputs (1 − share of the most common answer).`
    : 'Diversity: distinct-2 across inputs (higher = more varied).';
  return `<section id="tradeoff"><h2>Consistency vs diversity per variant × model</h2>
<p class="note">Consistency: mean agreement across repeats. ${h(measure)}</p>
${body}${missing}
${table(
  ['variant on model', 'consistency', spread ? 'answer spread' : 'diversity'],
  charts.tradeoff.map((row) => [row.label, percent(row.consistency), fixed(row.value)]),
  ['', 'number', 'number'],
)}</section>`;
}

function economicsSection(readiness: Readiness, charts: ChartSeries): string {
  const economics = readiness.economics;
  const rows: string[][] = [];
  if (economics.bestPrompt) {
    const best = economics.bestPrompt;
    rows.push([
      `best prompt: ${best.label} (${best.ref})`,
      fixed(best.inputTokensPerCall, 1),
      fixed(best.outputTokensPerCall, 1),
      dollars(best.costPerCall),
    ]);
  }
  if (economics.finetuned) {
    const tuned = economics.finetuned;
    rows.push([
      `finetuned ${tuned.baseRef}: ${tuned.method}`,
      fixed(tuned.inputTokensPerCall, 1),
      fixed(tuned.outputTokensPerCall, 1),
      dollars(tuned.costPerCall),
    ]);
  }
  const training = economics.training;
  const trainingLine = training
    ? `<p>Training: ${h(describeTrainingTokens(training))}, at ${h(perMillion(training.pricePerMillion))} = ${h(dollars(training.cost))} (${h(training.method)}). Payback period ${economics.paybackMonths} months.</p>`
    : '';
  return `<section id="economics"><h2>Economics</h2>
<p><strong>${h(economics.summary)}</strong></p>
${rows.length > 0 ? table(['per call', 'input tokens', 'output tokens', 'cost'], rows, ['', 'number', 'number', 'number']) : ''}
${trainingLine}
${charts.cost ? chart('chart-cost', 'cost per 1,000 calls against monthly volume, best prompt and finetuned model, with the break-even point') : '<p class="note">No cost chart: a price is unknown or nothing was evaluated.</p>'}
<h3>Prices (US$ per 1M tokens)</h3>
${table(
  ['model', 'reference', 'input', 'output', 'training', 'finetuned input', 'finetuned output'],
  economics.prices.map((row) => [
    row.model,
    row.ref,
    perMillion(row.input),
    perMillion(row.output),
    perMillion(row.training),
    perMillion(row.finetunedInput),
    perMillion(row.finetunedOutput),
  ]),
)}</section>`;
}

function limitsSection(readiness: Readiness): string {
  const limits = readiness.limits;
  const split = limits.failures;
  const hard = [
    ...limits.neverSolved.map((row) => ({ ...row, kind: 'never solved' })),
    ...limits.rarelySolved.map((row) => ({ ...row, kind: 'rarely solved' })),
  ];
  return `<section id="limits"><h2>Limits of prompting</h2>
<p>${split ? h(`At the best prompt: ${split.format} format failures, ${split.consistency} consistency failures, ${split.knowledge} knowledge failures, ${split.errors} failed calls, out of ${split.trials} trials.`) : 'No evaluations yet.'}</p>
${
  limits.checkFailures.length > 0
    ? table(
        ['check', 'kind', 'failures'],
        limits.checkFailures.map((row) => [row.name, row.kind, String(row.failures)]),
        ['', '', 'number'],
      )
    : ''
}
${
  hard.length > 0
    ? `<h3>Hard cases</h3>${table(
        ['case', 'status', 'solve rate', 'solved by', 'best prompt answered'],
        hard.map((row) => [
          row.caseId,
          row.kind,
          percent(row.solveRate),
          row.solvedBy.join(', ') || '–',
          row.bestPromptOutput?.slice(0, 300) ?? '–',
        ]),
        ['', '', 'number', '', 'output'],
      )}`
    : ''
}
${
  limits.bestMisses.length > 0
    ? `<h3>Cases the best prompt fails most</h3>${table(
        ['case', 'passed', 'answer'],
        limits.bestMisses.map((miss) => [
          miss.caseId,
          `${miss.passed}/${miss.trials}`,
          miss.output?.slice(0, 300) ?? '–',
        ]),
        ['', 'number', 'output'],
      )}`
    : ''
}
</section>`;
}

function lintSection(readiness: Readiness): string {
  const rows = [readiness.lint.instruction, ...readiness.lint.variants].flatMap((target) =>
    target.findings.map((finding) => [
      target.name,
      finding.severity,
      finding.code,
      finding.message,
    ]),
  );
  return `<section id="lint"><h2>Clarity lint</h2>
${rows.length === 0 ? '<p>No findings.</p>' : table(['prompt', 'severity', 'rule', 'finding'], rows)}
</section>`;
}
