import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
beforeAll(async () => {
  fixture = await readinessFixture();
  readiness = await assessReadiness(fixture.task, fixture.store);
});
afterAll(() => fixture.remove());

describe('the Markdown report', () => {
  it('carries the verdict, every gate, every chart as a table, and the model output as text', () => {
    const markdown = renderMarkdownReport(readiness);
    expect(markdown).toContain('**Verdict: finetune**');
    for (const number of [1, 2, 3, 4, 5])
      expect(markdown).toMatch(new RegExp(`### Gate ${number}: .*: PASS`));
    for (const heading of [
      '## Best score vs iteration',
      '## Pass rate per variant × model',
      '## Consistency vs diversity per variant × model',
      '## Economics',
      '### Cost per 1,000 calls vs monthly volume',
      '## Limits of prompting',
    ]) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).not.toContain('<script');
    expect(markdown).not.toContain('<img');
    expect(markdown).toContain('&lt;script&gt;window.\\_\\_pwned = 1&lt;/script&gt;');
    expect(markdown).toContain('\\*\\*not bold\\*\\* \\| cell');
    // Iteration rows: 4 iterations, the plateau window 2–4.
    expect(markdown).toMatch(/\| 4 \| persona on a \| 16\.7% \| .* \| 41\.7% \| yes \|/);
  });
});

describe('the JSON report', () => {
  it('holds the same assessment and chart series', () => {
    const parsed = JSON.parse(renderJsonReport(readiness));
    expect(parsed.format).toBe('tunegate-report');
    expect(parsed.readiness.verdict).toBe('finetune');
    expect(parsed.readiness.gates).toHaveLength(5);
    const bestSoFar = parsed.charts.iterations.map(
      (point: { bestSoFar: number }) => point.bestSoFar,
    );
    expect(bestSoFar).toHaveLength(4);
    for (const value of bestSoFar) expect(value).toBeCloseTo(5 / 12, 12);
    expect(parsed.charts.plateau).toMatchObject({ start: 2, end: 4 });
    expect(parsed.charts.plateau.level).toBeCloseTo(5 / 12, 12);
    expect(parsed.readiness.limits.neverSolved[0].bestPromptOutput).toBe(hostileOutput);
  });
});

describe('the HTML report', () => {
  const html = () => renderHtmlReport(readiness);

  it('escapes model output and allows only its own two scripts', () => {
    const page = html();
    expect(page).not.toContain(hostileOutput);
    expect(page).toContain(
      '&lt;script&gt;window.__pwned = 1&lt;/script&gt;&lt;img src=x onerror=&quot;',
    );
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
      (match) => match[1] as string,
    );
    expect(scripts).toHaveLength(2);
    const policy =
      /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '';
    for (const script of scripts) {
      const hash = createHash('sha256').update(script).digest('base64');
      expect(policy).toContain(`&#39;sha256-${hash}&#39;`);
    }
    expect(policy).toContain('default-src &#39;none&#39;');
    expect(page).not.toMatch(/\s(?:src|href)="?https?:/i);
    expect(page).not.toContain('sourceMappingURL');
  });

  it('has a canvas for each chart', () => {
    const page = html();
    for (const id of ['chart-iterations', 'chart-pass-rates', 'chart-tradeoff', 'chart-cost']) {
      expect(page).toContain(`<canvas id="${id}"`);
    }
  });
});
