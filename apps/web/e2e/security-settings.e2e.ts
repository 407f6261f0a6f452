import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { answer, expectNoSidewaysScroll, openMenu, settled, signIn } from './flows.ts';

/**
 * The admin opens 系统设置 from the menu, sees its sections, opens 安全设置 and changes the lockout
 * minutes — a harmless setting: the journeys share the demo tenant (login.e2e.ts locks after 5
 * attempts, so the attempts stay) — then puts the old value back in the same test.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

async function journey(viewport: ViewportName) {
  const { context, page } = await newPage(browser, viewport);
  const phone = viewport === 'phone';
  await signIn(page, 'admin', inject('adminPassword'));
  await page.getByRole('button', { name: /^账户：/ }).waitFor();
  await openMenu(page, '系统设置', phone);
  await page.waitForURL('**/settings/system');
  const hub = page.getByRole('main'); // the sidebar links some of the same pages
  for (const section of [
    '基本设置',
    '编号规则',
    '邮件与短信',
    '公海规则',
    '签到规则',
    '服务时限',
    'Webhook',
    '备份还原',
  ])
    await hub.getByRole('link', { name: section }).waitFor();
  await expectNoSidewaysScroll(page);
  await snap(page, `settings-hub-${viewport}`);

  await hub.getByRole('link', { name: '安全设置' }).click();
  await page.waitForURL('**/settings/security');
  const minutes = page.getByLabel('锁定时长');
  await minutes.waitFor();
  await settled(page);
  const before = await minutes.inputValue();
  await expectNoSidewaysScroll(page);
  await snap(page, `security-settings-${viewport}`);

  const save = async (value: string) => {
    await minutes.fill(value);
    const saved = answer(page, 'PUT', '/settings/security');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    const res = await saved;
    expect(res.status()).toBe(200);
    expect((await res.json()).lockoutMinutes).toBe(Number(value));
    await page.getByText('已保存').first().waitFor();
  };
  await save(String(Number(before) + 1));
  await save(before);
  await context.close();
}

describe('security settings', () => {
  it('desktop: the hub lists the sections; the lockout minutes change and go back', () => journey('desktop'));
  it('phone: the same at 390 px, through the drawer menu', () => journey('phone'));
});
