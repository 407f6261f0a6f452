import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { CJK, expectNoSidewaysScroll, openMenu, signIn, switchLanguage } from './flows.ts';
import { newStamp } from './stamp.ts';
import { newUser } from './user-flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
  describe(`login and language (${viewport})`, () => {
    it('shows the zh-CN login, switches every visible string to English, and remembers it', async () => {
      const { context, page } = await newPage(browser, viewport);
      await page.goto('/');
      await page.getByRole('button', { name: '登录' }).waitFor();
      expect(await page.getByLabel('用户名', { exact: true }).isVisible()).toBe(true);
      await snap(page, `login-zh-${viewport}`);

      await switchLanguage(page, 'English');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      const text = await page.locator('body').innerText();
      // the only Chinese left is the logo (关系) and the language's own name
      expect(text.replace(/关系|关|简体中文/g, '')).not.toMatch(CJK);
      await expectNoSidewaysScroll(page);

      await page.reload();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await signIn(page, 'admin', inject('adminPassword'), 'en');
      await page.getByRole('button', { name: /^Account:/ }).waitFor();
      const isPhone = viewport === 'phone';
      await openMenu(page, 'Users', isPhone, 'Menu');
      await page.getByRole('heading', { name: 'Users' }).waitFor();
      await page.getByRole('columnheader', { name: 'Username' }).first().waitFor();
      // the demo's data (names, departments, roles) is Chinese; the interface around it is not
      const chrome = await page
        .locator('thead, h1, h2, h3, h4, .ant-pagination, input[placeholder]')
        .evaluateAll((els) =>
          els
            .map((e) => (e instanceof HTMLInputElement ? e.placeholder : (e as HTMLElement).innerText))
            .join(' '),
        );
      expect(chrome).toContain('Username');
      expect(chrome).not.toMatch(CJK);
      await snap(page, `users-en-${viewport}`);
      await expectNoSidewaysScroll(page);

      await switchLanguage(page, '简体中文');
      await page.getByRole('heading', { name: '用户' }).waitFor();
      await context.close();
    });

    it('answers a wrong password and an unknown user with the same message', async () => {
      const { context, page } = await newPage(browser, viewport);
      await signIn(page, 'admin', 'wrong-password-1');
      const first = await page.getByRole('alert').innerText();
      await signIn(page, 'no_such_user', 'wrong-password-1');
      const second = await page.getByRole('alert').innerText();
      expect(first).toContain('用户名或密码错误');
      expect(second).toBe(first);
      await context.close();
    });
  });
}

describe('lockout', () => {
  it('five wrong passwords lock the account, and the right one is refused while locked', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    // a user of this journey's own, so that no demo person stays locked for the others
    await signIn(page, 'admin', inject('adminPassword'));
    await page.getByRole('button', { name: /^账户：/ }).waitFor();
    const stamp = newStamp();
    const user = await newUser(await apiAs(page), `lock_${stamp}`, `锁定${stamp}`);
    await context.clearCookies();
    for (let i = 0; i < 5; i++) {
      await signIn(page, user.username, `wrong-${i}-password`);
      await page.getByRole('alert').waitFor();
    }
    expect(await page.getByRole('alert').innerText()).toContain('锁定');
    await signIn(page, user.username, user.password);
    await page.getByRole('alert').getByText('锁定').waitFor();
    expect(page.url()).toContain('/login');
    await context.close();
  });
});

describe('the redirect after sign-in', () => {
  it('follows a path of the app, and sends every unsafe redirect to the home page instead of leaving the user on the login page', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    const signInVia = async (query: string) => {
      await context.clearCookies();
      await page.goto(`/login?redirect=${query}`);
      await page.getByLabel('用户名', { exact: true }).fill('admin');
      await page.getByLabel('密码', { exact: true }).fill(inject('adminPassword'));
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('button', { name: /^账户：/ }).waitFor();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      return new URL(page.url());
    };
    const safe = await signInVia(encodeURIComponent('/customers?q=1'));
    expect(`${safe.pathname}${safe.search}`).toBe('/customers?q=1');

    for (const unsafe of [
      '/\\evil.example/x',
      encodeURIComponent('/\\evil.example/x'),
      encodeURIComponent('//evil.example/x'),
      encodeURIComponent('https://evil.example/x'),
      encodeURIComponent('javascript:alert(1)'),
      encodeURIComponent('/\t/evil.example/x'),
    ]) {
      const landed = await signInVia(unsafe);
      expect(landed.host, unsafe).toBe(safe.host);
      expect(landed.pathname, unsafe).toBe('/');
    }
    await context.close();
  });
});
