import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const viewports = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof viewports;

// Debian's old headless shell draws the same pages as the full browser for about a fifth less
// CPU (journeys are CPU-bound on 2 cores); the full browser when the shell is not installed
const executablePath =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((p) => fs.existsSync(p)) ??
  '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // a camera that shows a test pattern, allowed without asking (the field check-in journeys)
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
}

export async function newPage(
  browser: Browser,
  viewport: ViewportName,
  locale = 'zh-CN',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: inject('baseURL'),
    viewport: viewports[viewport],
    locale,
    isMobile: viewport === 'phone',
    hasTouch: viewport === 'phone',
    // the app switches antd's animations off for it: nothing to wait out between steps
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  watch(page);
  return { context, page };
}

/**
 * The pages opened by the running test, with the errors each has thrown or logged: read by
 * failure-report.ts when the test fails.
 */
export const openPages = new Map<Page, string[]>();

function watch(page: Page) {
  const errors: string[] = [];
  openPages.set(page, errors);
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('close', () => openPages.delete(page));
}

/** Saves a screenshot under .tmp/screenshots for a person to look at (never compared). */
export async function snap(page: Page, name: string) {
  const dir = path.resolve(import.meta.dirname, '../../../.tmp/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}
