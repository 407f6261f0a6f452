import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, openMenu, pick, rows, searchList, settled } from './flows.ts';
import { confirmIn, fieldPage, tenantDay, typeRange } from './plan-flows.ts';
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

type Notice = { kind: string; link: string | null; title: string };

/** The caller's notifications that link to `path` (what the bell shows them). */
async function noticesTo(page: Page, path: string): Promise<Notice[]> {
  const api = await apiAs(page);
  const list = (await api.get('/notifications?pageSize=100')) as { data: Notice[] };
  return list.data.filter((n) => n.link?.includes(path));
}

/** 审批中心 → 我的待办 → the approval of `title`, opened and approved with a comment. */
async function approveFromInbox(page: Page, isPhone: boolean, title: string, comment: string) {
  await openMenu(page, '审批', isPhone);
  await page.waitForURL('**/approvals**');
  const inbox = page.getByRole('tab', { name: '我的待办' });
  await inbox.click();
  await expect.poll(() => inbox.getAttribute('aria-selected')).toBe('true');
  const row = await searchList(page, page.getByPlaceholder('搜索标题'), title);
  await expect.poll(() => row.count()).toBe(1);
  await expect.poll(() => row.textContent()).toContain('¥3,000.00');
  await row.getByRole('button', { name: new RegExp(title) }).click();
  const drawer = page.getByRole('dialog', { name: new RegExp(title) });
  await settled(page);
  await drawer.getByLabel('审批意见').fill(comment);
  const decided = answer(page, 'POST', /\/approvals\/[^/]+\/approve$/);
  await drawer.getByRole('button', { name: '同意', exact: true }).click();
  expect((await decided).status()).toBe(200);
  await page.getByText('已同意').first().waitFor();
  if (isPhone) await expectNoSidewaysScroll(page);
}

/**
 * The seeds' own workflow on the demo company: 高燕 (市场专员, 华东大区) plans a 营销推广 / 地面推广
 * with ¥3,000 of expenses; the demo's two-level flow asks her supervisor 赵敏 (大区经理), then a
 * 高管 (李红); 高燕 checks in against the approved plan on her phone with a photo, records her
 * feedback and submits it — read-only from then on; 赵敏 finds it in her subtree's summary. Each
 * step reaches whoever acts next as a notification.
 */
async function loop(viewport: ViewportName) {
  const isPhone = viewport === 'phone';
  const title = `商圈地推${isPhone ? 'p' : 'd'}${stamp}`;

  // 高燕 plans it: three expense lines, ¥3,000.00 in all
  const planner = await fieldPage(browser, viewport);
  const p = planner.page;
  await signInAs(p, 'gaoyan');
  await openMenu(p, '营销计划', isPhone);
  await p.waitForURL('**/marketing-plans');
  await p.getByRole('button', { name: '新建计划' }).click();
  const drawer = p.getByRole('dialog', { name: '新建营销计划' });
  await settled(p);
  await drawer.locator('label', { hasText: '营销推广' }).click();
  await pick(p, '子类型', '地面推广', drawer);
  await drawer.getByLabel('标题').fill(title);
  await typeRange(p, drawer, '计划日期', tenantDay(0), tenantDay(7));
  await drawer.getByLabel('目标值').fill('30');
  for (const [i, [item, amount]] of [
    ['物料印刷', '1200'],
    ['场地费', '1799.90'],
    ['礼品', '0.10'],
  ].entries()) {
    await drawer.getByRole('button', { name: '添加费用' }).click();
    await drawer.getByLabel('费用项目', { exact: true }).nth(i).fill(item);
    await drawer.getByLabel('金额（元）', { exact: true }).nth(i).fill(amount);
  }
  await drawer.getByText('预算合计：¥3,000.00').waitFor();
  await settled(p);
  await snap(p, `marketing-loop-form-zh-${viewport}`);
  const created = answer(p, 'POST', '/marketing-plans');
  await drawer.getByRole('button', { name: '保存', exact: true }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  const plan = (await response.json()) as { id: string; number: string; approvalId: string };
  expect(plan).toMatchObject({ reviewStatus: 'in-approval', budget: '3000.00' });
  const detailName = `${plan.number} · ${title}`;
  await p.getByRole('dialog', { name: detailName }).getByText('审批中').first().waitFor();

  // 赵敏 is told, and approves from 我的待办
  const zhaomin = await newPage(browser, viewport);
  await signInAs(zhaomin.page, 'zhaomin');
  expect(
    (await noticesTo(zhaomin.page, plan.approvalId)).length + (await noticesTo(zhaomin.page, plan.id)).length,
  ).toBeGreaterThan(0);
  await approveFromInbox(zhaomin.page, isPhone, title, '同意，注意控制物料成本');

  // then 李红 (高管), the flow's second step
  const lihong = await newPage(browser, viewport);
  await signInAs(lihong.page, 'lihong');
  await approveFromInbox(lihong.page, isPhone, title, '批准');
  await lihong.context.close();
  const approved = await (await apiAs(p)).get(`/marketing-plans/${plan.id}`);
  expect(approved).toMatchObject({ reviewStatus: 'approved', execution: 'running' });
  expect((await noticesTo(p, plan.id)).length).toBeGreaterThan(0);

  // 高燕 checks in against it on the field page, with a photo
  await p.goto('/field');
  await p.getByRole('heading', { name: '外勤' }).waitFor();
  await p.getByRole('button', { name: '活动签到' }).click();
  const sheet = p.getByRole('dialog', { name: '活动签到' });
  await settled(p);
  const planSelect = sheet.locator('.ant-select', { has: p.getByLabel('营销计划') });
  await planSelect.click();
  await p.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: title }).click();
  await sheet.getByText(/已定位 · 精度 ±12 米/).waitFor();
  const shutter = sheet.getByRole('button', { name: '拍照' });
  await expect.poll(() => shutter.isEnabled()).toBe(true);
  await shutter.click();
  await sheet.getByRole('img', { name: '拍摄的照片' }).waitFor();
  await sheet.getByLabel('备注').fill(`地推现场${stamp}`);
  const checkedIn = answer(p, 'POST', '/check-ins');
  await sheet.getByRole('button', { name: '提交签到' }).click();
  expect((await checkedIn).status()).toBe(201);

  // her feedback, then submitted: read-only from then on
  await p.goto(`/marketing-plans?id=${plan.id}`);
  const detail = p.getByRole('dialog', { name: detailName });
  await detail
    .getByRole('region', { name: '活动签到' })
    .getByText(`地推现场${stamp}`, { exact: false })
    .waitFor();
  const feedback = detail.getByRole('region', { name: '执行反馈' });
  await feedback.getByLabel('拜访次数（目标 30）').fill('24');
  await feedback.getByLabel('实际费用（元）').fill('2860.50');
  await feedback.getByLabel('执行总结').fill('两个周末共走访商户 24 家，留资 15 条');
  const saved = answer(p, 'PUT', `/marketing-plans/${plan.id}/feedback`);
  await feedback.getByRole('button', { name: '保存反馈' }).click();
  expect((await saved).status()).toBe(200);
  await feedback.getByRole('button', { name: '提交反馈' }).click();
  await settled(p);
  const submitted = answer(p, 'POST', `/marketing-plans/${plan.id}/feedback/submit`);
  await confirmIn(p, '提交反馈').click();
  expect((await submitted).status()).toBe(200);
  await feedback.getByText(/反馈已于 .* 提交，不能再修改/).waitFor();
  expect(await feedback.getByRole('textbox').count()).toBe(0);
  await settled(p);
  await snap(p, `marketing-loop-feedback-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(p);
  await planner.context.close();

  // 赵敏 heard of the feedback, and sees the plan in her subtree's summary, by person
  const z = zhaomin.page;
  expect((await noticesTo(z, plan.id)).some((n) => n.kind === 'marketing-plan.feedback')).toBe(true);
  await z.goto(`/marketing-plans/summary?groupBy=user&from=${tenantDay(-30)}&to=${tenantDay(30)}`);
  await z.getByRole('heading', { name: '营销计划汇总' }).waitFor();
  const link = z.getByRole('link', { name: '查看计划：高燕' });
  await link.click();
  await z.waitForURL(/\/marketing-plans\?.*ownerId=/);
  await z.getByLabel('搜索').fill(plan.number);
  const row = rows(z).filter({ hasText: plan.number });
  await row.waitFor();
  await expect.poll(() => row.textContent()).toContain('已完成');
  await settled(z);
  await snap(z, `marketing-loop-summary-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(z);
  await zhaomin.context.close();
}

describe('the marketing loop (营销闭环)', () => {
  it(
    'plan with ¥3,000 → two-level approval → 活动签到 → locked feedback → 大区经理 summary (desktop)',
    () => loop('desktop'),
    300_000,
  );
  it(
    'plan with ¥3,000 → two-level approval → 活动签到 → locked feedback → 大区经理 summary (phone)',
    () => loop('phone'),
    300_000,
  );
});
