import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, openMenu, rows, searchList, settled } from './flows.ts';
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

/** Types a day into an antd date picker found by its label, confirmed with Enter. */
async function typeDay(page: Page, label: string, day: string) {
  const input = page.getByRole('dialog').getByLabel(label, { exact: true });
  await input.click();
  await input.fill(day);
  await page.keyboard.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(day);
}

/**
 * The admin makes a batch of 2 cards of 500.00, exports the secrets once (confirmed; the batch then
 * says 已导出), finds the first card, activates it and takes a payment of 120.50 with its secret:
 * the card holds 379.50 and its ledger shows 发卡, 激活 and 消费.
 */
async function journey(viewport: ViewportName) {
  const isPhone = viewport === 'phone';
  const name = `E2E卡${isPhone ? 'P' : 'D'}${stamp}`;
  const { context, page } = await newPage(browser, viewport);
  await signInAs(page, 'admin');
  await openMenu(page, '充值卡', isPhone);
  await page.waitForURL('**/cards');
  await settled(page);

  await page.getByRole('button', { name: '新建批次' }).click();
  const dialog = page.getByRole('dialog', { name: '新建批次' });
  await settled(page);
  await dialog.getByLabel('批次名称').fill(name);
  await dialog.getByLabel('面值').fill('500');
  await dialog.getByLabel('数量').fill('2');
  await typeDay(page, '制卡日期', '2026-01-01');
  await typeDay(page, '有效期至', '2099-12-31');
  await settled(page);
  await snap(page, `card-batch-form-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);
  const created = answer(page, 'POST', '/card-batches');
  await dialog.getByRole('button', { name: /^生\s?成$/ }).click();
  const batchAnswer = await created;
  expect(batchAnswer.status()).toBe(201);
  const batch = await batchAnswer.json();
  await dialog.waitFor({ state: 'hidden' });

  // the secrets, once: a warning to confirm, then the file; the batch then says 已导出
  const row = await searchList(page, page.getByPlaceholder('搜索批次名称'), name);
  await row.getByRole('button', { name: '导出卡密' }).click();
  const confirm = page.locator('.ant-modal-confirm');
  await confirm.getByText(/只能导出这一次/).waitFor();
  await settled(page);
  await snap(page, `card-secrets-confirm-zh-${viewport}`);
  const exported = answer(page, 'GET', `/card-batches/${batch.id}/secrets`);
  await confirm.getByRole('button', { name: '我已知晓，导出' }).click();
  const secrets = (await (await exported).json()).data as { number: string; secret: string }[];
  expect(secrets).toHaveLength(2);
  await row.getByText('已导出').waitFor();

  // the first card: activate, then pay 120.50 with its secret
  const card = secrets[0];
  await page.getByRole('tab', { name: '卡片' }).click();
  const cardRow = await searchList(page, page.getByPlaceholder('输入卡号开头'), card.number);
  await cardRow.getByText('未激活').waitFor();
  if (isPhone) await expectNoSidewaysScroll(page);
  await cardRow.getByRole('link', { name: card.number }).click();
  await page.waitForURL(`**/cards/${card.number}`);
  await page.getByRole('button', { name: /^激\s?活$/ }).click();
  const activated = answer(page, 'POST', `/cards/${card.number}/activate`);
  await page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /^(确\s?定|OK)$/ })
    .click();
  expect((await activated).status()).toBe(200);
  await page.getByRole('button', { name: /^消\s?费$/ }).click();
  const pay = page.getByRole('dialog', { name: '消费' });
  await settled(page);
  await pay.getByLabel('金额').fill('120.50');
  await pay.getByLabel('卡密').fill(card.secret);
  await settled(page);
  await snap(page, `card-consume-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);
  const consumed = answer(page, 'POST', `/cards/${card.number}/consume`);
  await pay.getByRole('button', { name: /^保\s?存$/ }).click();
  const paid = await consumed;
  expect(paid.status()).toBe(200);
  expect((await paid.json()).card.balance).toBe('379.50');
  await pay.waitFor({ state: 'hidden' });
  await page.getByText('379.50', { exact: true }).first().waitFor();
  await expect.poll(() => rows(page).count()).toBe(3);
  await settled(page);
  await snap(page, `card-detail-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);
  await context.close();
}

describe('prepaid cards (充值卡)', () => {
  it(
    'makes a batch, exports its secrets once, activates a card and pays with it (desktop)',
    () => journey('desktop'),
    180_000,
  );
  it(
    'makes a batch, exports its secrets once, activates a card and pays with it (phone)',
    () => journey('phone'),
    180_000,
  );
});
