import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeLocalEngine } from '../../src/providers/local/local-engine-loader.js';
import { runCli } from '../support/run-cli.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { launchTestBrowser, type TestBrowser } from './web-browser.js';
import { hostileOutput, startWebFixture, type WebFixture } from './web-fixture.js';
import { summarizePng } from './web-png.js';

let fixture: WebFixture;
let browser: TestBrowser;
let page: Page;
let models: { path: string; remove: () => void };

function modelMirror(): string {
  const mirror = process.env.TUNEGATE_MODEL_MIRROR;
  if (!mirror) {
    throw new Error(
      'set TUNEGATE_MODEL_MIRROR to the folder holding stories260K/stories260K.bin and stories260K/tok512.bin',
    );
  }
  return mirror;
}

beforeAll(async () => {
  models = temporaryDirectory('tunegate-web-models-');
  const env = { TUNEGATE_MODEL_MIRROR: modelMirror(), TUNEGATE_MODELS_DIR: models.path };
  const pulled = await runCli(models.path, ['models', 'pull', 'stories260K'], env);
  if (pulled.code !== 0) throw new Error(`models pull failed: ${pulled.stderr}`);
  fixture = await startWebFixture({
    TUNEGATE_MODELS_DIR: models.path,
    TUNEGATE_LOCAL_THREADS: '1',
  });
  browser = await launchTestBrowser();
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
  await disposeLocalEngine();
  models?.remove();
});

/** A screenshot that shows a drawn page: several colours, and ink on more than a sliver of it. */
async function expectDrawn(name: string): Promise<void> {
  const summary = summarizePng(await page.screenshot({ fullPage: true }));
  expect(summary.colours, `${name}: colours`).toBeGreaterThan(16);
  expect(summary.inked, `${name}: share of non-background pixels`).toBeGreaterThan(0.02);
}

const open = (hash: string) => page.goto(`${fixture.server.origin}/${hash}`);

describe('the web app in headless chromium', () => {
  it('refuses to serve the page without the token', async () => {
    const response = await page.goto(`${fixture.server.origin}/`);
    expect(response?.status()).toBe(401);
  });

  it('shows the runs matrix and cells, and renders a script-carrying output as inert text', async () => {
    await page.goto(`${fixture.server.url}#/runs`);
    // The token leaves the address bar as soon as the app has it.
    expect(page.url()).not.toContain('token=');
    await page.waitForSelector('[data-ready="true"]');
    expect(await page.locator('.matrix-cell').count()).toBe(8);
    await expect.poll(() => page.getByText('consistency …').count()).toBe(0);
    await expectDrawn('runs');
    await page.getByRole('button', { name: 'Failures' }).click();
    await expect.poll(() => page.getByTestId('cell-count').textContent()).toMatch(/^\d+ cells$/);
    await page.getByRole('button', { name: 'All cells' }).click();
    await page.locator('.cell-row', { hasText: 'moon-hammer-feather-slower' }).first().click();
    const output = page.getByTestId('cell-output');
    await output.waitFor();
    expect(await output.textContent()).toBe(hostileOutput);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('#root script, #root img').count()).toBe(0);
    await page.getByRole('combobox').nth(1).selectOption({ label: 'strong-verb' });
    await page.getByTestId('word-diff').waitFor();
  });

  it('draws the solved-matrix heat map and the plateau chart on the limits page', async () => {
    await open('#/limits');
    await page.getByTestId('solved-heat-map').waitFor();
    await page.waitForSelector('canvas[data-drawn="true"]');
    expect(await page.locator('[data-testid="solved-heat-map"] tbody tr').count()).toBe(8);
    await expectDrawn('limits');
  });

  it('shows the five gates, the verdict and the report charts on the ready page', async () => {
    await open('#/ready');
    await page.getByTestId('verdict').waitFor();
    expect(await page.getByTestId('gate-card').count()).toBe(5);
    await page.waitForSelector('canvas[data-drawn="true"]');
    expect(await page.locator('canvas[data-drawn="true"]').count()).toBeGreaterThanOrEqual(3);
    await expectDrawn('ready');
  });

  it('reviews candidate rows from the keyboard and saves them to the file', async () => {
    const file = join(fixture.task, 'data', 'candidates.jsonl');
    const before = readFileSync(file, 'utf8').trim().split('\n');
    await open('#/datasets/data%2Fcandidates.jsonl');
    await page.getByTestId('dataset-row').waitFor();
    expect(await page.getByTestId('row-lineage').textContent()).toContain(fixture.runId);
    await page.keyboard.press('a');
    await page.keyboard.press('r');
    await page.keyboard.press('e');
    const editor = page.locator('#row-editor-text');
    await editor.waitFor();
    const edited = {
      messages: [
        { role: 'user', content: 'edited in the review' },
        { role: 'assistant', content: 'correct' },
      ],
    };
    await editor.fill(JSON.stringify(edited));
    await page.keyboard.press('Control+Enter');
    await page.getByRole('button', { name: /^Save 1 accepted, 1 rejected, 1 edited$/ }).click();
    await page.getByTestId('save-result').waitFor();
    const after = readFileSync(file, 'utf8').trim().split('\n');
    expect(after).toHaveLength(before.length - 1);
    expect(after[0]).toBe(before[0]);
    expect(JSON.parse(after[1] as string)).toEqual(edited);
    await expectDrawn('dataset review');
  });

  it('follows a finetune job live, loss curve included', async () => {
    await open('#/jobs');
    await page.getByTestId('job-detail').waitFor();
    const lossPoints = () => page.getByTestId('loss-points').textContent();
    await expect.poll(lossPoints).toMatch(/^3 loss points/);
    fixture.jobs.addLossPoint('ftjob-moon-1', { step: 4, loss: 1.7, validationLoss: null }, 0.5);
    // Nothing reloads the page: the new point arrives over the event stream.
    await expect.poll(lossPoints).toMatch(/^4 loss points/);
    await page.waitForSelector('canvas[data-drawn="true"]');
    await expectDrawn('jobs');
  });

  it('runs two wordings on the local engine in the playground and saves one as a variant', async () => {
    await open('#/playground');
    await page.getByTestId('variant-draft').first().waitFor();
    const instructions = page.locator('.variant-draft textarea[id$="-instruction"]');
    await instructions.nth(0).fill('Once upon a time');
    await instructions.nth(1).fill('Tell a story about the Moon.');
    await page.getByLabel('openai:gpt-4o-mini').uncheck();
    await page.getByLabel('another model reference').fill('local:stories260K');
    await page.getByRole('button', { name: 'Add model' }).click();
    await page.getByLabel('Repeats').fill('2');
    await page.getByLabel('Max tokens').fill('12');
    await page.getByRole('button', { name: /^Run 2 × 1 × 3 × 2$/ }).click();
    await expect
      .poll(() => page.getByTestId('playground-status').textContent(), { timeout: 60_000 })
      .toBe('done: 12 of 12 answers');
    expect(await page.getByTestId('playground-answer').count()).toBe(12);
    expect(await page.locator('[data-testid="playground-quality"] tbody tr').count()).toBe(2);
    await expectDrawn('playground');
    await page.getByRole('button', { name: 'Save as variant' }).nth(1).click();
    await page.getByText('saved as my-wording in the task file').waitFor();
    expect(readFileSync(join(fixture.task, 'tunegate.yaml'), 'utf8')).toContain(
      'Tell a story about the Moon.',
    );
    expect(browser.errors).toEqual([]);
  });
});
