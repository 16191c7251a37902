import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessReadiness } from '../../src/core/readiness/assess-readiness.js';
import { renderHtmlReport } from '../../src/report/render-html-report.js';
import {
  hostileOutput,
  type ReadinessFixture,
  readinessFixture,
} from '../support/readiness-fixture.js';

const executablePath = process.env.TUNEGATE_CHROMIUM ?? '/usr/bin/chromium';

let fixture: ReadinessFixture;
let profile: string;
let context: BrowserContext;
let reportUrl: string;

beforeAll(async () => {
  if (!existsSync(executablePath)) {
    throw new Error(
      `no Chromium at ${executablePath}: install the Debian chromium package (apt-get install chromium) or set TUNEGATE_CHROMIUM`,
    );
  }
  fixture = await readinessFixture();
  const file = join(fixture.directory, 'report.html');
  writeFileSync(file, renderHtmlReport(await assessReadiness(fixture.task, fixture.store)));
  reportUrl = pathToFileURL(file).href;
  profile = mkdtempSync(join(tmpdir(), 'tunegate-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  fixture?.remove();
});

/** Pixels of the canvas within a small distance of the given colour. */
const countColor = (id: string, rgb: [number, number, number]) =>
  `(() => {
    const canvas = document.getElementById(${JSON.stringify(id)});
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0, matching = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      inked++;
      const d = Math.abs(data[i] - ${rgb[0]}) + Math.abs(data[i + 1] - ${rgb[1]}) + Math.abs(data[i + 2] - ${rgb[2]});
      if (d < 60) matching++;
    }
    return { inked, matching, drawn: canvas.getAttribute('data-drawn') };
  })()`;

describe('the HTML report in headless Chromium', () => {
  it('draws every chart with no network, runs no model output, and shows it as text', async () => {
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(reportUrl, { waitUntil: 'load' });
    await page.waitForSelector('body[data-charts-drawn]', { timeout: 10_000 });

    expect(errors).toEqual([]);
    expect(requests).toEqual([reportUrl]);
    expect(await page.getAttribute('body', 'data-charts-drawn')).toBe('4');
    // Each chart's own data colour must be on its canvas, not just axes and labels.
    const charts: [string, [number, number, number]][] = [
      ['chart-iterations', [37, 99, 235]],
      ['chart-pass-rates', [37, 99, 235]],
      ['chart-tradeoff', [22, 163, 74]],
      ['chart-cost', [234, 88, 12]],
    ];
    for (const [id, color] of charts) {
      const result = (await page.evaluate(countColor(id, color))) as {
        inked: number;
        matching: number;
        drawn: string | null;
      };
      expect(result.drawn, id).toBe('true');
      expect(result.inked, id).toBeGreaterThan(1000);
      expect(result.matching, id).toBeGreaterThan(20);
    }

    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    const shown = await page.locator('#limits td.output').first().textContent();
    expect(shown).toBe(hostileOutput);
    expect(await page.locator('#limits img').count()).toBe(0);
    await page.close();
  });
});
