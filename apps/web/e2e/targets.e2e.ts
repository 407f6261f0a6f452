import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, openMenu, settled } from './flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/**
 * A month the demo has no targets for (it sets this month's, quarter's and year's): two months
 * back, where the demo's sales (if any) give the rates something to show.
 */
function pastMonth() {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 2);
  return `${d.toISOString().slice(0, 7)}-01`;
}

type Team = { supervisor: string; branch: string; store: string; otherStore: string; person: string };

/** Types an amount into the split dialog's row of `name`. */
async function splitAmount(page: Page, name: string, amount: string) {
  const input = page.getByRole('dialog').getByLabel(`${name} 的任务金额`);
  await input.fill(amount);
}

async function journey(viewport: ViewportName, team: Team) {
  const { context, page } = await newPage(browser, viewport);
  const phone = viewport === 'phone';
  await signInAs(page, team.supervisor);
  const start = pastMonth();
  await openMenu(page, '销售任务', phone);
  await page.waitForURL('**/targets**');
  // the period: month (the default), the month chosen through the address like a shared link
  await page.goto(`/targets?period=month&start=${start}`);
  await page
    .getByRole('row', { name: new RegExp(team.branch) })
    .first()
    .waitFor();

  // set the branch's target
  await page.getByRole('button', { name: `设定任务 ${team.branch}` }).click();
  const set = page.getByRole('dialog', { name: `设定任务：${team.branch}` });
  await set.getByLabel('任务金额（元）').fill('100000');
  await set.getByLabel('任务数量（单）').fill('20');
  const created = answer(page, 'POST', '/targets');
  await set.getByRole('button', { name: '保存' }).click();
  expect((await created).status()).toBe(201);
  await expect.poll(() => page.getByText('未分配 ¥100,000.00').count()).toBeGreaterThan(0);

  // split it to the two stores: what is left is said as it is typed, too much is refused in the dialog
  await page.getByRole('button', { name: `分解 ${team.branch}` }).click();
  const split = page.getByRole('dialog', { name: `分解任务：${team.branch}` });
  await splitAmount(page, team.store, '60000');
  await splitAmount(page, team.otherStore, '50000');
  await expect.poll(() => split.getByRole('status').textContent()).toContain('超出部门任务 ¥10,000.00');
  await splitAmount(page, team.otherStore, '30000');
  await expect.poll(() => split.getByRole('status').textContent()).toContain('未分配：¥10,000.00');
  await settled(page);
  await snap(page, `targets-split-zh-${viewport}`);
  const splitDone = answer(page, 'POST', /\/targets\/[^/]+\/split$/);
  await split.getByRole('button', { name: '保存分解' }).click();
  expect((await splitDone).status()).toBe(200);
  await expect.poll(() => page.getByText('未分配 ¥10,000.00').count()).toBeGreaterThan(0);

  // then the store's share to its account manager
  await page.getByRole('button', { name: `分解 ${team.store}` }).click();
  const toPerson = page.getByRole('dialog', { name: `分解任务：${team.store}` });
  await splitAmount(page, team.person, '40000');
  await expect.poll(() => toPerson.getByRole('status').textContent()).toContain('未分配：¥20,000.00');
  const personDone = answer(page, 'POST', /\/targets\/[^/]+\/split$/);
  await toPerson.getByRole('button', { name: '保存分解' }).click();
  expect((await personDone).status()).toBe(200);
  await expect.poll(() => page.getByText('未分配 ¥20,000.00').count()).toBeGreaterThan(0);

  // the attainment: a rate bar per level, the person's target as set
  const rate = page.getByRole('progressbar', { name: new RegExp(`^${team.person} 完成率 \\d+\\.\\d%$`) });
  await rate.waitFor();
  const api = await apiAs(page);
  const attainment = await api.get(`/targets/attainment?period=month&start=${start}`);
  const person = attainment.users.find((u: { name: string }) => u.name === team.person);
  expect(person).toMatchObject({ target: '40000.00' });
  expect(person.rate).toMatch(/^\d+\.\d$/);
  const branch = attainment.departments.find((d: { name: string }) => d.name === team.branch);
  expect(branch).toMatchObject({ target: '100000.00', allocated: '90000.00', targetCount: 20 });
  await expect.poll(() => page.getByRole('img', { name: /柱状图/ }).count()).toBe(1);
  await settled(page);
  await snap(page, `targets-zh-${viewport}`);
  if (phone) await expectNoSidewaysScroll(page);
  await context.close();
}

describe('sales targets (销售任务)', () => {
  it('a supervisor sets the branch target, splits it to the stores and a store’s share to a person, sees the attainment (desktop)', async () => {
    await journey('desktop', {
      supervisor: 'zhouqiang',
      branch: '上海分公司',
      store: '浦东中心门店',
      otherStore: '徐汇小微门店',
      person: '刘洋',
    });
  });

  it('the same on a 390 px phone', async () => {
    await journey('phone', {
      supervisor: 'wuting',
      branch: '杭州分公司',
      store: '西湖中心门店',
      otherStore: '滨江小微门店',
      person: '徐芳',
    });
  });
});
