import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap } from './browser.ts';
import { ensureCustomer, signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, openMenu, pick, settled } from './flows.ts';
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
const pad = (n: number) => String(n).padStart(2, '0');

/** A day `days` from today in the browser's time zone, as the date pickers take it (YYYY-MM-DD). */
async function dayFromNow(page: Page, days: number) {
  const [y, m, d] = await page.evaluate((n) => {
    const at = new Date();
    at.setDate(at.getDate() + n);
    return [at.getFullYear(), at.getMonth() + 1, at.getDate()];
  }, days);
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Types a value into an antd date picker found by its label and confirms it. */
async function typeDate(page: Page, drawer: Locator, label: string, value: string) {
  const input = drawer.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await page.keyboard.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
}

describe('follow-ups (跟进记录)', () => {
  it("writes a follow-up with a next date from the customer's page; the customer, the calendar and a supervisor's 点评 follow (desktop)", async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signInAs(page, 'liuyang');
    const api = await apiAs(page);
    const customer = await ensureCustomer(api, `跟进测试客户${stamp}`);
    const content = `电话沟通试用安排${stamp}`;

    await page.goto(`/customers/${customer.id}`);
    await page.getByRole('tab', { name: '跟进记录' }).click();
    await page.getByRole('button', { name: '写跟进' }).click();
    const drawer = page.getByRole('dialog', { name: '写跟进' });
    await settled(page);
    await pick(page, '跟进方式', '电话', drawer);
    await drawer.getByLabel('跟进内容').fill(content);
    await pick(page, '跟进主题', '需求沟通', drawer);
    const next = await dayFromNow(page, 2);
    await typeDate(page, drawer, '下次跟进', `${next} 10:00`);
    await settled(page);
    await snap(page, 'follow-up-form-zh-desktop');
    const created = answer(page, 'POST', '/follow-ups');
    await drawer.getByRole('button', { name: '保存', exact: true }).click();
    const response = await created;
    expect(response.status()).toBe(201);
    const followUp = await response.json();
    expect(followUp).toMatchObject({
      customerId: customer.id,
      content,
      typeName: '电话',
      topicName: '需求沟通',
    });
    await drawer.waitFor({ state: 'hidden' });

    // the tab lists it; the customer's 最近跟进 / 下次跟进 moved (the latest one wins)
    await page.locator('.ant-timeline').getByText(content).waitFor();
    const after = await api.get(`/customers/${customer.id}`);
    expect(after.lastFollowUpAt).toBe(followUp.occurredAt);
    expect(after.nextFollowUpAt).toBe(followUp.nextFollowUpAt);
    await page.getByText(`${next} 10:00`).first().waitFor();
    await settled(page);
    await snap(page, 'customer-follow-ups-tab-zh-desktop');

    // the owner's calendar has the to-do on that day
    await page.goto(`/schedule?view=day&date=${next}`);
    await page.getByText(`跟进客户：${customer.name}`).first().waitFor();
    // and the customer's 日程 tab shows it
    await page.goto(`/customers/${customer.id}`);
    await page.getByRole('tab', { name: '日程' }).click();
    await page.getByText(`跟进客户：${customer.name}`).first().waitFor();
    await settled(page);
    await snap(page, 'customer-schedule-tab-zh-desktop');
    // the visits tab answers (empty or not) without breaking the page
    await page.getByRole('tab', { name: '拜访签到' }).click();
    await page
      .getByRole('tabpanel')
      .getByRole('table')
      .or(page.getByText('拜访签到暂时无法加载'))
      .first()
      .waitFor();
    await settled(page);
    await snap(page, 'customer-visits-tab-zh-desktop');

    // 周强, 刘洋's supervisor, comments on it from the team's list
    const boss = await newPage(browser, 'desktop');
    await signInAs(boss.page, 'zhouqiang');
    await boss.page.goto('/follow-ups?view=team');
    await boss.page.getByText(content).first().waitFor();
    await settled(boss.page);
    await snap(boss.page, 'follow-ups-team-zh-desktop');
    await boss.page
      .locator('tr', { hasText: content })
      .getByRole('button', { name: /\d{4}-\d{2}-\d{2}/ })
      .click();
    const detail = boss.page.getByRole('dialog', { name: `${customer.name} · 电话` });
    await detail.getByText(content).waitFor();
    const comment = `抓紧推进试用${stamp}`;
    await detail.getByLabel('写下点评，作者会收到通知').fill(comment);
    const posted = answer(boss.page, 'POST', `/follow-ups/${followUp.id}/comments`);
    await detail.getByRole('button', { name: '发表点评' }).click();
    expect((await posted).status()).toBe(201);
    await detail.getByText(comment).waitFor();
    await settled(boss.page);
    await snap(boss.page, 'follow-up-detail-zh-desktop');
    await boss.context.close();

    // the author sees it in the bell and opens the follow-up from there
    await page.goto('/');
    await page.getByRole('button', { name: /^通知，\d+ 条未读$/ }).click();
    const note = page.getByText(`周强 点评了你对「${customer.name}」的跟进：${comment}`);
    await note.click();
    await page.waitForURL(`**/follow-ups?id=${followUp.id}`);
    await page
      .getByRole('dialog', { name: `${customer.name} · 电话` })
      .getByText(comment)
      .waitFor();
    await context.close();
  });

  it('completing a visit plan opens the follow-up form prefilled; saving it records the visit (desktop)', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signInAs(page, 'liuyang');
    const api = await apiAs(page);
    const customer = await ensureCustomer(api, `拜访计划客户${stamp}`);
    const day = await dayFromNow(page, -1);
    const title = `拜访店长${stamp}`;
    const plan = await api.post('/events', {
      kind: 'visit',
      title,
      startAt: await page.evaluate((d) => new Date(`${d}T15:00:00`).toISOString(), day),
      customerId: customer.id,
    });

    await page.goto(`/schedule?view=day&date=${day}`);
    await page.getByText(title).first().click();
    const dialog = page.getByRole('dialog', { name: title });
    const completed = answer(page, 'POST', `/events/${plan.id}/complete`);
    await dialog.getByRole('button', { name: '完成' }).click();
    expect((await completed).status()).toBe(200);

    // the form: the plan's customer, 上门拜访, the plan's time and title
    const drawer = page.getByRole('dialog', { name: '写跟进' });
    await drawer.locator('[title="上门拜访"]').waitFor();
    expect(await drawer.getByLabel('客户', { exact: true }).inputValue()).toBe(customer.name);
    expect(await drawer.getByLabel('跟进时间').inputValue()).toBe(`${day} 15:00`);
    await drawer.getByLabel('跟进内容').fill(`${title}：店长同意下周试用`);
    await settled(page);
    await snap(page, 'follow-up-from-plan-zh-desktop');
    const created = answer(page, 'POST', '/follow-ups');
    await drawer.getByRole('button', { name: '保存', exact: true }).click();
    const response = await created;
    expect(response.status()).toBe(201);
    expect(await response.json()).toMatchObject({ customerId: customer.id, typeName: '上门拜访' });
    expect((await api.get(`/customers/${customer.id}`)).lastFollowUpAt).toBe(plan.startAt);
    await context.close();
  });

  it('lists my follow-ups and writes one with a customer picked, on a phone (390 px)', async () => {
    const { context, page } = await newPage(browser, 'phone');
    await signInAs(page, 'liuyang');
    const api = await apiAs(page);
    const customer = (await ensureCustomer(api, `跟进手机客户${stamp}`)) as {
      id: string;
      name: string;
      number?: string;
    };
    const content = `上门拜访店长${stamp}`;

    await openMenu(page, '跟进记录', true);
    await page.waitForURL('**/follow-ups');
    await page.getByRole('button', { name: '写跟进' }).click();
    const drawer = page.getByRole('dialog', { name: '写跟进' });
    await settled(page);
    await pick(
      page,
      '客户',
      customer.number ? `${customer.name}（${customer.number}）` : customer.name,
      drawer,
      customer.name,
    );
    await pick(page, '跟进方式', '上门拜访', drawer);
    await drawer.getByLabel('跟进内容').fill(content);
    await drawer.getByText('积极', { exact: true }).click();
    await settled(page);
    await snap(page, 'follow-up-form-zh-phone');
    const created = answer(page, 'POST', '/follow-ups');
    await drawer.getByRole('button', { name: '保存', exact: true }).click();
    expect((await created).status()).toBe(201);
    await drawer.waitFor({ state: 'hidden' });

    // the new one is shown in the list (mine), and the page does not scroll sideways
    await page.getByText(content).first().waitFor();
    await expectNoSidewaysScroll(page);
    await settled(page);
    await snap(page, 'follow-ups-list-zh-phone');

    // the customer's 跟进记录 tab on the phone
    await page.goto(`/customers/${customer.id}`);
    await page.getByRole('tab', { name: '跟进记录' }).click();
    await page.locator('.ant-timeline').getByText(content).waitFor();
    await expectNoSidewaysScroll(page);
    await settled(page);
    await snap(page, 'customer-follow-ups-tab-zh-phone');
    await context.close();
  });
});
