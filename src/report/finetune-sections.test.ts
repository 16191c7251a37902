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
    expect(json.charts.sweep.points.map((point: { diversity: number }) => point.diversity)).toEqual(
      [0.1, 0.3, 0.4, 0.6],
    );
    expect(JSON.parse(renderJsonReport(readiness)).comparison).toBeNull();
  });
});
