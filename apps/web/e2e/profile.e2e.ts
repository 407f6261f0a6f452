import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap } from './browser.ts';
import { expectNoSidewaysScroll, settled, signIn } from './flows.ts';
import { beforeRetry, newStamp } from './stamp.ts';
import { newUser } from './user-flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

let stamp = newStamp();
beforeRetry(() => {
  stamp = newStamp();
});

/** A user of this journey's own (its TOTP and tokens change nobody else's sign-in), signed in on `page`. */
async function signInAsNewUser(page: Page, username: string, name: string) {
  await signIn(page, 'admin', inject('adminPassword'));
  await page.getByRole('button', { name: /^账户：/ }).waitFor();
  const user = await newUser(await apiAs(page), username, name);
  await page.context().clearCookies();
  await signIn(page, user.username, user.password);
  await page.getByRole('button', { name: `账户：${name}` }).waitFor();
  return user;
}

describe('my profile on a phone', () => {
  it('enrols TOTP with the QR code’s secret; the next sign-in asks for the one-time code', async () => {
    const { context, page } = await newPage(browser, 'phone');
    const name = `胡琳${stamp}`;
    const user = await signInAsNewUser(page, `totp_${stamp}`, name);
    await page.getByRole('button', { name: `账户：${name}` }).click();
    await settled(page); // the menu has opened (a click during its animation can be lost)
    await page.getByRole('menuitem', { name: '我的资料' }).click();
    await page.getByRole('tab', { name: '两步验证' }).click();
    await page.getByRole('button', { name: '启用两步验证' }).click();
    await page.getByRole('img', { name: '两步验证二维码' }).waitFor();
    await snap(page, 'profile-totp-zh-phone');
    await expectNoSidewaysScroll(page);
    const secret = (await page.locator('.ant-typography code').first().innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel('动态验证码').fill(await generate({ secret }));
    await page.getByRole('button', { name: '确认启用' }).click();
    await page.getByText('两步验证已启用').first().waitFor();

    // sessions: the current device is listed (on a phone every tab is in sight, 登录会话 too)
    await page.getByRole('tab', { name: '登录会话' }).click();
    await expect.poll(() => page.url()).toContain('tab=sessions');
    await snap(page, 'profile-sessions-zh-phone');
    await expectNoSidewaysScroll(page);
    await page.getByText('本设备').first().waitFor();

    await page.getByRole('button', { name: `账户：${name}` }).click();
    await settled(page);
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();

    const first = await signIn(page, user.username, user.password);
    expect((await first.json()).code).toBe('TOTP_REQUIRED');
    await page.getByLabel('动态验证码').fill(await generate({ secret }));
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: `账户：${name}` }).waitFor();
    await context.close();
  });

  it('creates an API token that is shown once', async () => {
    const { context, page } = await newPage(browser, 'phone');
    await signInAsNewUser(page, `token_${stamp}`, `徐芳${stamp}`);
    await page.goto('/profile');
    await page.getByRole('tab', { name: 'API 令牌' }).click();
    await page.getByRole('button', { name: '新建令牌' }).click();
    await page.getByLabel('令牌名称').fill('ERP');
    await page.getByRole('dialog').getByRole('button', { name: '创建' }).click();
    const token = page.getByRole('textbox', { name: '令牌', exact: true });
    await token.waitFor();
    const value = await token.inputValue();
    expect(value).toMatch(/^gx_[A-Za-z0-9_-]{20,}$/);
    const res = await fetch(`${inject('baseURL')}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${value}` },
    });
    expect(res.status).toBe(200);
    await context.close();
  });
});
