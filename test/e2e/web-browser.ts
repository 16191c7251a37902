import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors, for assertions. */
  errors: string[];
  close: () => Promise<void>;
}

/** Debian's chromium, headless, with a fresh profile and nothing phoning home. */
export async function launchTestBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'tunegate-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.TUNEGATE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
