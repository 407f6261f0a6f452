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
  pickUser,
  rows,
  searchList,
  settled,
} from './flows.ts';
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
 * 高燕 (市场专员, 华东) submits a 地面推广 plan with ¥3,000 of expenses: the demo flow asks her
 * supervisor 赵敏 first, then a 高管. Set up through the API — the journey is the approving.
 */
async function submittedPlan(page: Page, title: string) {
  const api = await apiAs(page);
  const today = new Date().toISOString().slice(0, 10);
  const plan = await api.post('/marketing-plans', {
    type: 'promotion',
    subType: '地面推广',
    title,
    startDate: today,
    endDate: today,
    goals: [{ kind: 'leads', target: '20' }],
    expenses: [
      { item: '物料', amount: '1800.00' },
      { item: '场地', amount: '1200.00' },
    ],
  });
  expect(plan.reviewStatus).toBe('in-approval');
  return plan as { id: string; approvalId?: string };
}

/** 审批中心 → the tab → the row of `title`, found by searching for it. */
async function findInBox(page: Page, isPhone: boolean, tab: string, title: string) {
  await openMenu(page, '审批', isPhone);
  await page.waitForURL('**/approvals**');
  const selected = page.getByRole('tab', { name: tab });
  await selected.click();
  await expect.poll(() => selected.getAttribute('aria-selected')).toBe('true');
  const row = await searchList(page, page.getByPlaceholder('搜索标题'), title);
  await expect.poll(() => row.count()).toBe(1);
  return row;
}

async function approveAsSupervisor(viewport: ViewportName) {
  const isPhone = viewport === 'phone';
  const title = `地推审批${viewport}${stamp}`;
  const submitter = await newPage(browser, viewport);
  await signInAs(submitter.page, 'gaoyan');
  await submittedPlan(submitter.page, title);

  // 赵敏 approves from 我的待办, with a comment
  const approver = await newPage(browser, viewport);
  await signInAs(approver.page, 'zhaomin');
  const row = await findInBox(approver.page, isPhone, '我的待办', title);
  await expect.poll(() => row.textContent()).toContain('¥3,000.00');
  await row.getByRole('button', { name: title }).click();
  const drawer = approver.page.getByRole('dialog', { name: title });
  await settled(approver.page);
  await expect.poll(() => drawer.textContent()).toContain('高燕');
  await settled(approver.page);
  await snap(approver.page, `approval-drawer-zh-${viewport}`);
  // 驳回 without a reason is refused before it is sent
  await drawer.getByRole('button', { name: '驳回' }).click();
  await drawer.getByText('驳回或退回时请填写审批意见').waitFor();
  await drawer.getByLabel('审批意见').fill('同意，注意控制物料成本');
  const decided = answer(approver.page, 'POST', /\/approvals\/[^/]+\/approve$/);
  await drawer.getByRole('button', { name: '同意', exact: true }).click();
  const approval = await (await decided).json();
  expect(approval).toMatchObject({ status: 'pending', step: { index: 2, count: 2 } });
  await approver.page.getByText('已同意').first().waitFor();
  // it left 我的待办 and is under 我已处理
  await approver.page.keyboard.press('Escape');
  await approver.page.getByRole('tab', { name: '我已处理' }).click();
  await expect.poll(() => rows(approver.page).filter({ hasText: title }).count()).toBe(1);
  if (isPhone) await expectNoSidewaysScroll(approver.page);

  // 高燕 sees it under 我发起的, at the second step, with 赵敏's comment in its history
  const mine = await findInBox(submitter.page, isPhone, '我发起的', title);
  await expect.poll(() => mine.textContent()).toContain('第 2/2 步');
  await mine.getByRole('button', { name: title }).click();
  const detail = submitter.page.getByRole('dialog', { name: title });
  await expect.poll(() => detail.textContent()).toContain('同意，注意控制物料成本');
  await settled(submitter.page);
  await snap(submitter.page, `approval-submitted-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(submitter.page);
  await submitter.context.close();
  await approver.context.close();
}

describe('approvals (审批)', () => {
  it('a supervisor approves a marketing plan from 我的待办; the submitter follows it under 我发起的 (desktop)', async () => {
    await approveAsSupervisor('desktop');
  });

  it('the same on a phone (390 px)', async () => {
    await approveAsSupervisor('phone');
  });

  it('an admin builds a flow (supervisor, then 会签 of two people, from ¥5,000) and edits it into version 2 (desktop)', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signInAs(page, 'admin');
    const name = `大额付款审批${stamp}`;
    await openMenu(page, '审批流程', false);
    await page.waitForURL('**/settings/approval-flows');
    await page.getByRole('button', { name: '新建流程' }).click();
    const drawer = page.getByRole('dialog', { name: '新建流程' });
    await settled(page);
    await drawer.getByLabel('流程名称').fill(name);
    await pick(page, '单据类型', '付款', drawer);
    await drawer.getByLabel('最低金额').fill('5,000');
    await drawer.getByRole('button', { name: '添加步骤' }).click();
    const second = drawer.locator('.ant-card').nth(1);
    await second.getByText('指定人员', { exact: true }).click();
    await pickUser(page, '人员', '赵敏', 'zhaomin', second);
    await pickUser(page, '人员', '孙丽', 'sunli', second);
    await settled(page);
    await snap(page, 'approval-flow-form-zh-desktop');
    const created = answer(page, 'POST', '/approval-flows');
    await drawer.getByRole('button', { name: '保存', exact: true }).click();
    const flow = await (await created).json();
    expect(flow).toMatchObject({
      name,
      documentType: 'payment',
      version: 1,
      conditions: { minAmount: '5000.00', maxAmount: null, departmentIds: [] },
      steps: [
        { kind: 'supervisor', levels: 1 },
        { kind: 'users', mode: 'all' },
      ],
    });
    expect(flow.steps[1].userIds).toHaveLength(2);

    await page.getByPlaceholder('搜索流程名称').fill(name);
    await page.getByPlaceholder('搜索流程名称').press('Enter');
    const row = rows(page).filter({ hasText: name });
    await expect.poll(() => row.textContent()).toContain('赵敏、孙丽 · 会签');
    expect(await row.textContent()).toContain('≥ ¥5,000.00');
    expect(await row.textContent()).toContain('v1');

    await row.getByRole('button', { name }).click();
    const edit = page.getByRole('dialog', { name: '编辑流程 · v1' });
    await settled(page);
    await edit.getByLabel('流程名称').fill(`${name}（新）`);
    const patched = answer(page, 'PATCH', `/approval-flows/${flow.id}`);
    await edit.getByRole('button', { name: '保存', exact: true }).click();
    expect(await (await patched).json()).toMatchObject({ version: 2, steps: flow.steps });
    await expect
      .poll(() =>
        rows(page)
          .filter({ hasText: `${name}（新）` })
          .textContent(),
      )
      .toContain('v2');
    await snap(page, 'approval-flows-zh-desktop');
    // the flow would hold every later payment from ¥5,000 for approval: the journeys share one
    // server, and receivables' instalments are such payments
    await (await apiAs(page)).delete(`/approval-flows/${flow.id}?version=2`);
    await context.close();
  });
});
