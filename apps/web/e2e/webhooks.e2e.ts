import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { answer, expectNoSidewaysScroll, openMenu, settled, signIn } from './flows.ts';

/**
 * The admin subscribes a receiver (a server in this test on 127.0.0.1: the journeys' server runs
 * with GUANXI_WEBHOOK_ALLOW_PRIVATE=1) to customer events, copies the secret shown once, sends a
 * test and sees it succeed in the delivery log, then sends it again.
 */

type Received = { path: string; signature: string; body: string };
let browser: Browser;
let receiver: http.Server;
let base: string;
const received: Received[] = [];

beforeAll(async () => {
  browser = await launch();
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        signature: String(req.headers['x-guanxi-signature']),
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(200).end('thanks');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => receiver?.close(r));
});

const verifies = (secret: string, header: string, body: string) => {
  const { t, v1 } = Object.fromEntries(header.split(',').map((p) => p.split('='))) as Record<string, string>;
  return crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex') === v1;
};

async function journey(viewport: ViewportName) {
  const { context, page } = await newPage(browser, viewport);
  const phone = viewport === 'phone';
  const path = `/crm-${viewport}-${Date.now()}`;
  await signIn(page, 'admin', inject('adminPassword'));
  await page.getByRole('button', { name: /^账户：/ }).waitFor();
  await openMenu(page, 'Webhook', phone);
  await page.waitForURL('**/settings/webhooks');

  // subscribe: the URL and two events picked from the grouped checkboxes
  await page.getByRole('button', { name: '新建 Webhook' }).click();
  const drawer = page.getByRole('dialog', { name: '新建 Webhook' });
  await drawer.getByLabel('推送地址').fill(`${base}${path}`);
  await drawer.getByRole('checkbox', { name: '修改 customer.updated' }).check();
  await drawer.getByRole('checkbox', { name: '状态变更 order.status_changed' }).check();
  const created = answer(page, 'POST', '/webhooks');
  await drawer.getByRole('button', { name: '保存' }).click();
  expect((await created).status()).toBe(201);

  // the secret, once, with a copy button
  const modal = page.getByRole('dialog', { name: '签名密钥' });
  const secret = await modal.getByLabel('密钥').inputValue();
  expect(secret).toMatch(/^whsec_/);
  await modal.getByRole('button', { name: '复制' }).click();
  await settled(page);
  await snap(page, `webhooks-secret-zh-${viewport}`);
  await modal.getByRole('button', { name: '我已保存' }).click();

  // the list shows it; its delivery log sends a test that the receiver gets, signed
  const row = page.locator('.ant-table-tbody tr[data-row-key]', { hasText: path });
  await row.waitFor();
  await row.getByRole('button', { name: '投递记录' }).click();
  const log = page.getByRole('dialog', { name: /投递记录/ });
  const test = answer(page, 'POST', /\/webhooks\/[^/]+\/test$/);
  await log.getByRole('button', { name: '发送测试' }).click();
  expect((await test).status()).toBe(201);
  await log.locator('.ant-table-tbody').getByText('成功').waitFor({ timeout: 30_000 });
  await log.locator('.ant-table-tbody').getByText('200', { exact: true }).waitFor();
  const got = received.filter((r) => r.path === path);
  expect(got).toHaveLength(1);
  expect(JSON.parse(got[0].body)).toMatchObject({ event: 'ping', tenant: expect.any(String) });
  expect(verifies(secret, got[0].signature, got[0].body)).toBe(true);
  await settled(page);
  await snap(page, `webhooks-deliveries-zh-${viewport}`);
  if (phone) await expectNoSidewaysScroll(page);

  // 重新投递: the same delivery goes again
  const replayed = answer(page, 'POST', /\/deliveries\/[^/]+\/replay$/);
  await log.getByRole('button', { name: '重新投递' }).first().click();
  expect((await replayed).status()).toBe(200);
  await expect.poll(() => received.filter((r) => r.path === path).length, { timeout: 30_000 }).toBe(2);
  expect(received.filter((r) => r.path === path)[1].body).toBe(got[0].body);
  await page.keyboard.press('Escape');
  await settled(page);
  // the list's last delivery is that one
  await row.getByText('成功').waitFor();
  await snap(page, `webhooks-list-zh-${viewport}`);
  if (phone) await expectNoSidewaysScroll(page);
  await context.close();
}

describe('webhooks (Webhook)', () => {
  it('the admin subscribes a receiver, keeps the secret shown once, tests and replays a delivery (desktop)', async () => {
    await journey('desktop');
  });

  it('the same on a 390 px phone', async () => {
    await journey('phone');
  });
});
