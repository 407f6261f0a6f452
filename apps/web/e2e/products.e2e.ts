import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, openMenu, pick, rows, searchList, settled } from './flows.ts';
import { beforeRetry, newStamp } from './stamp.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

let stamp = newStamp();
beforeRetry(() => {
  stamp = newStamp();
});

/** 出入库 → the kind, the product (searched by code), the warehouse(s) and the quantity; answers the dialog. */
async function fillMove(
  page: Page,
  move: { kind: string; code: string; name: string; from: string; to?: string; quantity: string },
): Promise<Locator> {
  await page.getByRole('button', { name: '出入库', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '出入库' });
  await settled(page);
  await dialog.getByText(move.kind, { exact: true }).click();
  await pick(page, '产品', `${move.code} ${move.name}`, dialog, move.code);
  await pick(page, move.to ? '调出仓库' : '仓库', move.from, dialog);
  if (move.to) await pick(page, '调入仓库', move.to, dialog);
  await dialog.getByLabel('数量', { exact: true }).fill(move.quantity);
  return dialog;
}

async function saveMove(page: Page, dialog: Locator) {
  const saved = answer(page, 'POST', '/stock-moves');
  await dialog.getByRole('button', { name: '保存', exact: true }).click();
  return saved;
}

/**
 * 赵敏 (销售主管) creates a product, stocks 10 into 上海总仓, transfers 4 to 杭州分仓, finds the
 * product's stock per warehouse, and is refused when she takes 5 out of 杭州分仓 (库存不足, with
 * what it holds), nothing written.
 */
async function journey(viewport: ViewportName) {
  const isPhone = viewport === 'phone';
  const code = `E2E-${isPhone ? 'P' : 'D'}${stamp}`;
  const name = `测试打印机${isPhone ? '手机' : ''}${stamp}`;
  const { context, page } = await newPage(browser, viewport);
  await signInAs(page, 'zhaomin');

  await openMenu(page, '产品', isPhone);
  await page.waitForURL('**/products');
  await page.getByRole('cell', { name: '彩色激光打印机 P300' }).waitFor(); // the demo's
  await settled(page);
  await snap(page, `products-list-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);

  await page.getByRole('button', { name: '新建产品' }).click();
  const drawer = page.getByRole('dialog', { name: '新建产品' });
  await settled(page);
  await drawer.getByLabel('产品编码').fill(code);
  await drawer.getByLabel('产品名称').fill(name);
  await drawer.getByLabel('型号').fill('T-1');
  await drawer.getByLabel('标准价').fill('1999.9');
  await drawer.getByLabel('成本').fill('1200');
  await settled(page);
  await snap(page, `product-form-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);
  const created = answer(page, 'POST', '/products');
  await drawer.getByRole('button', { name: '保存', exact: true }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  expect(await response.json()).toMatchObject({ code, name, listPrice: '1999.90', cost: '1200.00' });
  // its detail opens on it
  const detail = page.getByRole('dialog', { name: `${code} · ${name}` });
  await detail.getByText('¥1,999.90').waitFor();
  await settled(page);
  await snap(page, `product-detail-zh-${viewport}`);
  await detail
    .getByRole('button', { name: 'Close' })
    .or(detail.getByRole('button', { name: '关闭' }))
    .first()
    .click();

  await openMenu(page, '库存', isPhone);
  await page.waitForURL('**/inventory');
  await settled(page);

  // 入库 10 into 上海总仓
  let dialog = await fillMove(page, { kind: '入库', code, name, from: '上海总仓', quantity: '10' });
  await settled(page);
  await snap(page, `stock-move-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);
  expect((await saveMove(page, dialog)).status()).toBe(201);
  await dialog.waitFor({ state: 'hidden' });

  // 调拨 4 to 杭州分仓: two entries, one move
  dialog = await fillMove(page, {
    kind: '调拨',
    code,
    name,
    from: '上海总仓',
    to: '杭州分仓',
    quantity: '4',
  });
  const transfer = await saveMove(page, dialog);
  expect(transfer.status()).toBe(201);
  expect(((await transfer.json()).data as unknown[]).length).toBe(2);
  await dialog.waitFor({ state: 'hidden' });

  // the stock by product: 6 + 4 = 10
  const row = await searchList(page, page.getByPlaceholder('产品编码、名称或拼音'), code);
  await expect.poll(() => rows(page).count()).toBe(1);
  const headers = await page.locator('.ant-table-thead th').allInnerTexts();
  const cells = await row.locator('td').allInnerTexts();
  const at = (title: string) => cells[headers.findIndex((h) => h.trim() === title)]?.trim();
  expect([at('上海总仓'), at('杭州分仓'), at('总库存')]).toEqual(['6', '4', '10']);
  await settled(page);
  await snap(page, `stock-by-product-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);

  // 出库 5 from 杭州分仓, which holds 4: refused with its message, nothing written
  dialog = await fillMove(page, { kind: '出库', code, name, from: '杭州分仓', quantity: '5' });
  await dialog.getByText('当前库存：4').waitFor();
  const refused = await saveMove(page, dialog);
  expect(refused.status()).toBe(409);
  expect((await refused.json()).code).toBe('INSUFFICIENT_STOCK');
  await page.locator('.ant-message').getByText('库存不足', { exact: true }).waitFor();
  await dialog.getByText('库存不足：杭州分仓 只有 4').waitFor();
  await settled(page);
  await snap(page, `stock-short-zh-${viewport}`);
  await dialog.getByRole('button', { name: '取消' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expect
    .poll(async () => (await row.locator('td').allInnerTexts()).map((c) => c.trim()))
    .toContain('10');

  // the ledger holds the two moves' three entries (the refused one wrote none)
  await page.getByRole('tab', { name: '库存流水' }).click();
  await page
    .getByRole('cell', { name: `${code} ${name}` })
    .first()
    .waitFor();
  await expect.poll(() => page.getByRole('cell', { name: `${code} ${name}` }).count()).toBe(3);
  await settled(page);
  await snap(page, `stock-ledger-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);
  await context.close();
}

describe('products and stock (产品、库存)', () => {
  it(
    'creates a product, stocks it in, transfers it, sees the stock by product; short stock is refused (desktop)',
    () => journey('desktop'),
    180_000,
  );
  it(
    'creates a product, stocks it in, transfers it, sees the stock by product; short stock is refused (phone)',
    () => journey('phone'),
    180_000,
  );
});
