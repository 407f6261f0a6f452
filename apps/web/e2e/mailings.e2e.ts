import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, openMenu, settled, signIn } from './flows.ts';
import { beforeRetry, newStamp } from './stamp.ts';

/** Messages the local SMTP server took: envelope recipient → the raw message (quoted-printable undone). */
const received: { to: string; raw: string }[] = [];
let smtp: SMTPServer;
let browser: Browser;
let stamp = newStamp();
beforeRetry(() => {
  stamp = newStamp();
});

const decode = (raw: Buffer) => {
  // soft line breaks, then =XX bytes (the body's UTF-8), then headers' base64 words (a Chinese subject)
  const soft = raw.toString('latin1').replace(/=\r?\n/g, '');
  const bytes = soft.replace(/=([0-9A-F]{2})/g, (_m, h: string) =>
    String.fromCharCode(Number.parseInt(h, 16)),
  );
  return Buffer.from(bytes, 'latin1')
    .toString('utf8')
    .replace(/=\?UTF-8\?B\?([A-Za-z0-9+/]*={0,2})\?=?/gi, (_m, b64: string) =>
      Buffer.from(b64, 'base64').toString('utf8'),
    );
};

/** The tenant's SMTP settings pointed at the local server, as the admin (through the API). */
async function configureSmtp(port: number, viewport: ViewportName) {
  const { context, page } = await newPage(browser, viewport);
  await signIn(page, 'admin', inject('adminPassword'));
  const me = await (await page.request.get('/api/v1/auth/me')).json();
  const current = await (await page.request.get('/api/v1/settings/mailing')).json();
  const res = await page.request.put('/api/v1/settings/mailing', {
    headers: { 'X-CSRF-Token': me.csrfToken },
    data: {
      version: current.version,
      smtpHost: '127.0.0.1',
      smtpPort: port,
      smtpSecure: false,
      fromAddress: 'news@guanxi.test',
      fromName: '关系 CRM',
      perMinute: 1000,
    },
  });
  expect(res.ok(), await res.text()).toBe(true);
  // the settings page shows them, the password never
  await page.goto('/settings/mailing');
  await page.getByLabel('SMTP 服务器').waitFor();
  await expect.poll(() => page.getByLabel('SMTP 服务器').inputValue()).toBe('127.0.0.1');
  await settled(page);
  await snap(page, `mailing-settings-zh-${viewport}`);
  await context.close();
}

beforeAll(async () => {
  browser = await launch();
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('nobody'))
        return cb(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo)
          received.push({ to: r.address, raw: decode(Buffer.concat(chunks)) });
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

const mailTo = (address: string) =>
  expect
    .poll(() => received.find((r) => r.to === address), { timeout: 60_000, interval: 250 })
    .toBeTruthy()
    .then(() => received.find((r) => r.to === address)!);

/** 新建群发 to given addresses; the detail drawer opens on the new mailing. */
async function createMailing(page: Page, name: string, recipients: string) {
  await page.getByRole('button', { name: '新建群发' }).click();
  const dialog = page.getByRole('dialog', { name: '新建群发' });
  await settled(page);
  await dialog.getByLabel('名称').fill(name);
  await dialog.getByLabel('收件人列表').fill(recipients);
  await dialog.getByLabel('主题').fill('新品到店通知');
  await dialog.getByLabel('内容').fill('{{name}}您好：\n本周新品到店，欢迎光临。');
  await snap(page, `mailing-form-zh-${name.endsWith('phone') ? 'phone' : 'desktop'}`);
  const created = answer(page, 'POST', '/mailings');
  await dialog.getByRole('button', { name: '保存' }).click();
  const mailing = await (await created).json();
  expect(mailing).toMatchObject({ name, status: 'draft' });
  const drawer = page.getByRole('dialog', { name });
  await drawer.getByText('草稿').waitFor();
  return { mailing, drawer };
}

async function journey(viewport: ViewportName) {
  // each journey sets the tenant's SMTP to the local server itself (same values: either may run alone)
  await configureSmtp((smtp.server.address() as AddressInfo).port, viewport);
  const isPhone = viewport === 'phone';
  const { context, page } = await newPage(browser, viewport);
  await signInAs(page, 'gaoyan');
  await openMenu(page, '群发', isPhone);
  await page.waitForURL('**/mailings');
  const name = `新品通知${stamp}${viewport}`;
  const ok = `zhang-${stamp}-${viewport}@example.com`;
  const refused = `nobody-${stamp}-${viewport}@example.com`;
  const { drawer } = await createMailing(page, name, `${ok} 张三\n${refused} 李四`);

  // 编辑 the draft's subject
  await drawer.getByRole('button', { name: '编辑' }).click();
  const edit = page.getByRole('dialog', { name: '编辑' });
  await settled(page);
  await edit.getByLabel('主题').fill('{{name}}，新品到店通知');
  const saved = answer(page, 'PATCH', /\/mailings\/[^/]+$/);
  await edit.getByRole('button', { name: '保存' }).click();
  expect((await saved).status()).toBe(200);
  await drawer.getByText('{{name}}，新品到店通知').waitFor();

  // 测试发送 to myself: merged with the first recipient's values
  await drawer.getByRole('button', { name: '测试发送' }).click();
  const test = page.getByRole('dialog', { name: '测试发送' });
  await settled(page);
  const me = `gaoyan-${stamp}-${viewport}@example.com`;
  await test.getByLabel('发送到').fill(me);
  await test.getByRole('button', { name: '测试发送' }).click();
  await page.getByText(`测试消息已发送到 ${me}`).waitFor();
  expect((await mailTo(me)).raw).toContain('张三您好');

  // 立即发送: every recipient's outcome appears in the list
  await drawer.getByRole('button', { name: '立即发送' }).click();
  await settled(page);
  const sent = answer(page, 'POST', /\/mailings\/[^/]+\/send/);
  await page.locator('.ant-popconfirm').getByRole('button', { name: '立即发送' }).click();
  expect((await sent).status()).toBe(200);
  const row = (address: string) => drawer.locator('.ant-table-tbody tr').filter({ hasText: address });
  await row(ok).getByText('已发送').waitFor({ timeout: 60_000 });
  await row(refused).getByText('退信').waitFor({ timeout: 60_000 });
  await expect.poll(() => row(refused).textContent()).toContain('No such user');
  await drawer.getByText('已完成').waitFor({ timeout: 30_000 });
  const mail = await mailTo(ok);
  expect(mail.raw).toContain('张三您好');
  expect(mail.raw).toMatch(/Subject: .*张三/);
  await settled(page);
  await snap(page, `mailing-detail-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  await page.locator('.ant-table-tbody tr').filter({ hasText: name }).getByText('已完成').waitFor();
  await settled(page);
  await snap(page, `mailings-zh-${viewport}`);
  await context.close();
  return mail;
}

/** The link at the foot of a message, opened by its recipient (no account): 确认退订. */
async function unsubscribe(viewport: ViewportName, raw: string) {
  const url = /https?:\/\/[^\s"<>]+\/u\/[A-Za-z0-9_-]{44}/.exec(raw)![0];
  const { context, page } = await newPage(browser, viewport);
  await page.goto(new URL(url).pathname);
  await page.getByText('确认后，您将不再收到').waitFor();
  await settled(page);
  await snap(page, `unsubscribe-zh-${viewport}`);
  const done = answer(page, 'POST', '/public/unsubscribe');
  await page.getByRole('button', { name: '确认退订' }).click();
  expect((await done).status()).toBe(200);
  await page.getByText('已退订。').waitFor();
  if (viewport === 'phone') await expectNoSidewaysScroll(page);
  // a link that is not one says so, and nothing more
  await page.goto('/u/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  await page.getByRole('button', { name: '确认退订' }).click();
  await page.getByText('该退订链接无效或已失效。').waitFor();
  await context.close();
}

describe('mailings (群发)', () => {
  it('a marketer test-sends and sends an e-mail mailing and sees each recipient’s status; the recipient unsubscribes without signing in (desktop)', async () => {
    const mail = await journey('desktop');
    await unsubscribe('desktop', mail.raw);
  });

  it('the same on a phone', async () => {
    const mail = await journey('phone');
    await unsubscribe('phone', mail.raw);
  });
});
