import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap } from './browser.ts';
import { ensureCustomer, signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, openMenu, pick, pickIn, settled } from './flows.ts';
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

/** Tomorrow in the browser's time zone, as the date pickers take it (YYYY-MM-DD). */
async function tomorrow(page: Page) {
  return page.evaluate(() => {
    const d = new Date();
    d.setDate(d.getDate() + 1);
    return [d.getFullYear(), d.getMonth() + 1, d.getDate()];
  });
}

/** Whether today is a Sunday in the browser: then tomorrow is in next week (weeks start on Monday). */
const sunday = (page: Page) => page.evaluate(() => new Date().getDay() === 0);

/** Types a value into an antd date picker found by its label and confirms it. */
async function typeDate(page: Page, drawer: Locator, label: string, value: string) {
  const input = drawer.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await page.keyboard.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
}

/** 新建日程 → a call plan (联系客户) for `customer` tomorrow at 10:00, saved; answers the event. */
async function createCallPlan(page: Page, title: string, customer: { name: string; number?: string }) {
  await page.getByRole('button', { name: '新建日程' }).click();
  const drawer = page.getByRole('dialog', { name: '新建日程' });
  await settled(page);
  await drawer.getByText('联系客户', { exact: true }).click();
  await drawer.getByLabel('主题').fill(title);
  const [y, m, d] = await tomorrow(page);
  const day = `${y}-${pad(m)}-${pad(d)}`;
  await typeDate(page, drawer, '开始', `${day} 10:00`);
  await typeDate(page, drawer, '结束', `${day} 10:30`);
  await pick(
    page,
    '客户',
    customer.number ? `${customer.name}（${customer.number}）` : customer.name,
    drawer,
    customer.name,
  );
  return { drawer, day };
}

describe('schedule (日程)', () => {
  it('plans a call to a customer tomorrow with a colleague, sees it in the month and week calendars, completes it (desktop)', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signInAs(page, 'liuyang');
    const api = await apiAs(page);
    const customer = await ensureCustomer(api, `日程测试客户${stamp}`);
    const title = `电话回访${stamp}`;

    await openMenu(page, '日程', false);
    await page.waitForURL('**/schedule');
    const { drawer } = await createCallPlan(page, title, customer as { name: string; number?: string });
    await pick(page, '参与人', '赵敏', drawer, '赵敏');
    await drawer.locator('.ant-drawer-body').evaluate((el) => el.scrollTo(0, 0));
    await settled(page);
    await snap(page, 'event-form-zh-desktop');
    const created = answer(page, 'POST', '/events');
    await drawer.getByRole('button', { name: '保存', exact: true }).click();
    const event = await (await created).json();
    expect(event).toMatchObject({
      kind: 'call',
      title,
      customerId: customer.id,
      participants: [{ name: '赵敏' }],
    });

    // the month shows it on its day
    const chip = page.locator('.event-chip').filter({ hasText: title });
    await chip.waitFor();
    await settled(page);
    await snap(page, 'schedule-month-zh-desktop');

    // the week of that day, in the time grid
    await chip.click();
    const detail = page.getByRole('dialog', { name: title });
    await detail.getByText(customer.name).waitFor();
    await detail.getByText('赵敏').waitFor();
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
    await page.locator('.ant-segmented').getByText('周', { exact: true }).click();
    await page.waitForURL(/view=week/);
    const block = page.locator('.time-grid-event').filter({ hasText: title });
    if (await sunday(page)) await page.getByRole('button', { name: '下一段' }).click();
    await block.waitFor();
    await block.scrollIntoViewIfNeeded();
    await settled(page);
    await snap(page, 'schedule-week-zh-desktop');

    // complete it: the answer carries what a follow-up form needs
    await block.click();
    const dialog = page.getByRole('dialog', { name: title });
    await dialog.getByText('赵敏').waitFor();
    await settled(page);
    await snap(page, 'event-detail-zh-desktop');
    const completed = answer(page, 'POST', `/events/${event.id}/complete`);
    await dialog.getByRole('button', { name: '完成' }).click();
    const done = await (await completed).json();
    expect(done.event.completedAt).not.toBeNull();
    expect(done.followUp).toMatchObject({
      type: 'phone',
      customerId: customer.id,
      customerName: customer.name,
    });
    // the follow-up form opens, prefilled from the plan (跟进记录)
    const followUp = page.getByRole('dialog', { name: '写跟进' });
    await expect.poll(() => followUp.getByLabel('客户', { exact: true }).inputValue()).toBe(customer.name);
    await expect.poll(() => followUp.getByLabel('跟进内容').inputValue()).toContain(title);
    await followUp.getByRole('button', { name: '取消' }).click();
    await followUp.waitFor({ state: 'hidden' });
    await expect.poll(() => block.getAttribute('class')).toContain('event-done');
    await context.close();

    // the participant sees it in their calendar
    const other = await newPage(browser, 'desktop');
    await signInAs(other.page, 'zhaomin');
    const seen = await other.page.request.get(`/api/v1/events/${event.id}`);
    expect(seen.status()).toBe(200);
    await other.context.close();

    // the admin (users scope: all) looks at 刘洋's calendar
    const boss = await newPage(browser, 'desktop');
    await signInAs(boss.page, 'admin');
    await boss.page.goto('/schedule');
    const whose = boss.page.locator('.ant-select', { has: boss.page.getByLabel('查看同事的日程') }).first();
    const listed = answer(boss.page, 'GET', /^\/api\/v1\/events\?.*userId=/);
    await pickIn(boss.page, whose, '刘洋 (liuyang)', '刘洋');
    expect((await listed).status()).toBe(200);
    await boss.page.locator('.event-chip').filter({ hasText: title }).waitFor();
    await boss.context.close();
  });

  it('plans a call on a phone and completes it from the agenda list (390 px)', async () => {
    const { context, page } = await newPage(browser, 'phone');
    await signInAs(page, 'liuyang');
    const api = await apiAs(page);
    const customer = await ensureCustomer(api, `日程手机客户${stamp}`);
    const title = `手机回访${stamp}`;

    await openMenu(page, '日程', true);
    await page.waitForURL('**/schedule');
    const { drawer } = await createCallPlan(page, title, customer as { name: string; number?: string });
    await settled(page);
    await snap(page, 'event-form-zh-phone');
    const created = answer(page, 'POST', '/events');
    await drawer.getByRole('button', { name: '保存', exact: true }).click();
    const event = await (await created).json();
    expect(event.kind).toBe('call');

    // the agenda shows this week; tomorrow may be next week's Monday
    const item = page.locator('.agenda-item').filter({ hasText: title });
    if (await sunday(page)) await page.getByRole('button', { name: '下一段' }).click();
    await item.waitFor();
    await expectNoSidewaysScroll(page);
    await settled(page);
    await snap(page, 'schedule-agenda-zh-phone');

    await item.click();
    const dialog = page.getByRole('dialog', { name: title });
    await settled(page);
    const completed = answer(page, 'POST', `/events/${event.id}/complete`);
    await dialog.getByRole('button', { name: '完成' }).click();
    expect((await completed).status()).toBe(200);
    const followUp = page.getByRole('dialog', { name: '写跟进' });
    await followUp.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => item.getAttribute('class')).toContain('event-done');
    await context.close();
  });
});
