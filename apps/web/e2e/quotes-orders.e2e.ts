import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
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

/** Clicks a button of the open detail drawer and waits for the request it makes. */
async function act(
  page: Page,
  drawer: ReturnType<Page['getByRole']>,
  button: string,
  method: string,
  path: RegExp,
) {
  const done = answer(page, method, path);
  await drawer.getByRole('button', { name: button, exact: true }).click();
  const res = await done;
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

/**
 * 刘洋 (客户经理, 浦东) quotes 10 boxes of A4 paper at 18% off: above the 15% threshold the form
 * warns, submitting puts it in approval (no flow: his supervisor decides); 周强 (销售主管) approves
 * it from the quote; 刘洋 marks it sent, the customer accepts, 生成订单 makes the linked order and
 * he confirms it — the order's steps and history move. At desktop and on a 390 px phone.
 */
async function journey(viewport: ViewportName) {
  const isPhone = viewport === 'phone';
  const tag = `${isPhone ? 'p' : 'd'}${stamp}`;
  const customerName = `报价旅程客户${tag}`;

  const seller = await newPage(browser, viewport);
  await signInAs(seller.page, 'liuyang');
  const api = await apiAs(seller.page);
  const customer = (await ensureCustomer(api, customerName)) as { number?: string | null };

  const page = seller.page;
  await openMenu(page, '报价单', isPhone);
  await page.waitForURL('**/quotes');
  await page.getByRole('button', { name: '新建报价' }).click();
  const form = page.getByRole('dialog', { name: '新建报价单' });
  await settled(page);
  await pick(
    page,
    '客户',
    customer.number ? `${customerName}（${customer.number}）` : customerName,
    form,
    customerName,
  );
  await pick(page, '产品', 'CS-A4 A4 复印纸 70g', form, 'CS-A4');
  await expect.poll(() => form.getByLabel('单价').inputValue()).toBe('165.00');
  await form.getByLabel('数量').fill('10');
  await form.getByLabel('折扣(%)').fill('18');
  await form.getByText('有折扣超过 15%，提交后需审批').waitFor();
  // 10 × 165 × 0.82 = 1,353.00; 13% tax 175.89 — the preview, before the server's answer
  await form.getByText('¥1,528.89').waitFor();
  await settled(page);
  await snap(page, `quote-form-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);
  const created = answer(page, 'POST', '/quotes');
  await form.getByRole('button', { name: '保存', exact: true }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  const quote = await response.json();
  expect(quote).toMatchObject({
    status: 'draft',
    subtotal: '1353.00',
    tax: '175.89',
    total: '1528.89',
    needsApproval: true,
  });

  const detail = page.getByRole('dialog', { name: `${quote.number} · ${customerName}` });
  await detail.getByText('折扣超过 15%：提交后需审批').waitFor();
  const submitted = await act(page, detail, '提交', 'POST', /\/quotes\/[^/]+\/submit$/);
  expect(submitted.status).toBe('in-approval');
  await detail.getByText('没有匹配的审批流程', { exact: false }).waitFor();
  await settled(page);
  await snap(page, `quote-in-approval-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);

  // 周强 decides it from the quote
  const supervisor = await newPage(browser, viewport);
  await signInAs(supervisor.page, 'zhouqiang');
  await supervisor.page.goto(`/quotes?id=${quote.id}`);
  const toDecide = supervisor.page.getByRole('dialog', { name: `${quote.number} · ${customerName}` });
  await toDecide.getByText('该报价单等待你审批（折扣 18%）').waitFor();
  await toDecide.getByLabel('审批意见').fill('大客户，同意');
  await settled(supervisor.page);
  await snap(supervisor.page, `quote-decide-zh-${viewport}`);
  const approved = await act(supervisor.page, toDecide, '审批通过', 'POST', /\/quotes\/[^/]+\/decide$/);
  expect(approved.status).toBe('approved');
  await supervisor.context.close();

  // back with 刘洋: sent, accepted, into an order
  await page.reload();
  const again = page.getByRole('dialog', { name: `${quote.number} · ${customerName}` });
  await again.getByRole('button', { name: '标记已发送' }).waitFor();
  expect((await act(page, again, '标记已发送', 'POST', /\/send$/)).status).toBe('sent');
  expect((await act(page, again, '客户接受', 'POST', /\/accept$/)).status).toBe('accepted');
  await settled(page);
  await snap(page, `quote-accepted-zh-${viewport}`);
  const order = await act(page, again, '生成订单', 'POST', /\/to-order$/);
  expect(order).toMatchObject({ status: 'new', quoteId: quote.id, total: '1528.89' });
  expect(order.number).toMatch(/^DD/);

  await page.waitForURL(`**/orders?id=${order.id}`);
  const orderDrawer = page.getByRole('dialog', { name: `${order.number} · ${customerName}` });
  await orderDrawer.getByText('¥1,528.89').first().waitFor();
  // only the moves of a new order are offered
  await orderDrawer.getByRole('button', { name: '确认订单' }).waitFor();
  expect(await orderDrawer.getByRole('button', { name: '发货' }).count()).toBe(0);
  const confirmed = await act(page, orderDrawer, '确认订单', 'POST', /\/transition$/);
  expect(confirmed.status).toBe('confirmed');
  await orderDrawer.getByRole('button', { name: '标记已付款' }).waitFor();
  await orderDrawer.getByText('新建 → 已确认').waitFor();
  await settled(page);
  await snap(page, `order-detail-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);
  await page.keyboard.press('Escape');
  await orderDrawer.waitFor({ state: 'hidden' });
  await page.getByRole('cell', { name: order.number }).waitFor();
  await settled(page);
  await snap(page, `orders-list-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(page);
  await seller.context.close();
}

describe('quotes and orders (报价单、订单)', () => {
  it('an 18% discount is approved, sent, accepted, ordered and confirmed — desktop', async () => {
    await journey('desktop');
  }, 240_000);
  it('an 18% discount is approved, sent, accepted, ordered and confirmed — phone', async () => {
    await journey('phone');
  }, 240_000);
});
