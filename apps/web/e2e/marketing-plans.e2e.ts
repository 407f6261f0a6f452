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
  rows,
  settled,
  signIn,
  switchLanguage,
} from './flows.ts';
import { confirmIn, fieldPage, tenantDay, typeRange } from './plan-flows.ts';
import { beforeRetry, newStamp } from './stamp.ts';
import { NEW_USER_PASSWORD, newUser } from './user-flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

let stamp = newStamp();
beforeRetry(() => {
  stamp = newStamp();
});

async function signInNew(page: Page, username: string) {
  await signIn(page, username, NEW_USER_PASSWORD);
  await page.getByRole('button', { name: /^账户：/ }).waitFor();
}

/**
 * A 市场专员 plans 上门拜访 without expenses (so it waits in 未审核), a 销售主管 approves it from
 * the queue (on the desktop after rejecting it once and the planner's edit) — each told in the
 * bell — the planner checks in against it on /field with a photo, records the feedback and
 * submits it — read-only from then on — and the reviewer finds it in the summary and drills down.
 */
async function journey(viewport: ViewportName) {
  const isPhone = viewport === 'phone';
  const tag = `${isPhone ? 'p' : 'd'}${stamp}`;
  const title = `社区上门拜访${tag}`;

  // setup: the two people of the journey, in the head office
  const admin = await newPage(browser, viewport);
  await signInAs(admin.page, 'admin');
  const api = await apiAs(admin.page);
  const planner = await newUser(api, `jhplan${tag}`, `计划员${tag}`, { roleCode: 'marketing' });
  const reviewer = await newUser(api, `jhrev${tag}`, `审核员${tag}`, { roleCode: 'sales_supervisor' });
  await admin.context.close();

  // the planner creates the plan
  const p = await fieldPage(browser, viewport);
  await signInNew(p.page, planner.username);
  await openMenu(p.page, '营销计划', isPhone);
  await p.page.waitForURL('**/marketing-plans');
  await p.page.getByRole('button', { name: '新建计划' }).click();
  const drawer = p.page.getByRole('dialog', { name: '新建营销计划' });
  await settled(p.page);
  await pick(p.page, '子类型', '潜在客户开发', drawer);
  await drawer.getByLabel('标题').fill(title);
  await typeRange(p.page, drawer, '计划日期', tenantDay(-1), tenantDay(6));
  await drawer.getByLabel('目标值').fill('5');
  await drawer.getByText('预算合计：¥0.00').waitFor();
  await settled(p.page);
  await snap(p.page, `marketing-plan-form-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(p.page);
  const created = answer(p.page, 'POST', '/marketing-plans');
  await drawer.getByRole('button', { name: '保存', exact: true }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  const plan = await response.json();
  expect(plan).toMatchObject({ title, type: 'visit', reviewStatus: 'unreviewed', budget: '0.00' });
  expect(plan.number).toMatch(/^JH/);
  const detailName = `${plan.number} · ${title}`;
  const mine = p.page.getByRole('dialog', { name: detailName });
  await mine.getByText('未审核').first().waitFor();
  await mine.getByText('计划通过审核后才能执行和反馈').waitFor();
  await p.page.keyboard.press('Escape');
  await mine.waitFor({ state: 'hidden' });

  // the reviewer approves it from 未审核
  const r = await newPage(browser, viewport);
  await signInNew(r.page, reviewer.username);
  // told in the bell, whose notice opens the plan
  await r.page.getByRole('button', { name: /^通知，\d+ 条未读$/ }).click();
  await r.page.getByText(`营销计划 ${plan.number}「${title}」待你审核`).click();
  await r.page.waitForURL(`**/marketing-plans?id=${plan.id}`);
  await r.page.getByRole('dialog', { name: detailName }).getByText('未审核').first().waitFor();
  await r.page.goto('/marketing-plans?queue=unreviewed');
  // the digest's link opens the queue
  const queue = r.page.getByRole('radio', { name: '未审核' });
  await queue.waitFor({ state: 'attached' });
  expect(await queue.isChecked()).toBe(true);
  await r.page.getByLabel('搜索').fill(plan.number);
  // the search is in the address once applied (a click before it could be undone by it)
  await r.page.waitForURL(/[?&]q=JH/);
  const row = rows(r.page).filter({ hasText: plan.number });
  await expect.poll(() => rows(r.page).count()).toBe(1);
  await settled(r.page);
  await snap(r.page, `marketing-plans-queue-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(r.page);
  await row.getByRole('button', { name: plan.number }).click();
  let review = r.page.getByRole('dialog', { name: detailName });
  await settled(r.page);
  // target 5 on the phone; on the desktop the reviewer first rejects it (a comment is required),
  // the planner raises the target to 8 — an edit sends it back to review — and then it is approved
  const target = isPhone ? 5 : 8;
  if (!isPhone) {
    await review.getByRole('button', { name: '驳回' }).click();
    const reject = r.page.getByRole('dialog', { name: '驳回计划' });
    await settled(r.page);
    await reject.getByRole('button', { name: '驳回' }).click();
    await reject.getByText('驳回时请填写意见').waitFor();
    await reject.getByLabel('审核意见').fill('目标太低，至少 8 户');
    const rejected = answer(r.page, 'POST', `/marketing-plans/${plan.id}/review`);
    await reject.getByRole('button', { name: '驳回' }).click();
    expect((await rejected).status()).toBe(200);
    await review.getByText('已驳回').first().waitFor();
    await review.getByText('目标太低，至少 8 户', { exact: false }).waitFor();

    await p.page.goto(`/marketing-plans?id=${plan.id}`);
    const back = p.page.getByRole('dialog', { name: detailName });
    await back.getByText('目标太低，至少 8 户', { exact: false }).waitFor();
    await back.getByRole('button', { name: '编辑' }).click();
    const edit = p.page.getByRole('dialog', { name: `编辑营销计划 · ${plan.number}` });
    await settled(p.page);
    await edit.getByLabel('目标值').fill('8');
    const patched = answer(p.page, 'PATCH', `/marketing-plans/${plan.id}`);
    await edit.getByRole('button', { name: '保存', exact: true }).click();
    const patchedAnswer = await patched;
    expect(patchedAnswer.status()).toBe(200);
    expect(await patchedAnswer.json()).toMatchObject({
      reviewStatus: 'unreviewed',
      goals: [{ target: '8' }],
    });

    await r.page.goto(`/marketing-plans?queue=unreviewed&id=${plan.id}`);
    review = r.page.getByRole('dialog', { name: detailName });
    await review.getByText('未审核').first().waitFor();
    await settled(r.page);
  }
  await review.getByText('这个计划等待你审核').waitFor();
  await settled(r.page);
  await snap(r.page, `marketing-plan-review-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(r.page);
  await review.getByRole('button', { name: '通过' }).click();
  await settled(r.page);
  const approved = answer(r.page, 'POST', `/marketing-plans/${plan.id}/review`);
  await confirmIn(r.page, '通过').click();
  expect((await approved).status()).toBe(200);
  await review.getByText('已通过').first().waitFor();
  await review.getByText('执行人还没有提交反馈').waitFor();

  // the planner hears of the decision
  await p.page.goto('/');
  await p.page.getByRole('button', { name: /^通知，\d+ 条未读$/ }).click();
  await p.page.getByText(`你的营销计划 ${plan.number}「${title}」已通过（${reviewer.name}）`).waitFor();
  await p.page.keyboard.press('Escape');

  // the planner checks in against it on the field page, with a photo
  await p.page.goto('/field');
  await p.page.getByRole('heading', { name: '外勤' }).waitFor();
  await p.page.getByRole('button', { name: '活动签到' }).click();
  const sheet = p.page.getByRole('dialog', { name: '活动签到' });
  await settled(p.page);
  const planSelect = sheet.locator('.ant-select', { has: p.page.getByLabel('营销计划') });
  await planSelect.click();
  await p.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: title }).click();
  await planSelect.getByText(title).waitFor();
  await sheet.getByText(/已定位 · 精度 ±12 米/).waitFor();
  const shutter = sheet.getByRole('button', { name: '拍照' });
  await expect.poll(() => shutter.isEnabled()).toBe(true);
  await shutter.click();
  await sheet.getByRole('img', { name: '拍摄的照片' }).waitFor();
  await sheet.getByLabel('备注').fill(`入户宣传${tag}`);
  const checkedIn = answer(p.page, 'POST', '/check-ins');
  await sheet.getByRole('button', { name: '提交签到' }).click();
  const checkIn = await checkedIn;
  expect(checkIn.status()).toBe(201);
  const againstPlan = await (await apiAs(p.page)).get(`/check-ins?planId=${plan.id}`);
  expect(againstPlan.data.map((c: { id: string }) => c.id)).toEqual([(await checkIn.json()).id]);

  // on the phone: with no network a second 活动签到 against the plan waits on the device; the
  // feedback is submitted meanwhile (elsewhere), so once the network is back the server refuses
  // it (409 FEEDBACK_LOCKED) and the queued item says why
  let f = p;
  if (isPhone) {
    await p.context.setOffline(true);
    await p.page.getByRole('button', { name: '活动签到' }).click();
    const offline = p.page.getByRole('dialog', { name: '活动签到' });
    await settled(p.page);
    const select = offline.locator('.ant-select', { has: p.page.getByLabel('营销计划') });
    await select.click();
    await p.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: title }).click();
    await select.getByText(title).waitFor();
    const shutter2 = offline.getByRole('button', { name: '拍照' });
    await expect.poll(() => shutter2.isEnabled()).toBe(true);
    await shutter2.click();
    await offline.getByRole('img', { name: '拍摄的照片' }).waitFor();
    await offline.getByLabel('备注').fill(`离线签到${tag}`);
    await offline.getByRole('button', { name: '提交签到' }).click();
    await p.page.getByText('当前没有网络：签到已保存在本机，联网后自动上传').waitFor();
    await p.page.locator('.ant-card', { hasText: '待上传' }).getByText(title, { exact: false }).waitFor();
    f = await fieldPage(browser, viewport);
    await signInNew(f.page, planner.username);
  }
  // feedback: saved, then submitted after a confirmation; read-only from then on
  await f.page.goto(`/marketing-plans?id=${plan.id}`);
  const detail = f.page.getByRole('dialog', { name: detailName });
  const checkIns = detail.getByRole('region', { name: '活动签到' });
  await checkIns.getByText(`入户宣传${tag}`, { exact: false }).waitFor();
  const photo = checkIns.getByRole('img', { name: '签到照片（带水印）' });
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const feedback = detail.getByRole('region', { name: '执行反馈' });
  await feedback.getByLabel(`拜访次数（目标 ${target}）`).fill('4');
  await feedback.getByLabel('实际费用（元）').fill('0');
  await feedback.getByLabel('执行总结').fill(`走访 4 户，留资 2 户${tag}`);
  const saved = answer(f.page, 'PUT', `/marketing-plans/${plan.id}/feedback`);
  await feedback.getByRole('button', { name: '保存反馈' }).click();
  const savedAnswer = await saved;
  expect(savedAnswer.status(), await savedAnswer.text()).toBe(200);
  await feedback.getByRole('button', { name: '提交反馈' }).click();
  await settled(f.page);
  await f.page.locator('.ant-popover:visible').getByText('提交后不能修改，确定提交？').waitFor();
  const submitted = answer(f.page, 'POST', `/marketing-plans/${plan.id}/feedback/submit`);
  await confirmIn(f.page, '提交反馈').click();
  expect((await submitted).status()).toBe(200);
  await feedback.getByText(/反馈已于 .* 提交，不能再修改/).waitFor();
  const attainment = isPhone ? 80 : 50; // 4 of 5, 4 of 8
  await feedback.getByText(`${attainment}%`).first().waitFor();
  expect(await feedback.getByRole('button', { name: '保存反馈' }).count()).toBe(0);
  expect(await feedback.getByRole('textbox').count()).toBe(0);
  await settled(f.page);
  await snap(f.page, `marketing-plan-feedback-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(f.page);
  // the server holds it too: any change now is 409 FEEDBACK_LOCKED
  const planner2 = await apiAs(f.page);
  const current = await planner2.get(`/marketing-plans/${plan.id}`);
  expect(current).toMatchObject({ feedbackStatus: 'submitted', execution: 'completed', attainment });
  const locked = await f.page.request.put(`/api/v1/marketing-plans/${plan.id}/feedback`, {
    headers: { 'X-CSRF-Token': planner2.me.csrfToken },
    data: { results: [], version: current.version },
  });
  expect(locked.status()).toBe(409);
  expect((await locked.json()).code).toBe('FEEDBACK_LOCKED');
  if (isPhone) {
    await p.context.setOffline(false);
    const queue = p.page.locator('.ant-card', { hasText: '待上传' });
    await queue.getByText('上传失败').waitFor();
    await queue.getByText('执行反馈已提交，不能再修改').waitFor();
    await settled(p.page);
    await snap(p.page, 'marketing-plan-queue-refused-zh-phone');
    await f.context.close();
  }
  await p.context.close();

  // the reviewer sees it in the summary (by person) and drills down to the plan
  await r.page.goto('/marketing-plans/summary?groupBy=user');
  await r.page.getByRole('heading', { name: '营销计划汇总' }).waitFor();
  const link = r.page.getByRole('link', { name: `查看计划：${planner.name}` });
  await link.waitFor();
  await r.page.getByRole('img', { name: '预算与实际费用' }).waitFor();
  await settled(r.page);
  await snap(r.page, `marketing-plans-summary-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(r.page);
  await link.click();
  await r.page.waitForURL(/\/marketing-plans\?.*ownerId=/);
  await rows(r.page).filter({ hasText: plan.number }).waitFor();
  expect(await rows(r.page).count()).toBe(1);
  // the drill-down's dates are the filter bar's (from the address)
  await r.page.getByRole('button', { name: '筛选' }).click();
  const range = r.page.locator('.list-filter-bar .ant-picker-range input');
  await expect.poll(() => range.first().inputValue()).toBe(`${new Date().getFullYear()}-01-01`);
  await expect.poll(() => range.last().inputValue()).toBe(`${new Date().getFullYear()}-12-31`);
  await settled(r.page);
  await snap(r.page, `marketing-plans-list-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(r.page);
  if (!isPhone) {
    // in English, the plan's detail and the summary say the same
    await switchLanguage(r.page, 'English');
    await r.page.goto(`/marketing-plans?id=${plan.id}`);
    const english = r.page.getByRole('dialog', { name: detailName });
    await english.getByRole('region', { name: 'Feedback' }).getByText('Attainment').first().waitFor();
    await settled(r.page);
    await snap(r.page, 'marketing-plan-feedback-en-desktop');
    await r.page.goto('/marketing-plans/summary?groupBy=type');
    await r.page.getByRole('heading', { name: 'Marketing plan summary' }).waitFor();
    await r.page.getByRole('link', { name: 'Show plans: Door-to-door visits' }).waitFor();
    await settled(r.page);
    await snap(r.page, 'marketing-plans-summary-en-desktop');
  }
  await r.context.close();
}

describe('marketing plans (营销计划)', () => {
  it(
    'plan → 未审核 approval → 活动签到 with a photo → feedback submitted and locked → summary (desktop)',
    () => journey('desktop'),
    240_000,
  );
  it(
    'plan → 未审核 approval → 活动签到 with a photo → feedback submitted and locked → summary (phone)',
    () => journey('phone'),
    240_000,
  );
});
