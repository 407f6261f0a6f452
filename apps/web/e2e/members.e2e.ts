import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { ensureCustomer, signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, openMenu, pick, searchList, settled } from './flows.ts';
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

/**
 * The admin makes a customer a member from 会员, adds 100 points, tries to redeem 150 (the
 * refusal shows on the points field, nothing changes), redeems 40 — 60 left — sets the level by
 * hand (编辑) and finds the member in the list by the customer's name.
 */
async function journey(viewport: ViewportName) {
  const isPhone = viewport === 'phone';
  const customerName = `E2E会员客户${isPhone ? 'P' : 'D'}${stamp}`;
  const { context, page } = await newPage(browser, viewport);
  await signInAs(page, 'admin');
  const customer = (await ensureCustomer(await apiAs(page), customerName)) as {
    id: string;
    number?: string | null;
  };
  await openMenu(page, '会员', isPhone);
  await page.waitForURL('**/members');
  await settled(page);

  await page.getByRole('button', { name: '新建会员' }).click();
  const dialog = page.getByRole('dialog', { name: '新建会员' });
  await settled(page);
  // the option reads 名称（编号）
  const option = customer.number ? `${customerName}（${customer.number}）` : customerName;
  await pick(page, '客户', option, dialog, customerName);
  const created = answer(page, 'POST', '/members');
  await dialog.getByRole('button', { name: /^保\s?存$/ }).click();
  const createdAnswer = await created;
  expect(createdAnswer.status()).toBe(201);
  const member = await createdAnswer.json();
  await page.waitForURL(`**/members/${member.id}`);
  await settled(page);

  const points = page.getByRole('dialog', { name: '积分调整 / 兑换' });
  const change = async (direction: '增加' | '兑换（扣减）', amount: string, reason: string) => {
    await page.getByRole('button', { name: '积分调整 / 兑换' }).click();
    await settled(page);
    await points.getByText(direction, { exact: true }).click();
    await points.getByLabel('积分', { exact: true }).fill(amount);
    await points.getByLabel('原因', { exact: true }).fill(reason);
    const sent = answer(page, 'POST', `/members/${member.id}/points`);
    await points.getByRole('button', { name: /^保\s?存$/ }).click();
    return sent;
  };
  expect((await change('增加', '100', '开卡赠送')).status()).toBe(200);
  await points.waitFor({ state: 'hidden' });
  await expect.poll(() => page.getByTestId('member-points').textContent()).toBe('100');

  // past the balance: refused on the points field, the dialog stays open
  expect((await change('兑换（扣减）', '150', '兑换礼品')).status()).toBe(409);
  await points.getByText('积分不足，当前可用 100').waitFor();
  await settled(page);
  await snap(page, `member-redeem-refused-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);
  await points.getByRole('button', { name: /^取\s?消$/ }).click();
  await points.waitFor({ state: 'hidden' });

  expect((await change('兑换（扣减）', '40', '兑换礼品')).status()).toBe(200);
  await points.waitFor({ state: 'hidden' });
  await expect.poll(() => page.getByTestId('member-points').textContent()).toBe('60');
  await page.getByRole('cell', { name: '兑换礼品' }).first().waitFor();
  await settled(page);
  await snap(page, `member-detail-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);

  // 编辑: the level set by hand
  await page.getByRole('button', { name: /^编\s?辑$/ }).click();
  const edit = page.getByRole('dialog', { name: '编辑' });
  await pick(page, '会员等级', '金卡会员', edit);
  const edited = answer(page, 'PATCH', `/members/${member.id}`);
  await edit.getByRole('button', { name: /^保\s?存$/ }).click();
  expect((await edited).status()).toBe(200);
  await edit.waitFor({ state: 'hidden' });
  await page.locator('.ant-descriptions').getByText('金卡会员').waitFor();

  // found again by the customer's name
  await openMenu(page, '会员', isPhone);
  await page.waitForURL('**/members');
  const row = await searchList(page, page.getByPlaceholder('会员编号或客户名称'), customerName);
  await row.getByRole('link', { name: member.number }).waitFor();
  await settled(page);
  await snap(page, `members-list-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);

  // 导出: the list as it is filtered, a spreadsheet named 会员-<date>.xlsx
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^导\s?出$/ }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/^会员-\d{4}-\d{2}-\d{2}\.xlsx$/);

  // the customer's page says it is a member, with the way to its 会员 page
  await page.goto(`/customers/${customer.id}?tab=member`);
  await page.getByRole('tab', { name: '会员', selected: true }).waitFor();
  await page.getByRole('link', { name: member.number }).waitFor();
  await settled(page);
  await snap(page, `customer-member-tab-zh-${viewport}`);
  await page.getByRole('link', { name: member.number }).click();
  await page.waitForURL(`**/members/${member.id}`);
  await context.close();
}

describe('members (会员)', () => {
  it(
    'makes a member, adds points, is refused past the balance, redeems, edits the level (desktop)',
    () => journey('desktop'),
    180_000,
  );
  it(
    'makes a member, adds points, is refused past the balance, redeems, edits the level (phone)',
    () => journey('phone'),
    180_000,
  );
});
