import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { type ViewportName, viewports } from './browser.ts';

/** A day `offset` days from today in the tenant's zone (Asia/Shanghai: the server's days). */
export const tenantDay = (offset: number) =>
  new Intl.DateTimeFormat('sv', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + offset * 86_400_000),
  );

/** A page with a fake camera and a location (the field page's check-in). */
export async function fieldPage(
  browser: Browser,
  viewport: ViewportName,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: inject('baseURL'),
    viewport: viewports[viewport],
    locale: 'zh-CN',
    isMobile: viewport === 'phone',
    hasTouch: viewport === 'phone',
    geolocation: { latitude: 30.5928, longitude: 114.3055, accuracy: 12 },
    permissions: ['geolocation', 'camera'],
  });
  return { context, page: await context.newPage() };
}

/** Types the two days of an antd range picker found by its label, each confirmed with Enter. */
export async function typeRange(page: Page, scope: Locator, label: string, from: string, to: string) {
  const start = scope.getByLabel(label, { exact: true });
  await start.click();
  await start.fill(from);
  await page.keyboard.press('Enter');
  const end = scope.locator('.ant-picker-range input').nth(1);
  await end.fill(to);
  await page.keyboard.press('Enter');
  await expect.poll(() => end.inputValue()).toBe(to);
}

/** The OK button of the open confirmation popover (named like the button that opened it). */
export const confirmIn = (page: Page, name: string) =>
  page.locator('.ant-popover:visible').getByRole('button', { name, exact: true });
