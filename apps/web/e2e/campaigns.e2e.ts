import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, openMenu, pick, settled, switchLanguage } from './flows.ts';
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

/** Types the two days of an antd range picker found by its label, each confirmed with Enter. */
async function typeRange(page: Page, scope: Locator, label: string, from: string, to: string) {
  const start = scope.getByLabel(label, { exact: true });
  await start.click();
  await start.fill(from);
  await page.keyboard.press('Enter');
  const end = scope.locator('.ant-picker-range input').nth(1);
  await end.fill(to);
  await page.keyboard.press('Enter');
  await expect.poll(() => end.inputValue()).toBe(to);
}

/**
 * 市场专员 高燕 creates a campaign with two expense lines (0.10 + 1,234.20 = 1,234.30, exact), sees
 * its totals and ROI card (no leads yet: no cost per lead), adds an entry to its action log, and
 * finds it in the ROI analysis.
 */
async function journey(viewport: ViewportName) {
  const isPhone = viewport === 'phone';
  const name = `春季路演${viewport === 'phone' ? '手机' : ''}${stamp}`;
  const { context, page } = await newPage(browser, viewport);
  await signInAs(page, 'gaoyan');
  await openMenu(page, '市场活动', isPhone);
  await page.waitForURL('**/campaigns');
  await page.getByRole('cell', { name: '2026 春季新品推广会' }).waitFor(); // the demo's
  await settled(page);
  await snap(page, `campaigns-list-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);
  await page.getByRole('button', { name: '新建活动' }).click();
  const drawer = page.getByRole('dialog', { name: '新建市场活动' });
  await settled(page);
  await drawer.getByLabel('活动名称').fill(name);
  await pick(page, '活动渠道', '线下活动', drawer);
  const year = new Date().getFullYear();
  await typeRange(page, drawer, '活动日期', `${year}-03-01`, `${year}-03-02`);
  await drawer.getByLabel('预算（元）').fill('2000');
  for (const [item, amount] of [
    ['茶歇', '0.10'],
    ['场地租赁', '1234.2'],
  ]) {
    await drawer.getByRole('button', { name: '添加费用' }).click();
    await drawer.getByLabel('费用项目').last().fill(item);
    await drawer.getByLabel('金额（元）').last().fill(amount);
  }
  // the running total is exact, and what is left of the budget
  await drawer.getByText('合计 ¥1,234.30').waitFor();
  await drawer.getByText('预算剩余 ¥765.70').waitFor();
  await settled(page);
  await snap(page, `campaign-form-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);
  const created = answer(page, 'POST', '/campaigns');
  await drawer.getByRole('button', { name: '保存', exact: true }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  const campaign = await response.json();
  expect(campaign).toMatchObject({ name, totalExpense: '1234.30', budget: '2000.00' });
  expect(campaign.number).toMatch(/^HD/);

  // the detail opens on it: 概览 with the ROI card
  const detail = page.getByRole('dialog', { name: `${campaign.number} · ${name}` });
  const card = detail.getByRole('region', { name: '投入产出' });
  await card.getByText('¥1,234.30').waitFor();
  // won amounts count the won opportunities that came from it (none yet)
  await card.getByText('来自本活动的销售机会', { exact: false }).waitFor();
  await card.getByText('¥0.00').waitFor();
  await expect.poll(() => card.innerText()).toContain('—'); // no leads: no cost per lead
  await settled(page);
  await snap(page, `campaign-detail-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);

  // 编辑 from the detail: the form lies over it (a click reaches it) and saves
  await detail.getByRole('button', { name: '编辑', exact: true }).click();
  const edit = page.getByRole('dialog', { name: '编辑市场活动' });
  await settled(page);
  await edit.getByLabel('预算（元）').fill('2500');
  const saved = answer(page, 'PATCH', `/campaigns/${campaign.id}`);
  await edit.getByRole('button', { name: '保存', exact: true }).click();
  expect(await (await saved).json()).toMatchObject({ budget: '2500.00' });
  await edit.waitFor({ state: 'hidden' });

  // 活动记录
  await detail.getByRole('tab', { name: '活动记录' }).click();
  const entry = `发出邀请函 80 份${stamp}`;
  await detail.getByLabel('记录内容').fill(entry);
  const added = answer(page, 'POST', `/campaigns/${campaign.id}/actions`);
  await detail.getByRole('button', { name: '添加记录' }).click();
  expect((await added).status()).toBe(201);
  const log = detail.getByRole('tabpanel', { name: '活动记录' });
  await log.getByText(entry).waitFor();
  await log.getByText('高燕').first().waitFor();
  await settled(page);
  await snap(page, `campaign-actions-zh-${viewport}`);

  // 费用明细 with its total
  await detail.getByRole('tab', { name: '费用明细' }).click();
  const expenses = detail.getByRole('tabpanel', { name: '费用明细' });
  await expenses.getByText('1,234.20').waitFor();
  await expenses.getByText('1,234.30').waitFor();

  // 变更记录: what it was created with, in words
  await detail.getByRole('tab', { name: '变更记录' }).click();
  const history = detail.getByRole('tabpanel', { name: '变更记录' });
  await history.getByText('茶歇 0.10；场地租赁 1234.20').waitFor();
  await history.getByText('计划中').first().waitFor();
  await settled(page);
  await snap(page, `campaign-history-zh-${viewport}`);

  // 线索: a lead captured for it (through the leads API) is listed on its tab
  const leadName = `路演意向客户${stamp}${isPhone ? 'p' : 'd'}`;
  await (await apiAs(page)).post('/leads', {
    name: leadName,
    campaignId: campaign.id,
    mobile: '13900001234',
  });
  await detail.getByRole('tab', { name: '线索' }).click();
  await detail.getByRole('tabpanel', { name: '线索' }).getByRole('link', { name: leadName }).waitFor();

  // the ROI analysis counts it in its period
  await page.goto(`/campaigns/roi`);
  await page.getByRole('heading', { name: '活动 ROI 分析' }).waitFor();
  await page.getByRole('link', { name }).waitFor();
  await page.getByRole('img', { name: '各渠道费用与线索' }).waitFor();
  await settled(page);
  await snap(page, `campaign-roi-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);
  await context.close();
}

describe('campaigns (市场活动)', () => {
  it('creates a campaign with two expense lines, adds an action, sees totals and the ROI card (desktop)', () =>
    journey('desktop'));
  it('creates a campaign with two expense lines, adds an action, sees totals and the ROI card (phone)', () =>
    journey('phone'));

  it("shows the demo's spring launch in English: its figures, action log and expenses (desktop)", async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signInAs(page, 'gaoyan');
    const api = await apiAs(page);
    const found = await api.get(`/campaigns?q=${encodeURIComponent('2026 春季新品推广会')}`);
    const spring = found.data[0];
    expect(spring).toBeDefined();
    await switchLanguage(page, 'English');
    await page.goto(`/campaigns?id=${spring.id}`);
    const detail = page.getByRole('dialog', { name: `${spring.number} · 2026 春季新品推广会` });
    const card = detail.getByRole('region', { name: 'Cost and results' });
    // the demo's two leads met at the launch, one of them a customer now: ¥12,210.50 spent, per lead half
    await card.getByText('¥12,210.50').first().waitFor();
    await card.getByText('¥6,105.25').waitFor();
    await card
      .getByText('the expected amounts of the won opportunities that came from the campaign', {
        exact: false,
      })
      .waitFor();
    await detail.getByText('Offline event').waitFor();
    await settled(page);
    await snap(page, 'campaign-detail-en-desktop');
    await detail.getByRole('tab', { name: 'Expenses' }).click();
    await detail.getByRole('tabpanel', { name: 'Expenses' }).getByText('Total').waitFor();
    await detail.getByRole('tab', { name: 'Action log' }).click();
    await detail.getByRole('tabpanel', { name: 'Action log' }).getByText('高燕').first().waitFor();
    await page.goto('/campaigns/roi');
    await page.getByRole('heading', { name: 'Campaign ROI' }).waitFor();
    await page.getByRole('img', { name: 'Cost and leads per channel' }).waitFor();
    await settled(page);
    await snap(page, 'campaign-roi-en-desktop');
    await context.close();
  });
});
