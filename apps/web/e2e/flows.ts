import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Visible text containing Chinese characters, for "everything is translated" checks. */
export const CJK = /[\u3400-\u9fff]/;

export async function signIn(page: Page, username: string, password: string, lang: 'zh' | 'en' = 'zh') {
  await page.goto('/login');
  const L =
    lang === 'zh'
      ? { user: '用户名', pass: '密码', submit: '登录' }
      : { user: 'Username', pass: 'Password', submit: 'Sign in' };
  await page.getByLabel(L.user, { exact: true }).fill(username);
  await page.getByLabel(L.pass, { exact: true }).fill(password);
  // resolves when the server has answered, so what the page shows next is that answer
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
    page.getByRole('button', { name: L.submit }).click(),
  ]);
  return response;
}

/** Opens the language menu (accessible name 语言 / Language) and picks one. */
export async function switchLanguage(page: Page, to: 'English' | '简体中文') {
  const button = page.getByRole('button', { name: to === 'English' ? '语言' : 'Language' }).first();
  await button.click();
  await page.getByRole('menuitem', { name: to }).click();
}

/** Navigates through the sidebar, or through the drawer menu on a phone. */
export async function openMenu(page: Page, item: string, isPhone: boolean, menuLabel = '菜单') {
  if (isPhone) await page.getByRole('button', { name: menuLabel }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

export async function signOut(page: Page, accountName: string) {
  await page.getByRole('button', { name: `账户：${accountName}` }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.getByRole('button', { name: '登录' }).waitFor();
}

/** Nothing on the page is wider than the viewport (the page itself never scrolls sideways). */
export async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth + 1);
}

/** Picks an option of an antd Select or TreeSelect found by its label (typing to search). */
export async function choose(page: Page, label: string, option: string, within: Page | Locator = page) {
  const id = await within.getByLabel(label, { exact: true }).getAttribute('id');
  // the search input is tiny (multi-select) — click the whole select around it
  await page
    .locator('.ant-select', { has: page.locator(`[id="${id}"]`) })
    .first()
    .click();
  await page.keyboard.type(option);
  await page.locator(`.ant-select-dropdown:visible [title="${option}"]`).first().click();
  await page.keyboard.press('Escape');
}
