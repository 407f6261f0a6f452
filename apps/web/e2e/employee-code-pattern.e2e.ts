import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage } from './browser.ts';
import { signIn } from './flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('employee-code pattern in the settings (desktop)', () => {
  it('tries ^(a+)+$ on a 31-character code at once (RE2, no frozen tab) and refuses a look-ahead; nothing is saved', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signIn(page, 'admin', inject('adminPassword'));
    await page.getByRole('button', { name: /^账户：/ }).waitFor();
    await page.goto('/settings');
    const pattern = page.getByLabel('员工编号规则');
    const sample = page.getByLabel('试一试');
    await pattern.waitFor();

    await pattern.fill('^(a+)+$');
    // 30 × a and a mismatch: about a minute of backtracking for the browser's RegExp
    await sample.fill(`${'a'.repeat(30)}!`);
    await page.getByRole('alert').filter({ hasText: '不符合规则' }).waitFor();
    await sample.fill('a'.repeat(31));
    await page.getByRole('alert').filter({ hasText: '符合规则' }).filter({ hasNotText: '不' }).waitFor();

    await pattern.fill('^(?=E)E\\d+$');
    await page.getByText('不是可用的正则表达式').waitFor();
    expect(await page.getByText('不是可用的正则表达式').isVisible()).toBe(true);
    await context.close();
  });
});
