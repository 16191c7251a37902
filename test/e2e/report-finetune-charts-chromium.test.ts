import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessReadiness } from '../../src/core/readiness/assess-readiness.js';
import { renderHtmlReport } from '../../src/report/render-html-report.js';
import { finetuneReportExtras } from '../support/finetune-report-extras.js';
import { type ReadinessFixture, readinessFixture } from '../support/readiness-fixture.js';

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
  const readiness = await assessReadiness(fixture.task, fixture.store);
  writeFileSync(file, renderHtmlReport(readiness, finetuneReportExtras()));
  reportUrl = pathToFileURL(file).href;
  profile = mkdtempSync(join(tmpdir(), 'tunegate-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
});

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  fixture?.remove();
});

/** Canvas pixels within a small distance of the finetune orange (#ea580c). */
const orangePixels = (id: string) =>
  `(() => {
    const canvas = document.getElementById(${JSON.stringify(id)});
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let matching = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      if (Math.abs(data[i] - 234) + Math.abs(data[i + 1] - 88) + Math.abs(data[i + 2] - 12) < 60) matching++;
    }
    return { matching, drawn: canvas.getAttribute('data-drawn') };
  })()`;

describe('the comparison and sweep charts in headless Chromium', () => {
  it('draws both, with no errors and no network', async () => {
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(reportUrl, { waitUntil: 'load' });
    await page.waitForSelector('body[data-charts-drawn]', { timeout: 10_000 });
    expect(errors).toEqual([]);
    expect(requests).toEqual([reportUrl]);
    // The four readiness charts and the two new ones.
    expect(await page.getAttribute('body', 'data-charts-drawn')).toBe('6');
    for (const id of ['chart-comparison', 'chart-sweep']) {
      const result = (await page.evaluate(orangePixels(id))) as { matching: number; drawn: string };
      expect(result.drawn, id).toBe('true');
      expect(result.matching, id).toBeGreaterThan(20);
    }
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    await page.close();
  });
});
