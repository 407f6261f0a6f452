import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, snap } from './browser.ts';
import { createdRow, expectNoSidewaysScroll, openMenu, settled, signIn } from './flows.ts';
import { newStamp } from './stamp.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** Resolves once the server has answered a dictionary-items call of this method. */
function itemsCall(page: Page, method: string) {
  return page.waitForResponse(
    (r) => r.url().includes('/api/v1/dictionaries/') && r.request().method() === method,
  );
}

/** The data rows of the items table (the header row has no `data-row-key`). */
function dataRows(page: Page): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('cell') });
}

describe('dictionaries (数据字典)', () => {
  it('admin adds an industry, moves it first, invalidates and restores it (desktop)', async () => {
    // a name of this run's own (a retry must not meet the item its first run made)
    const stamp = newStamp();
    const itemName = `低空经济${stamp}`;
    const { context, page } = await newPage(browser, 'desktop');
    await signIn(page, 'admin', inject('adminPassword'));
    await page.getByRole('button', { name: /^账户：/ }).waitFor();
    await openMenu(page, '数据字典', false);
    await page.getByRole('navigation', { name: '字典类型' }).getByRole('menuitem', { name: /^行业/ }).click();
    await page.waitForURL('**/dictionaries?type=industry');
    await dataRows(page).first().waitFor();

    // add
    await page.getByRole('button', { name: '新增字典项' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称', { exact: true }).fill(itemName);
    await dialog.getByLabel('英文名称').fill(`Low-altitude ${stamp}`);
    const created = itemsCall(page, 'POST');
    await dialog.getByRole('button', { name: '保存' }).click();
    expect((await created).status()).toBe(201);
    // the new item is shown marked in the list
    await createdRow(page, itemName).waitFor();
    // the closing dialog's mask takes clicks until it is gone
    await dialog.waitFor({ state: 'hidden' });
    await settled(page);
    const row = dataRows(page).filter({ hasText: itemName });

    // move to position 1
    // (each click into a popover waits for it to have opened: a click during antd's opening
    // animation can land beside its target on a busy machine)
    await row.getByRole('button', { name: '移动到…' }).click();
    await settled(page);
    await page.getByLabel('目标位置').fill('1');
    const moved = itemsCall(page, 'POST');
    await page.getByRole('button', { name: '移动', exact: true }).click();
    expect((await moved).status()).toBe(200);
    await expect.poll(() => dataRows(page).first().innerText()).toContain(itemName);
    // cells: selection checkbox, sort order, name …
    expect(await row.getByRole('cell').nth(1).innerText()).toBe('1');

    // invalidate (confirmed), then it is marked and view-only
    await row.getByRole('button', { name: '设为失效' }).click();
    await settled(page);
    const invalidated = itemsCall(page, 'POST');
    await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
    expect((await invalidated).status()).toBe(200);
    await row.getByText('已失效', { exact: true }).waitFor();
    await expect.poll(() => row.getByRole('button', { name: '编辑' }).isDisabled()).toBe(true);
    await snap(page, 'dictionaries-zh-desktop');

    // restore
    const restored = itemsCall(page, 'POST');
    await row.getByRole('button', { name: '恢复' }).click();
    expect((await restored).status()).toBe(200);
    await row.getByText('有效', { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: '编辑' }).isDisabled()).toBe(false);

    // nothing refers to it yet, so it can be deleted
    await row.getByRole('button', { name: '删除' }).click();
    await settled(page);
    const deleted = itemsCall(page, 'DELETE');
    await page.getByRole('tooltip').getByRole('button', { name: '删除' }).click();
    expect((await deleted).status()).toBe(200);
    await expect.poll(() => row.count()).toBe(0);
    await context.close();
  });

  it('regions open one level at a time; no sideways scroll on a phone', async () => {
    const { context, page } = await newPage(browser, 'phone');
    await signIn(page, 'admin', inject('adminPassword'));
    await page.getByRole('button', { name: /^账户：/ }).waitFor();
    await openMenu(page, '数据字典', true);
    await page.waitForURL('**/dictionaries');

    // the menu drawer closes with an animation: a click before it is gone lands on its mask
    await page.getByRole('menuitem', { name: '数据字典' }).waitFor({ state: 'hidden' });
    await page.getByRole('combobox', { name: '字典类型' }).click();
    await page.locator('.ant-select-dropdown:visible').waitFor();
    await page.keyboard.type('地区');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/dictionaries?type=region');
    const guangdong = dataRows(page).filter({ hasText: '广东省' });
    const cities = page.waitForResponse(
      (r) => r.url().includes('/api/v1/dictionaries/region/items?parentId=') && !r.url().includes('root'),
    );
    await guangdong.getByRole('button', { name: '展开行' }).click();
    expect((await cities).status()).toBe(200);
    await dataRows(page).filter({ hasText: '深圳市' }).waitFor();
    await expectNoSidewaysScroll(page);
    await snap(page, 'dictionaries-zh-phone');
    await context.close();
  });
});
