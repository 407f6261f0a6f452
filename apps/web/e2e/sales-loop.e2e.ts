import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, apiAs } from './api.ts';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, openMenu, pick, searchList, settled } from './flows.ts';
import { tenantDay } from './plan-flows.ts';
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

/** Clicks `button` in `scope` and waits for the request it makes; answers its status and JSON. */
async function act(page: Page, scope: Locator, button: string, method: string, path: string | RegExp) {
  const done = answer(page, method, path);
  await scope.getByRole('button', { name: button, exact: true }).click();
  const res = await done;
  return { status: res.status(), body: await res.json() };
}

/** The card of a deal on the board (the draggable wrapper around its title). */
const card = (page: Page, title: string) =>
  page
    .locator('[aria-roledescription="draggable"]')
    .filter({ has: page.getByRole('button', { name: title }) });
const column = (page: Page, stage: string) => page.getByRole('region', { name: `阶段列：${stage}` });

/** 刘洋's figures on the month's targets, as 周强 (his supervisor) reads them. */
async function attainmentOf(api: Api, name: string) {
  const start = `${tenantDay(0).slice(0, 7)}-01`;
  const a = (await api.get(`/targets/attainment?period=month&start=${start}`)) as {
    users: { name: string; actual: string }[];
  };
  const row = a.users.find((u) => u.name === name);
  if (!row) throw new Error(`${name} is not on the targets page`);
  return row;
}

const cents = (money: string) => Math.round(Number(money) * 100);
const yuan = (money: string) =>
  `¥${Number(money).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Moves the deal to the next column: by the mouse on a desktop, by the keyboard on a phone. */
async function dragToNextStage(page: Page, isPhone: boolean, title: string, to: string) {
  const deal = card(page, title);
  if (isPhone) {
    await deal.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.getByText(`「${title}」位于阶段「${to}」上方`).waitFor({ state: 'attached' });
    await page.keyboard.press('Space');
  } else {
    const from = await deal.boundingBox();
    const target = await column(page, to).boundingBox();
    if (!from || !target) throw new Error('the card or the column is not on screen');
    await page.mouse.move(from.x + from.width / 2, from.y + 10);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, from.y + 20, { steps: 4 });
    await page.mouse.move(target.x + target.width / 2, target.y + 120, { steps: 12 });
    await page.mouse.up();
  }
}

/**
 * The whole deal flow of issue 14 on one deal: 周强 (销售主管) creates an opportunity for a prospect
 * and assigns it to 刘洋 (客户经理); 刘洋 works the development plan, drags the card on, wins it
 * (the prospect becomes a customer), quotes 10 boxes at 18% off (above the 15% threshold: 周强
 * approves), the customer accepts, the order is confirmed and contracted, paid in two instalments
 * (the order is paid when the second lands), delivered (the stock drops by 10), invoiced (赵敏
 * approves and issues) and completed; 周强's targets page shows 刘洋's attainment moved by it.
 */
async function salesLoop(viewport: ViewportName) {
  const isPhone = viewport === 'phone';
  const tag = `${isPhone ? 'p' : 'd'}${stamp}`;
  const title = `智能货架项目${tag}`;
  const prospect = `金桥贸易${tag}有限公司`;

  // ---- 周强 creates the opportunity for a prospect and assigns it ----
  const boss = await newPage(browser, viewport);
  const b = boss.page;
  await signInAs(b, 'zhouqiang');
  const bossApi = await apiAs(b);
  const before = await attainmentOf(bossApi, '刘洋');
  await openMenu(b, '销售机会', isPhone);
  await b.waitForURL('**/opportunities');
  await b.getByRole('button', { name: '新建销售机会' }).click();
  const form = b.getByRole('dialog', { name: '新建销售机会' });
  await settled(b);
  await form.getByText('意向客户', { exact: true }).click();
  await form.getByLabel('意向客户名称').fill(prospect);
  await form.getByLabel('机会名称').fill(title);
  await form.getByLabel('预计金额').fill('1528.89');
  await pick(b, '阶段', '初步接洽 · 10%', form, '初步');
  const created = await act(b, form, '保存', 'POST', '/opportunities');
  expect(created.status).toBe(201);
  const opportunity = created.body as { id: string };
  const detail = b.getByRole('dialog', { name: title });
  const [liuyang] = (await bossApi.get('/opportunities/assignees?q=刘洋')).data as {
    name: string;
    departmentName: string;
  }[];
  await detail.getByRole('button', { name: '指派', exact: true }).click();
  const assign = b.getByRole('dialog', { name: '指派销售机会' });
  await settled(b);
  await pick(b, '指派给', `${liuyang.name} · ${liuyang.departmentName}`, assign, '刘洋');
  expect((await act(b, assign, '指派', 'POST', `/opportunities/${opportunity.id}/assign`)).status).toBe(200);
  await detail.getByText('开发中').first().waitFor();

  // ---- 刘洋 works the plan, moves the card, wins it ----
  const seller = await newPage(browser, viewport);
  const p = seller.page;
  await signInAs(p, 'liuyang');
  const api = await apiAs(p);
  await p.goto(`/opportunities?id=${opportunity.id}`);
  const mine = p.getByRole('dialog', { name: title });
  await mine.getByRole('button', { name: '添加计划项' }).click();
  await mine.getByLabel('要做什么').fill('上门演示货架方案');
  expect((await act(p, mine, '保存', 'POST', `/opportunities/${opportunity.id}/plan`)).status).toBe(201);
  const item = mine.getByRole('group', { name: /上门演示货架方案/ });
  await item.getByRole('button', { name: '记录结果' }).click();
  await item.getByLabel('执行结果').fill('客户认可方案，要求报价');
  expect(
    (await act(p, item, '保存', 'PATCH', new RegExp(`/opportunities/${opportunity.id}/plan/`))).status,
  ).toBe(200);
  await p.keyboard.press('Escape');
  await mine.waitFor({ state: 'hidden' });

  await openMenu(p, '销售看板', isPhone);
  await p.waitForURL('**/pipeline**');
  await column(p, '初步接洽').locator(card(p, title)).waitFor();
  await settled(p);
  const moved = answer(p, 'PATCH', `/opportunities/${opportunity.id}`);
  await dragToNextStage(p, isPhone, title, '需求确认');
  expect((await moved).status()).toBe(200);
  await column(p, '需求确认').locator(card(p, title)).waitFor();
  await settled(p);
  await snap(p, `sales-loop-board-zh-${viewport}`);

  await p.getByText('已移到「需求确认」').waitFor();
  await card(p, title).getByRole('button', { name: title }).click();
  const deal = p.getByRole('dialog', { name: title });
  // the deal as it is now (moved: a newer version), before deciding on it
  await deal.getByText('需求确认').first().waitFor();
  await deal.getByRole('button', { name: '开发成功' }).click();
  const win = p.getByRole('dialog', { name: '开发成功' });
  await settled(p);
  const won = await act(p, win, '开发成功', 'POST', `/opportunities/${opportunity.id}/win`);
  expect(won.status, JSON.stringify(won.body)).toBe(200);
  const customerId = (won.body as { customerId: string }).customerId;
  const customer = (await api.get(`/customers/${customerId}`)) as { name: string; number: string | null };
  expect(customer.name).toBe(prospect);
  await deal.getByText('开发成功').first().waitFor();

  // ---- the quote: 10 boxes at 18% off, above the threshold ----
  await p.goto('/quotes');
  await p.getByRole('button', { name: '新建报价' }).click();
  const quoteForm = p.getByRole('dialog', { name: '新建报价单' });
  await settled(p);
  await pick(
    p,
    '客户',
    customer.number ? `${prospect}（${customer.number}）` : prospect,
    quoteForm,
    prospect,
  );
  await pick(p, '产品', 'CS-A4 A4 复印纸 70g', quoteForm, 'CS-A4');
  await expect.poll(() => quoteForm.getByLabel('单价').inputValue()).toBe('165.00');
  await quoteForm.getByLabel('数量').fill('10');
  await quoteForm.getByLabel('折扣(%)').fill('18');
  await quoteForm.getByText('有折扣超过 15%，提交后需审批').waitFor();
  const savedQuote = await act(p, quoteForm, '保存', 'POST', '/quotes');
  expect(savedQuote.status).toBe(201);
  const quote = savedQuote.body as { id: string; number: string; total: string };
  expect(quote.total).toBe('1528.89');
  const quoteDrawer = p.getByRole('dialog', { name: `${quote.number} · ${prospect}` });
  expect((await act(p, quoteDrawer, '提交', 'POST', /\/submit$/)).body.status).toBe('in-approval');

  // 周强 approves it
  await b.goto(`/quotes?id=${quote.id}`);
  const toDecide = b.getByRole('dialog', { name: `${quote.number} · ${prospect}` });
  await toDecide.getByText('该报价单等待你审批（折扣 18%）').waitFor();
  await toDecide.getByLabel('审批意见').fill('同意');
  expect((await act(b, toDecide, '审批通过', 'POST', /\/decide$/)).body.status).toBe('approved');

  // sent, accepted, into an order, confirmed
  await p.reload();
  const again = p.getByRole('dialog', { name: `${quote.number} · ${prospect}` });
  await again.getByRole('button', { name: '标记已发送' }).waitFor();
  expect((await act(p, again, '标记已发送', 'POST', /\/send$/)).body.status).toBe('sent');
  expect((await act(p, again, '客户接受', 'POST', /\/accept$/)).body.status).toBe('accepted');
  const order = (await act(p, again, '生成订单', 'POST', /\/to-order$/)).body as {
    id: string;
    number: string;
    total: string;
  };
  await p.waitForURL(`**/orders?id=${order.id}`);
  const orderName = `${order.number} · ${prospect}`;
  let orderDrawer = p.getByRole('dialog', { name: orderName });
  expect((await act(p, orderDrawer, '确认订单', 'POST', /\/transition$/)).body.status).toBe('confirmed');

  // ---- the contract of the order: 签订合同, prefilled with its customer, total and link ----
  const money = orderDrawer.getByRole('region', { name: '合同与回款' });
  await money.getByRole('button', { name: '签订合同' }).click();
  const contractForm = p.getByRole('dialog', { name: '新建合同' });
  await settled(p);
  await contractForm.getByText(order.number).waitFor();
  await expect.poll(() => contractForm.getByLabel('合同金额').inputValue()).toBe('1528.89');
  const signed = await act(p, contractForm, '保存', 'POST', '/contracts');
  expect(signed.status).toBe(201);
  const contract = signed.body as { id: string; number: string; title: string; orderId: string };
  expect(contract.orderId).toBe(order.id);
  await p.waitForURL(`**/contracts?id=${contract.id}`);
  const contractDrawer = p.getByRole('dialog', { name: `${contract.number} · ${contract.title}` });
  await contractDrawer.getByRole('button', { name: '提交审批' }).click();
  await settled(p);
  const submitted = answer(p, 'POST', `/contracts/${contract.id}/submit`);
  await p.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
  expect((await (await submitted).json()).status).toBe('active');

  // ---- two instalments: ¥800, then the rest; the order is paid when the second lands ----
  const owed = contractDrawer.getByRole('region', { name: '回款与开票' });
  const plans = owed.getByRole('table', { name: '回款计划' }).locator('tbody tr[data-row-key]');
  for (const [i, amount] of ['800', undefined].entries()) {
    await owed.getByRole('button', { name: '新增回款计划' }).click();
    const dialog = p.getByRole('dialog', { name: '新增回款计划' });
    await settled(p);
    if (amount) await dialog.getByLabel('金额').fill(amount);
    else await expect.poll(() => dialog.getByLabel('金额').inputValue()).toBe('728.89');
    expect((await act(p, dialog, '保存', 'POST', '/payment-plans')).status).toBe(201);
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => plans.count()).toBe(i + 1);
  }
  for (const i of [0, 1]) {
    await plans.nth(i).getByRole('button', { name: '登记回款' }).click();
    const dialog = p.getByRole('dialog', { name: '登记回款' });
    await settled(p);
    await pick(p, '付款方式', '银行转账', dialog);
    expect((await act(p, dialog, '保存', 'POST', '/payments')).status).toBe(201);
    await dialog.waitFor({ state: 'hidden' });
    const after = (await api.get(`/orders/${order.id}`)) as { status: string };
    expect(after.status).toBe(i === 0 ? 'confirmed' : 'paid');
  }
  await expect.poll(() => plans.filter({ hasText: '已回款' }).count()).toBe(2);

  // ---- invoiced: requested here, approved and issued by 赵敏 ----
  await owed.getByRole('button', { name: '申请开票' }).click();
  const invoiceForm = p.getByRole('dialog', { name: '申请开票' });
  await settled(p);
  const invoice = await act(p, invoiceForm, '保存', 'POST', '/invoices');
  expect(invoice.body).toMatchObject({ status: 'requested', amount: '1528.89' });
  await invoiceForm.waitFor({ state: 'hidden' });
  await settled(p);
  await snap(p, `sales-loop-contract-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(p);

  const finance = await newPage(browser, viewport);
  const f = finance.page;
  await signInAs(f, 'zhaomin');
  await openMenu(f, '开票', isPhone);
  await f.waitForURL('**/invoices');
  const row = (await searchList(f, f.getByPlaceholder('搜索发票抬头或号码'), prospect)).first();
  const invoiceId = (invoice.body as { id: string }).id;
  const approved = answer(f, 'POST', `/invoices/${invoiceId}/decide`);
  await row.getByRole('button', { name: '通过' }).click();
  expect((await (await approved).json()).status).toBe('approved');
  await row.getByRole('button', { name: '开具发票' }).click();
  const issue = f.getByRole('dialog', { name: '开具发票' });
  await settled(f);
  await issue.getByLabel('发票号码').fill(`0441${tag}`);
  expect((await act(f, issue, '开具发票', 'POST', `/invoices/${invoiceId}/issue`)).body.status).toBe(
    'issued',
  );
  await finance.context.close();

  // ---- delivered from a warehouse that holds 10 boxes (the stock drops), then completed ----
  const productId = ((await api.get(`/orders/${order.id}`)) as { lines: { productId: string }[] }).lines[0]
    .productId;
  type Stock = { warehouseId: string; warehouseName: string; quantity: string };
  const stockBefore = ((await api.get(`/stock?productId=${productId}`)) as { data: Stock[] }).data;
  const from = stockBefore.find((s) => Number(s.quantity) >= 10);
  if (!from) throw new Error('no warehouse holds 10 boxes of CS-A4');
  await p.goto(`/orders?id=${order.id}`);
  orderDrawer = p.getByRole('dialog', { name: orderName });
  await orderDrawer.getByText('已付款').first().waitFor();
  await orderDrawer.getByRole('button', { name: '发货' }).click();
  const deliver = p.getByRole('dialog', { name: '发货出库' });
  await settled(p);
  const warehouses = (await api.get('/warehouses?pageSize=100')) as { data: { id: string; code: string }[] };
  const code = warehouses.data.find((w) => w.id === from.warehouseId)?.code;
  await pick(p, '出库仓库', `${code} ${from.warehouseName}`, deliver);
  const delivered = answer(p, 'POST', /\/transition$/);
  await deliver.getByRole('button', { name: '发货' }).click();
  expect((await (await delivered).json()).status).toBe('delivered');
  const stockAfter = ((await api.get(`/stock?productId=${productId}`)) as { data: Stock[] }).data;
  const left = stockAfter.find((s) => s.warehouseId === from.warehouseId);
  expect(Number(left?.quantity)).toBe(Number(from.quantity) - 10);
  expect((await act(p, orderDrawer, '完成', 'POST', /\/transition$/)).body.status).toBe('completed');
  await orderDrawer.getByText('已发货 → 已完成').waitFor();
  await settled(p);
  await snap(p, `sales-loop-order-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(p);
  await seller.context.close();

  // ---- 周强's targets page: 刘洋's attainment moved by the order ----
  const now = await attainmentOf(bossApi, '刘洋');
  expect(cents(now.actual) - cents(before.actual)).toBeGreaterThanOrEqual(cents(order.total));
  await b.goto('/targets');
  await b
    .getByRole('row', { name: /刘洋/ })
    .filter({ hasText: yuan(now.actual) })
    .first()
    .waitFor();
  await settled(b);
  await snap(b, `sales-loop-targets-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(b);
  await boss.context.close();
}

describe('the sales loop (商机到回款)', () => {
  it(
    'opportunity → plan → board → won → quote at 18% approved → order → contract → two payments → delivered → invoiced → completed → targets (desktop)',
    () => salesLoop('desktop'),
    400_000,
  );
  it('the same on a 390 px phone', () => salesLoop('phone'), 400_000);
});
