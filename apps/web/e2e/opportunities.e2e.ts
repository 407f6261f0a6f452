import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { signInAs } from './customer-flows.ts';
import {
  answer,
  expectNoSidewaysScroll,
  openMenu,
  pick,
  searchList,
  settled,
  switchLanguage,
} from './flows.ts';
import { newStamp } from './stamp.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** The card of a deal on the board (the draggable wrapper around its title). */
const card = (page: Page, title: string) =>
  page
    .locator('[aria-roledescription="draggable"]')
    .filter({ has: page.getByRole('button', { name: title }) });
const column = (page: Page, stage: string) => page.getByRole('region', { name: `阶段列：${stage}` });

/**
 * 周强 (销售主管) creates an opportunity for a prospect and assigns it (指派) to 刘洋; 刘洋 (客户经理)
 * works a development-plan item (records its result) and moves the card on the board to the next
 * stage — by dragging with the mouse on a desktop, by the keyboard (Space, →, Space) on a phone —
 * and finds the move in its stage history.
 */
async function journey(viewport: ViewportName) {
  const isPhone = viewport === 'phone';
  // stamped per run: a retry must not meet the deal its first run made
  const stamp = newStamp();
  const title = `年度设备采购${isPhone ? '手机' : ''}${stamp}`;
  const prospect = `苏州意向公司${isPhone ? 'P' : 'D'}${stamp}`;

  // ---- the supervisor creates and assigns ----
  const boss = await newPage(browser, viewport);
  let page = boss.page;
  await signInAs(page, 'zhouqiang');
  await openMenu(page, '销售机会', isPhone);
  await page.waitForURL('**/opportunities');
  await page.locator('.ant-table-tbody tr[data-row-key]').first().waitFor();
  await settled(page);
  await snap(page, `opportunities-list-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);

  await page.getByRole('button', { name: '新建销售机会' }).click();
  const drawer = page.getByRole('dialog', { name: '新建销售机会' });
  await settled(page);
  await drawer.getByText('意向客户', { exact: true }).click();
  await drawer.getByLabel('意向客户名称').fill(prospect);
  await drawer.getByLabel('机会名称').fill(title);
  await drawer.getByLabel('预计金额').fill('128000.5');
  await pick(page, '阶段', '初步接洽 · 10%', drawer, '初步');
  await settled(page);
  await snap(page, `opportunity-form-zh-${viewport}`);
  const created = answer(page, 'POST', '/opportunities');
  await drawer.getByRole('button', { name: '保存', exact: true }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  const opportunity = await response.json();
  expect(opportunity).toMatchObject({
    status: 'unassigned',
    prospectName: prospect,
    expectedAmount: '128000.50',
    probability: '10.00',
  });

  // its detail opens on it: 指派 to 刘洋
  const detail = page.getByRole('dialog', { name: title });
  await detail.getByText('¥128,000.50').first().waitFor();
  const api = await apiAs(page);
  const [liuyang] = (await api.get('/opportunities/assignees?q=刘洋')).data as {
    name: string;
    departmentName: string;
  }[];
  await detail.getByRole('button', { name: '指派', exact: true }).click();
  const assign = page.getByRole('dialog', { name: '指派销售机会' });
  await settled(page);
  await pick(page, '指派给', `${liuyang.name} · ${liuyang.departmentName}`, assign, '刘洋');
  const assigned = answer(page, 'POST', `/opportunities/${opportunity.id}/assign`);
  await assign.getByRole('button', { name: '指派', exact: true }).click();
  expect((await assigned).status()).toBe(200);
  await detail.getByText('开发中').first().waitFor();
  await detail.getByText('刘洋').first().waitFor();
  await settled(page);
  await snap(page, `opportunity-detail-assigned-zh-${viewport}`);
  // the supervisor's stage settings (阶段设置): the seeded stages with their probabilities
  await page.goto('/pipeline');
  await page.getByRole('button', { name: '阶段设置' }).click();
  const stages = page.getByRole('dialog', { name: '阶段设置' });
  await stages.getByRole('cell', { name: '赢单前' }).first().waitFor();
  await settled(page);
  await snap(page, `pipeline-stages-zh-${viewport}`);
  await boss.context.close();

  // ---- the account manager works the plan ----
  const manager = await newPage(browser, viewport);
  page = manager.page;
  await signInAs(page, 'liuyang');
  await page.goto('/opportunities');
  const [row] = [await searchList(page, page.getByPlaceholder('搜索机会名称或意向客户'), title)];
  await row.getByRole('button', { name: title }).click();
  const mine = page.getByRole('dialog', { name: title });
  await mine.getByText('客户开发计划').waitFor();
  await mine.getByRole('button', { name: '添加计划项' }).click();
  await mine.getByLabel('要做什么').fill('上门拜访采购部，确认需求');
  const added = answer(page, 'POST', `/opportunities/${opportunity.id}/plan`);
  await mine.getByRole('button', { name: '保存', exact: true }).click();
  expect((await added).status()).toBe(201);
  const item = mine.getByRole('group', { name: /上门拜访采购部/ });
  await item.getByRole('button', { name: '记录结果' }).click();
  await item.getByLabel('执行结果').fill('客户预算 13 万，下月决策');
  const recorded = answer(page, 'PATCH', new RegExp(`/opportunities/${opportunity.id}/plan/`));
  await item.getByRole('button', { name: '保存', exact: true }).click();
  expect((await recorded).status()).toBe(200);
  await item.getByText('已执行').waitFor();
  await settled(page);
  await snap(page, `opportunity-plan-zh-${viewport}`);
  await page.keyboard.press('Escape');

  // ---- and moves the card to the next stage on the board ----
  await openMenu(page, '销售看板', isPhone);
  await page.waitForURL('**/pipeline**');
  const deal = card(page, title);
  await column(page, '初步接洽').locator(deal).waitFor();
  await settled(page);
  await snap(page, `pipeline-board-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);
  const moved = answer(page, 'PATCH', `/opportunities/${opportunity.id}`);
  if (isPhone) {
    // the keyboard: pick the card up, one column right, drop it
    await deal.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    // dropped once the board says (to screen readers) the card is over the next stage
    await page.getByText(`「${title}」位于阶段「需求确认」上方`).waitFor({ state: 'attached' });
    await page.keyboard.press('Space');
  } else {
    const from = await deal.boundingBox();
    const to = await column(page, '需求确认').boundingBox();
    if (!from || !to) throw new Error('the card or the column is not on screen');
    await page.mouse.move(from.x + from.width / 2, from.y + 10);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, from.y + 20, { steps: 4 });
    await page.mouse.move(to.x + to.width / 2, to.y + 120, { steps: 12 });
    await page.mouse.up();
  }
  const saved = await moved;
  expect(saved.status()).toBe(200);
  expect(await saved.json()).toMatchObject({ stageName: '需求确认', probability: '30.00' });
  await column(page, '需求确认').locator(deal).waitFor();
  await page.getByText('已移到「需求确认」').waitFor();
  await settled(page);
  await snap(page, `pipeline-board-moved-zh-${viewport}`);

  // the move is in its stage history
  await deal.getByRole('button', { name: title }).click();
  const history = page.getByRole('dialog', { name: title }).getByRole('region', { name: '阶段变化' });
  await history.getByText('「初步接洽」→「需求确认」').waitFor();
  await page.keyboard.press('Escape');

  // the funnel and the forecast of their deals
  await page.getByRole('tab', { name: '漏斗与预测' }).click();
  await page.getByRole('img', { name: '销售漏斗' }).waitFor();
  await page.getByRole('img', { name: '销售预测' }).waitFor();
  await settled(page);
  await snap(page, `pipeline-charts-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);
  if (!isPhone) {
    // in English: the board's words (the deals' names stay as written)
    await switchLanguage(page, 'English');
    await page.getByRole('tab', { name: 'Board' }).click();
    await page.getByRole('region', { name: 'Stage column: 需求确认' }).locator(deal).waitFor();
    await page.getByRole('button', { name: 'Opportunity list' }).waitFor();
    await settled(page);
    await snap(page, 'pipeline-board-en-desktop');
  }
  await manager.context.close();
}

describe('opportunities (销售机会)', () => {
  it('a supervisor creates one for a prospect and assigns it; the manager works the plan and drags it on (desktop)', async () => {
    await journey('desktop');
  });

  it('the same on a 390 px phone, the card moved by the keyboard', async () => {
    await journey('phone');
  });
});
