import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { ensureCustomer, signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, openMenu, settled } from './flows.ts';
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

/** Today in the tenant's zone (the server's days; the demo company is in Asia/Shanghai). */
const tenantToday = (timeZone: string) => new Intl.DateTimeFormat('sv', { timeZone }).format(new Date());

/**
 * 提交 of the open drawer (the only one on the page), also while it spins ("loading 提交"): on a
 * loaded machine a click can be taken while the action still waits for the button to be stable,
 * and the button's name then changes under it.
 */
const submitButton = (page: Page) => page.getByRole('button', { name: /^(loading )?提交$/ });

/** The answer to the next POST to `path`; slow when the machine is (a shared CI box). */
const posted = (page: Page, path: string) =>
  page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1${path}`,
    { timeout: 90_000 },
  );

/** A follow-up written now by the page's user, through the API: the report's figures must count it. */
async function followUpNow(page: Page, username: string) {
  const api = await apiAs(page);
  const customer = await ensureCustomer(api, `汇报测试客户${username}${stamp}`);
  const [type] = (await api.get('/dictionaries/follow-up-type/items')).data as { id: string }[];
  await api.post('/follow-ups', { customerId: customer.id, type: type.id, content: `电话沟通${stamp}` });
  const today = tenantToday(api.me.tenant.timezone as string);
  const figures = await api.get(`/work-reports/prefill?period=day&start=${today}`);
  expect(figures.followUps).toBeGreaterThanOrEqual(1);
  return { today, figures: figures as { followUps: number; newCustomers: number } };
}

/**
 * A salesperson writes today's daily report (its figures counting the follow-up just written),
 * the supervisor sees who has not reported and comments on it, and the author reads the comment.
 */
async function journey(viewport: ViewportName, author: { username: string; name: string }) {
  const isPhone = viewport === 'phone';
  const summary = `上午拜访客户，下午整理报价${stamp}`;
  const comment = `报价尽快发给客户${stamp}`;

  // the author
  const a = await newPage(browser, viewport);
  await signInAs(a.page, author.username);
  const { today, figures } = await followUpNow(a.page, author.username);
  await openMenu(a.page, '工作汇报', isPhone);
  await a.page.waitForURL('**/work-reports');
  await a.page.getByRole('button', { name: '写汇报' }).click();
  const drawer = a.page.getByRole('dialog', { name: '写汇报' });
  await settled(a.page);
  // the figures of today, from the records, as statistic cards
  await expect
    .poll(() => drawer.getByRole('region', { name: '跟进' }).innerText())
    .toContain(String(figures.followUps));
  await expect
    .poll(() => drawer.getByRole('region', { name: '新增客户' }).innerText())
    .toContain(String(figures.newCustomers));
  // 提交 without a summary is refused on the field, nothing sent
  let sent = 0;
  const count = (r: { method(): string; url(): string }) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/work-reports')) sent++;
  };
  a.page.on('request', count);
  await submitButton(a.page).click();
  await drawer.getByText('提交前请填写工作总结').waitFor();
  expect(sent).toBe(0);
  a.page.off('request', count);
  await drawer.getByLabel('工作总结').fill(summary);
  await drawer.getByText('提交前请填写工作总结').waitFor({ state: 'hidden' });
  await drawer.getByLabel('工作计划').fill('明天回访两家客户');
  await settled(a.page);
  await snap(a.page, `work-report-form-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(a.page);
  const created = posted(a.page, '/work-reports');
  await submitButton(a.page).click();
  const response = await created;
  expect(response.status()).toBe(201);
  const report = await response.json();
  expect(report).toMatchObject({ period: 'day', start: today, status: 'submitted', summary, figures });
  // the detail opens on the new report
  const detail = a.page.getByRole('dialog', { name: new RegExp(`${author.name} · 日报 ${today}`) });
  await detail.getByText(summary).waitFor();
  await detail.getByText('暂无点评').waitFor();
  if (!isPhone) {
    // the same day again: refused, and said on 汇报周期
    await a.page.keyboard.press('Escape'); // the report's detail
    await detail.waitFor({ state: 'hidden' });
    await a.page.getByRole('button', { name: '写汇报' }).click();
    const again = a.page.getByRole('dialog', { name: '写汇报' });
    await settled(a.page);
    await again.getByLabel('工作总结').fill('再写一份');
    await settled(a.page);
    const refused = posted(a.page, '/work-reports');
    await submitButton(a.page).click();
    expect((await refused).status()).toBe(409);
    await a.page.getByText('这个周期已经写过汇报了').waitFor();
    await a.page.getByRole('button', { name: '取消' }).click();
  }

  // the supervisor
  const s = await newPage(browser, viewport);
  await signInAs(s.page, 'zhouqiang');
  await s.page.goto('/work-reports?view=team');
  const missing = s.page.getByRole('region', { name: '未汇报' });
  await missing.waitFor();
  await expect.poll(() => missing.innerText()).not.toContain(author.name);
  await settled(s.page);
  await snap(s.page, `work-reports-team-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(s.page);
  await s.page.goto(`/work-reports?view=team&id=${report.id}`);
  const read = s.page.getByRole('dialog', { name: new RegExp(`${author.name} · 日报`) });
  await read.getByText(summary).waitFor();
  await read.getByLabel('写点评…').fill(comment);
  const commented = answer(s.page, 'POST', `/work-reports/${report.id}/comments`);
  await read.getByRole('button', { name: '发表点评' }).click();
  expect((await commented).status()).toBe(201);
  await read.getByText(comment).waitFor();
  await settled(s.page);
  await snap(s.page, `work-report-detail-zh-${viewport}`);

  // the author sees it
  await a.page.goto(`/work-reports?id=${report.id}`);
  const mine = a.page.getByRole('dialog', { name: new RegExp(`${author.name} · 日报`) });
  await mine.getByText(comment).waitFor();
  await mine.getByText('周强').first().waitFor();
  await a.context.close();
  await s.context.close();
}

describe('work reports (工作汇报)', () => {
  it('刘洋 writes and submits the daily report with its figures; 周强 comments; 刘洋 reads it (desktop)', async () => {
    await journey('desktop', { username: 'liuyang', name: '刘洋' });
  });

  it('黄伟 does the same on a 390 px phone', async () => {
    await journey('phone', { username: 'huangwei', name: '黄伟' });
  });
});
