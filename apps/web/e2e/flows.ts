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

/** Resolves with the answer to the next call of this method to `path` (a RegExp: of path and query). */
export function answer(page: Page, method: string, path: string | RegExp) {
  return page.waitForResponse((r) => {
    if (r.request().method() !== method) return false;
    const url = new URL(r.url());
    return typeof path === 'string'
      ? url.pathname === `/api/v1${path}`
      : path.test(url.pathname + url.search);
  });
}

/** Data rows of the (first) table on the page. */
export function rows(scope: Page | Locator): Locator {
  return scope.locator('.ant-table-tbody tr[data-row-key]');
}

/**
 * The row of the record just created, as the list shows it after 保存: found by its text and
 * marked (highlighted) — what a user looks for, wherever the list's order puts it.
 */
export function createdRow(scope: Page | Locator, text: string): Locator {
  return scope.locator('tr.row-just-created').filter({ hasText: text });
}

/** Waits until the opening and closing animations (drawers, popovers) have finished, for screenshots. */
export async function settled(page: Page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/**
 * Picks an option of a Select found by its label inside a dialog or drawer (typing to search). Unlike
 * `choose`, it presses no Escape, which would close the dialog too.
 */
export async function pick(page: Page, label: string, option: string, within: Locator) {
  const id = await within.getByLabel(label, { exact: true }).getAttribute('id');
  await within.locator('.ant-select', { has: page.locator(`[id="${id}"]`) }).click();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.waitFor();
  await page.keyboard.type(option);
  // a click during the dropdown's animation can be lost on a busy machine: click until it closes
  for (let attempt = 0; ; attempt++) {
    await page.locator(`.ant-select-dropdown:visible [title="${option}"]`).first().click();
    try {
      await dropdown.waitFor({ state: 'hidden', timeout: 3000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/** Picks a user in a UserSelect: types the name (the server searches), clicks `name (username)`. */
export async function pickUser(page: Page, label: string, name: string, username: string, within: Locator) {
  const id = await within.getByLabel(label, { exact: true }).getAttribute('id');
  await within.locator('.ant-select', { has: page.locator(`[id="${id}"]`) }).click();
  await page.keyboard.type(name);
  await page.locator(`.ant-select-dropdown:visible [title="${name} (${username})"]`).click();
  // a multiple select stays open until something else is clicked
  await within.locator('.ant-modal-title, .ant-drawer-title').first().click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}
