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
  await settled(page); // the menu has opened (a click during its animation can be lost)
  await page.getByRole('menuitem', { name: to }).click();
}

/** Navigates through the sidebar, or through the drawer menu on a phone. */
export async function openMenu(page: Page, item: string, isPhone: boolean, menuLabel = '菜单') {
  if (isPhone) {
    await page.getByRole('button', { name: menuLabel }).click();
    // the drawer is there, then done opening: a loaded machine may mount it after settled() has
    // looked, and an item clicked while it still slides in left it open over the next page
    await page.getByRole('menuitem', { name: item }).waitFor();
    await settled(page);
  }
  await page.getByRole('menuitem', { name: item }).click();
}

export async function signOut(page: Page, accountName: string) {
  await page.getByRole('button', { name: `账户：${accountName}` }).click();
  await settled(page); // the menu has opened (a click during its animation can be lost)
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
 * Searches a list for `text` and waits until the table holds only rows with it — the search's
 * answer drawn, whether or not it needed a request — then for the table to settle: a click on a
 * row the next render replaces is lost. Answers the matching rows.
 */
export async function searchList(page: Page, input: Locator, text: string): Promise<Locator> {
  await input.fill(text);
  await input.press('Enter');
  // the search is applied (a list that held only matching rows before it looks the same)
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(text);
  const all = rows(page);
  const matching = all.filter({ hasText: text });
  await expect
    .poll(async () => {
      const n = await all.count();
      return n > 0 && n === (await matching.count());
    })
    .toBe(true);
  await settled(page);
  return matching;
}

/**
 * The row of the record just created, as the list shows it after 保存: found by its text and
 * marked (highlighted) — what a user looks for, wherever the list's order puts it.
 */
export function createdRow(scope: Page | Locator, text: string): Locator {
  return scope.locator('tr.row-just-created').filter({ hasText: text });
}

/**
 * Waits until the opening and closing animations (drawers, dialogs, popovers, menus) have finished:
 * for screenshots, and before clicking into what has just opened — a click during an animation
 * can land beside its target on a busy machine.
 */
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
 * Picks an option of an antd Select or TreeSelect found by its label (typing `typed` to search),
 * on the page or inside a dialog or drawer, and waits until the select shows it. A click during
 * the dropdown's animation can be lost on a busy machine: then it clicks again — never on an
 * option already chosen (in a multiple select that would take it out again). It presses no
 * Escape, which would close a dialog along with the dropdown.
 */
export async function pick(
  page: Page,
  label: string,
  option: string,
  within: Page | Locator = page,
  typed = option,
) {
  const id = await within.getByLabel(label, { exact: true }).getAttribute('id');
  await pickIn(
    page,
    page.locator('.ant-select', { has: page.locator(`[id="${id}"]`) }).first(),
    option,
    typed,
  );
}

/** `pick` for a select found otherwise (e.g. one named by `aria-label`, outside a form). */
export async function pickIn(page: Page, select: Locator, option: string, typed = option) {
  const multiple = ((await select.getAttribute('class')) ?? '').includes('ant-select-multiple');
  const chosen = select.locator(`[title="${option}"]`);
  const dropdown = page.locator('.ant-select-dropdown:visible');
  // a dialog or drawer that is still opening, or a dropdown, moves under the pointer: clicks wait
  // for the animations to end (a click during one can land beside its target on a busy machine)
  await settled(page);
  await select.click();
  await dropdown.waitFor();
  await settled(page);
  await page.keyboard.type(typed);
  const item = dropdown.locator(`[title="${option}"]`).first();
  for (let attempt = 0; ; attempt++) {
    // never click an option the select already holds (a multiple select would drop it again)
    const held =
      (await chosen.count()) > 0 ||
      ((await item.count()) > 0 &&
        ((await item.getAttribute('class')) ?? '').includes('ant-select-item-option-selected'));
    if (!held) await item.click();
    try {
      await chosen.waitFor({ timeout: 5000 });
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
  // a single select closes itself; a multiple one stays open until something else is clicked:
  // the title of its dialog or drawer (on a page, where no dialog would close with it, Escape)
  if (multiple && (await dropdown.count())) {
    const dialog = page.locator('.ant-modal-content, .ant-drawer-content').filter({ has: select });
    if (await dialog.count()) await dialog.locator('.ant-modal-title, .ant-drawer-title').first().click();
    else await page.keyboard.press('Escape');
  }
  await dropdown.waitFor({ state: 'hidden' });
}

/** Picks a user in a UserSelect: types the name (the server searches), chooses `name (username)`. */
export async function pickUser(page: Page, label: string, name: string, username: string, within: Locator) {
  await pick(page, label, `${name} (${username})`, within, name);
}
