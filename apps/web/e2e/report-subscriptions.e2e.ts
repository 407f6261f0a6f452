import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, pick, rows, settled, signIn } from './flows.ts';
import { beforeRetry, newStamp } from './stamp.ts';

/**
 * 报表订阅: a sales supervisor subscribes to 客户构成 grouped by 行业 from the report's page
 * (monthly, on the 5th at 08:00, with a title), finds it under 我的订阅, sends it now — the XLSX
 * reaches their mailbox (a local SMTP server) and the list says 已发送 — pauses it and deletes it.
 */

const received: { to: string; raw: string }[] = [];
let smtp: SMTPServer;
let browser: Browser;
let stamp = newStamp();
beforeRetry(() => {
  stamp = newStamp();
});

beforeAll(async () => {
  browser = await launch();
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo)
          received.push({ to: r.address, raw: Buffer.concat(chunks).toString('latin1') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => smtp?.close(() => r()));
});

/** As the admin, through the API: the tenant's SMTP at the local server, and an address for the user. */
async function setUp(username: string, email: string) {
  const { context, page } = await newPage(browser, 'desktop');
  await signIn(page, 'admin', inject('adminPassword'));
  const api = await apiAs(page);
  const current = await api.get('/settings/mailing');
  const res = await page.request.put('/api/v1/settings/mailing', {
    headers: { 'X-CSRF-Token': api.me.csrfToken },
    data: {
      version: current.version,
      smtpHost: '127.0.0.1',
      smtpPort: (smtp.server.address() as AddressInfo).port,
      smtpSecure: false,
      fromAddress: 'reports@guanxi.test',
      fromName: '关系 CRM',
    },
  });
  expect(res.ok(), await res.text()).toBe(true);
  const users = (await api.get(`/users?q=${username}`)) as {
    data: { id: string; username: string; version: number }[];
  };
  const user = users.data.find((u) => u.username === username);
  expect(user, username).toBeDefined();
  await api.patch(`/users/${user!.id}`, { version: user!.version, email });
  await context.close();
}

async function journey(viewport: ViewportName, username: string) {
  const isPhone = viewport === 'phone';
  const email = `${username}-${stamp}-${viewport}@example.com`;
  const title = `客户构成月报${stamp}${viewport}`;
  await setUp(username, email);
  const { page, context } = await newPage(browser, viewport);
  try {
    await signInAs(page, username);
    const loaded = answer(page, 'GET', /\/api\/v1\/reports\/customer-composition\?.*groupBy=industry/);
    await page.goto('/reports/customer-composition?groupBy=industry');
    await loaded;

    // 订阅 from the report's page: monthly on the 5th at 08:00, the page's grouping kept
    await page.getByRole('button', { name: '订阅' }).click();
    const dialog = page.getByRole('dialog', { name: '订阅「客户构成」' });
    await dialog.waitFor();
    await settled(page);
    await dialog.getByText(email).waitFor();
    await dialog.getByText('每月', { exact: true }).click();
    await pick(page, '日期', '5 日', dialog);
    await dialog.getByLabel('邮件标题（可选）').fill(title);
    await snap(page, `report-subscribe-zh-${viewport}`);
    const created = answer(page, 'POST', '/report-subscriptions');
    await dialog.getByRole('button', { name: '订阅' }).click();
    const subscription = await (await created).json();
    expect(subscription).toMatchObject({ frequency: 'monthly', day: 5, hour: 8, title });
    expect(subscription.query).toMatchObject({ groupBy: 'industry' });
    await dialog.waitFor({ state: 'hidden' });

    // 我的订阅, from the reports hub
    await page.goto('/reports');
    await page.getByRole('link', { name: '我的订阅' }).click();
    await page.waitForURL('**/reports/subscriptions');
    const item = isPhone
      ? page.locator('.ant-card').filter({ hasText: title })
      : rows(page).filter({ hasText: title });
    await item.waitFor();
    await expect.poll(() => item.innerText()).toContain('每月 5 日 08:00');
    if (isPhone) await expectNoSidewaysScroll(page);

    // 立即发送: the XLSX arrives, the list says 已发送
    const sent = answer(page, 'POST', `/report-subscriptions/${subscription.id}/send`);
    await page.getByRole('button', { name: `立即发送 ${title}` }).click();
    expect((await (await sent).json()).lastOutcome).toBe('sent');
    await expect.poll(() => received.filter((m) => m.to === email).length, { timeout: 30_000 }).toBe(1);
    const mail = received.find((m) => m.to === email)!;
    expect(mail.raw).toMatch(/spreadsheetml\.sheet/);
    await item.getByText('已发送').waitFor();
    await settled(page);
    await snap(page, `report-subscriptions-zh-${viewport}`);

    // pause: no next send
    const paused = answer(page, 'PATCH', `/report-subscriptions/${subscription.id}`);
    await page.getByRole('switch', { name: `启用 ${title}` }).click();
    expect((await (await paused).json()).active).toBe(false);
    await expect.poll(() => page.getByRole('switch', { name: `启用 ${title}` }).isChecked()).toBe(false);

    // delete, confirmed
    await page.getByRole('button', { name: `删除 ${title}` }).click();
    const deleted = answer(page, 'DELETE', `/report-subscriptions/${subscription.id}`);
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    expect((await deleted).status()).toBe(200);
    await item.waitFor({ state: 'detached' });
  } finally {
    await context.close();
  }
}

describe('report subscriptions', () => {
  it(
    'subscribe from a report, list, send now, pause, delete — desktop',
    () => journey('desktop', 'zhaomin'),
    180_000,
  );
  it(
    'subscribe from a report, list, send now, pause, delete — phone',
    () => journey('phone', 'sunli'),
    180_000,
  );
});
