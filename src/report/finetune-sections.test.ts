import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finetuneReportExtras } from '../../test/support/finetune-report-extras.js';
import {
  hostileOutput,
  type ReadinessFixture,
  readinessFixture,
} from '../../test/support/readiness-fixture.js';
import { assessReadiness, type Readiness } from '../core/readiness/assess-readiness.js';
import { renderHtmlReport } from './render-html-report.js';
import { renderJsonReport } from './render-json-report.js';
import { renderMarkdownReport } from './render-markdown-report.js';

let fixture: ReadinessFixture;
let readiness: Readiness;
const extras = finetuneReportExtras();
beforeAll(async () => {
  fixture = await readinessFixture();
  readiness = await assessReadiness(fixture.task, fixture.store);
});
afterAll(() => fixture.remove());

describe('the finetune comparison and sampling sweep in the reports', () => {
  it('adds both sections and charts to the HTML, escaped, with still only its own two scripts', () => {
    const page = renderHtmlReport(readiness, extras);
    expect(page).toContain('<section id="finetune-comparison">');
    expect(page).toContain('<section id="sampling-sweep">');
    expect(page).toContain('<canvas id="chart-comparison"');
    expect(page).toContain('<canvas id="chart-sweep"');
    expect(page).not.toContain(hostileOutput);
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
      (match) => match[1] as string,
    );
    expect(scripts).toHaveLength(2);
    for (const script of scripts) {
      const hash = createHash('sha256').update(script).digest('base64');
      expect(page).toContain(`&#39;sha256-${hash}&#39;`);
    }
    // Table cells: McNemar 0.625 → "0.63", cost $0.25 per 1,000 calls, p50 120 ms.
    expect(page).toContain('<td class="number">0.63</td>');
    expect(page).toContain('<td class="number">$0.25</td>');
    expect(page).toContain('<td class="number">120 ms</td>');
  });

  it('leaves the report as it was without a comparison or sweep', () => {
    const page = renderHtmlReport(readiness);
    expect(page).not.toContain('<section id="finetune-comparison">');
    expect(page).not.toContain('<canvas id="chart-sweep"');
  });

  it('lists them as tables in Markdown and whole in JSON', () => {
    const markdown = renderMarkdownReport(readiness, extras);
    expect(markdown).toContain('## Finetuned model vs best prompt');
    expect(markdown).toContain('| best prompt | persona on a | 80.0% | 70.0%–90.0% | – |');
    expect(markdown).toContain('## Sampling sweep: diversity vs pass rate');
    expect(markdown).toContain('| temperature=0.7 frequencyPenalty=0 (reference) | 90.0% |');
    expect(markdown).not.toContain('<script');
    const json = JSON.parse(renderJsonReport(readiness, extras));
    expect(json.comparison.id).toBe('cmp-1');
    expect(json.sweep.points).toHaveLength(4);
    expect(json.charts.comparison.arms.map((arm: { passRate: number }) => arm.passRate)).toEqual([
      0.9, 0.8, 0.5,
    ]);
    expect(json.charts.sweep.measure).toBe('diversity');
    expect(json.charts.sweep.points.map((point: { value: number }) => point.value)).toEqual([
      0.1, 0.3, 0.4, 0.6,
    ]);
    expect(JSON.parse(renderJsonReport(readiness)).comparison).toBeNull();
  });

  it('shows the settings each arm ran at, n/a diversity for short answers, and warnings', () => {
    const base = finetuneReportExtras();
    const applicability = {
      applies: false,
      reason: 'label outputs',
      medianWords: 1,
      answers: { inputs: 10, distinct: 1, modalShare: 1 },
    };
    const settings = { temperature: 0, maxTokens: 16 };
    const comparison = {
      ...base.comparison,
      settings,
      warnings: ['the base arm (run r) ran at maxTokens 8, not 16: its figures are not comparable'],
      arms: base.comparison.arms.map((arm, index) => ({
        ...arm,
        settings: index === 2 ? { temperature: 0, maxTokens: 8 } : settings,
        ...(index === 0 ? { rerunReason: 'stored run r0 ran at maxTokens 8, not 16' } : {}),
        diversity: { ...arm.diversity, applicability },
      })),
    };
    const markdown = renderMarkdownReport(readiness, { comparison });
    expect(markdown).toContain('> **WARNING: the arms did not run alike.**');
    expect(markdown).toContain('> - the base arm (run r) ran at maxTokens 8, not 16');
    // Agreement 0.90, then distinct-2 within and across and self-BLEU as n/a.
    expect(markdown).toContain(
      '| best prompt | persona on a | 80.0% | 70.0%–90.0% | – | 0.90 | n/a | n/a | n/a | 120 ms | 340 ms | $1.50 | temperature 0, top-p –, max tokens 16, frequency penalty –, presence penalty –, seed – |',
    );
    expect(markdown).toContain(
      'temperature 0, top-p –, max tokens 16, frequency penalty –, presence penalty –, seed – (run again: stored run r0 ran at maxTokens 8, not 16)',
    );
    expect(markdown).toContain('Diversity n/a (label outputs)');
    expect(markdown).toContain('base 1 distinct answer over 10 inputs, the most common 100%');
    const page = renderHtmlReport(readiness, { comparison });
    expect(page).toContain('<div class="warning" role="alert">');
    expect(page).toContain('<td class="number">n/a</td>');
    // A comparison stored before settings were recorded says so rather than guessing.
    expect(renderMarkdownReport(readiness, extras)).toContain('| not recorded |');
    expect(renderMarkdownReport(readiness, extras)).not.toContain('WARNING');
  });
});
