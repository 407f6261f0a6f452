import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { ensureCustomer, signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, openMenu, pick, searchList, settled } from './flows.ts';
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

/** Saves the open dialog `name` and waits for the answer to `method path`; answers its JSON. */
async function saveDialog(
  page: Page,
  dialog: Locator,
  method: string,
  path: string | RegExp,
  button = '保存',
) {
  const done = answer(page, method, path);
  await dialog.getByRole('button', { name: button, exact: true }).click();
  const res = await done;
  return { status: res.status(), body: await res.json() };
}

/** 登记回款 in the contract's detail: the row's button (or the main one), the method, the amount as proposed or typed. */
async function recordPayment(page: Page, from: Locator, amount?: string) {
  await from.getByRole('button', { name: '登记回款' }).first().click();
  const dialog = page.getByRole('dialog', { name: '登记回款' });
  await settled(page);
  if (amount !== undefined) await dialog.getByLabel('金额').fill(amount);
  await pick(page, '付款方式', '银行转账', dialog);
  const saved = await saveDialog(page, dialog, 'POST', '/payments');
  return { dialog, ...saved };
}

/** A one-page PDF: what a scanned, signed contract is sent as. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function journey(viewport: ViewportName) {
  const phone = viewport === 'phone';
  const tag = `${stamp}${phone ? 'p' : 'd'}`;
  const { context, page } = await newPage(browser, viewport);
  await signInAs(page, 'liuyang');
  const api = await apiAs(page);
  const customer = await ensureCustomer(api, `回款客户${tag}`);

  // 合同 → 新建合同: a draft of ¥10,000 for the customer, opened once saved
  await openMenu(page, '合同', phone);
  await page.waitForURL('**/contracts');
  await page.getByRole('button', { name: '新建合同' }).click();
  const form = page.getByRole('dialog', { name: '新建合同' });
  await settled(page);
  await form.getByLabel('合同名称').fill(`设备采购合同${tag}`);
  const { number } = customer as { number?: string };
  await pick(page, '客户', number ? `${customer.name}（${number}）` : customer.name, form, customer.name);
  await form.getByLabel('合同金额').fill('10000');
  // the signed scan goes up while the form is open, and onto the contract when it is saved
  const scan = `盖章页${tag}.pdf`;
  await form
    .locator('input[type=file]')
    .setInputFiles({ name: scan, mimeType: 'application/pdf', buffer: PDF });
  await form.getByRole('listitem', { name: scan }).waitFor();
  const created = await saveDialog(page, form, 'POST', '/contracts');
  expect(created.status).toBe(201);
  const contract = created.body as { id: string; number: string; status: string };
  expect(contract.status).toBe('draft');
  const detail = page.getByRole('dialog', { name: `${contract.number} · 设备采购合同${tag}` });
  await detail.waitFor();
  await detail.getByRole('list', { name: '附件列表' }).getByRole('listitem', { name: scan }).waitFor();
  await settled(page);

  // 提交审批: no contract flow in the demo — in force at once
  await detail.getByRole('button', { name: '提交审批' }).click();
  await settled(page); // the confirmation has opened (a click during its animation is lost)
  const submitted = answer(page, 'POST', `/contracts/${contract.id}/submit`);
  await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
  expect((await (await submitted).json()).status).toBe('active');
  await detail.getByText('执行中').first().waitFor();

  // two instalments: ¥4,000, then the rest (¥6,000, proposed)
  const money = detail.getByRole('region', { name: '回款与开票' });
  const plans = money.getByRole('table', { name: '回款计划' }).locator('tbody tr[data-row-key]');
  await money.getByRole('button', { name: '新增回款计划' }).click();
  let dialog = page.getByRole('dialog', { name: '新增回款计划' });
  await settled(page);
  await dialog.getByLabel('金额').fill('4000');
  expect((await saveDialog(page, dialog, 'POST', '/payment-plans')).status).toBe(201);
  await dialog.waitFor({ state: 'hidden' });
  await expect.poll(() => plans.count()).toBe(1);
  await money.getByRole('button', { name: '新增回款计划' }).click();
  dialog = page.getByRole('dialog', { name: '新增回款计划' });
  await settled(page);
  await expect.poll(() => dialog.getByLabel('金额').inputValue()).toBe('6000.00');
  expect((await saveDialog(page, dialog, 'POST', '/payment-plans')).status).toBe(201);
  await dialog.waitFor({ state: 'hidden' });
  await expect.poll(() => plans.count()).toBe(2);

  // pay the first instalment, then the second, each from its row
  let paid = await recordPayment(page, plans.nth(0));
  expect(paid.status).toBe(201);
  expect(paid.body).toMatchObject({ amount: '4000.00', status: 'counted' });
  await paid.dialog.waitFor({ state: 'hidden' });
  await plans.nth(0).getByText('已回款').waitFor();
  paid = await recordPayment(page, plans.nth(1));
  expect(paid.body).toMatchObject({ amount: '6000.00', status: 'counted' });
  await paid.dialog.waitFor({ state: 'hidden' });
  await expect.poll(() => plans.filter({ hasText: '已回款' }).count()).toBe(2);
  // 未回款 ¥0.00
  const outstanding = money.locator('.ant-statistic').filter({ hasText: '未回款' });
  await expect.poll(() => outstanding.innerText()).toContain('0.00');
  await settled(page);
  await snap(page, `receivables-contract-paid-zh-${viewport}`);

  // one cent more is refused with its message, and nothing is written
  const over = await recordPayment(page, money, '0.01');
  expect(over.status).toBe(409);
  expect(over.body.code).toBe('OVERPAYMENT');
  await page.getByText('回款金额超过未收金额（如为预收款，请登记为预收款）').first().waitFor();
  await over.dialog
    .getByRole('button', { name: '取 消' })
    .or(over.dialog.getByRole('button', { name: '取消' }))
    .first()
    .click();
  await over.dialog.waitFor({ state: 'hidden' });
  const doc = await api.get(`/receivables/document?contractId=${contract.id}`);
  expect(doc.payments).toHaveLength(2);
  expect(doc.figures).toMatchObject({ received: '10000.00', outstanding: '0.00' });

  // 申请开票: the customer's name and the whole amount, proposed
  await money.getByRole('button', { name: '申请开票' }).click();
  dialog = page.getByRole('dialog', { name: '申请开票' });
  await settled(page);
  await expect.poll(() => dialog.getByLabel('发票抬头').inputValue()).toBe(customer.name);
  const requested = await saveDialog(page, dialog, 'POST', '/invoices');
  expect(requested.status).toBe(201);
  expect(requested.body).toMatchObject({ status: 'requested', amount: '10000.00' });
  await dialog.waitFor({ state: 'hidden' });
  if (phone) await expectNoSidewaysScroll(page);

  // 回款 → 逾期未收: the demo's overdue instalments with their days overdue
  await page.goto('/receivables?tab=overdue');
  await page.getByRole('table').locator('tbody tr[data-row-key]').first().waitFor();
  await settled(page);
  await snap(page, `receivables-overdue-zh-${viewport}`);
  if (phone) await expectNoSidewaysScroll(page);
  await page.goto('/contracts');
  await page.getByRole('table').locator('tbody tr[data-row-key]').first().waitFor();
  await settled(page);
  await snap(page, `contracts-zh-${viewport}`);
  await context.close();

  // 开票: 赵敏 (the supervisor, invoices:approve) approves it and issues it with its number
  const boss = await newPage(browser, viewport);
  await signInAs(boss.page, 'zhaomin');
  await openMenu(boss.page, '开票', phone);
  await boss.page.waitForURL('**/invoices');
  const row = (
    await searchList(boss.page, boss.page.getByPlaceholder('搜索发票抬头或号码'), customer.name)
  ).first();
  const approved = answer(boss.page, 'POST', `/invoices/${requested.body.id}/decide`);
  await row.getByRole('button', { name: '通过' }).click();
  expect((await (await approved).json()).status).toBe('approved');
  await row.getByRole('button', { name: '开具发票' }).click();
  const issue = boss.page.getByRole('dialog', { name: '开具发票' });
  await settled(boss.page);
  await issue.getByLabel('发票号码').fill(`0310${tag}`);
  const issued = await saveDialog(
    boss.page,
    issue,
    'POST',
    `/invoices/${requested.body.id}/issue`,
    '开具发票',
  );
  expect(issued.body).toMatchObject({ status: 'issued', invoiceNumber: `0310${tag}` });
  await row.getByText('已开票').waitFor();
  await settled(boss.page);
  await snap(boss.page, `invoices-zh-${viewport}`);
  if (phone) await expectNoSidewaysScroll(boss.page);
  await boss.context.close();
}

describe('receivables (回款与开票)', () => {
  it('a contract with two instalments paid in turn, an overpayment refused, an invoice requested and issued (desktop)', async () => {
    await journey('desktop');
  });

  it('the same on a 390 px phone', async () => {
    await journey('phone');
  });
});
