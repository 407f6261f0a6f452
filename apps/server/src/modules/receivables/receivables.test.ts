import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { inDays, makeContract, paymentMethod, type TestContract } from '../../test/contract-factories.ts';
import { makeCustomer, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { makeProduct } from '../quotes/test-helpers.ts';
import { authz } from './authz.ts';
import { salesFacts } from './published.ts';
import { sendOverdueReminders } from './reminders.ts';

let t: TestContext;
let admin: Agent;
let seller: Agent;
let sellerId: string;
let outsider: Agent;
let method: string;

const selling = [
  'contracts:view',
  'contracts:create',
  'contracts:edit',
  'customers:view',
  'customers:create',
  'receivables:view',
  'receivables:create',
  'receivables:edit',
  'receivables:delete',
  'invoices:view',
  'invoices:create',
  'orders:view',
  'orders:create',
  'orders:edit',
];

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const role = await makeRole(admin, selling, {
    contracts: 'own',
    customers: 'own',
    receivables: 'own',
    invoices: 'own',
    orders: 'own',
  });
  const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
  const o = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
  sellerId = u.id;
  seller = await t.login(u.username);
  outsider = await t.login(o.username);
  method = await paymentMethod(admin);
});
afterAll(() => t.close());

type Plan = {
  id: string;
  version: number;
  amount: string;
  paid: string;
  outstanding: string;
  status: string;
  [k: string]: unknown;
};
type Doc = {
  figures: Record<string, string>;
  plans: Plan[];
  payments: {
    id: string;
    amount: string;
    applied: string;
    prepaid: string;
    status: string;
    allocations: { planId: string; amount: string }[];
  }[];
  invoices: { id: string; status: string; amount: string }[];
};

const plan = (contractId: string, amount: string, dueDate = inDays(30), agent = seller) =>
  agent.post('/api/v1/payment-plans', { contractId, amount, dueDate });
const pay = (contractId: string, amount: string, over: Record<string, unknown> = {}, agent = seller) =>
  agent.post('/api/v1/payments', {
    contractId,
    amount,
    paidAt: inDays(0),
    method,
    payer: '某某公司',
    ...over,
  });
const docOf = async (contractId: string, agent = seller) => {
  const res = await agent.get(`/api/v1/receivables/document?contractId=${contractId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Doc;
};

async function active(amount = '10000.00'): Promise<TestContract> {
  return makeContract(seller, { amount }, { active: true });
}

describe('payment plans', () => {
  it('instalments of a contract add up to at most its amount: one more is 409 PLAN_EXCEEDS_AMOUNT and writes nothing', async () => {
    const k = await active('10000.00');
    expect((await plan(k.id, '4000.10')).statusCode).toBe(201);
    expect((await plan(k.id, '5999.90')).statusCode).toBe(201);
    const over = await plan(k.id, '0.01');
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('PLAN_EXCEEDS_AMOUNT');
    const d = await docOf(k.id);
    expect(d.plans).toHaveLength(2);
    expect(d.figures).toMatchObject({ planned: '10000.00', outstanding: '10000.00' });
    expect(d.plans.map((p) => p.instalment)).toEqual([1, 2]);
  });

  it('a plan needs a contract or an order, one of them; money above 0 with 2 decimals at most', async () => {
    const k = await active();
    expect((await seller.post('/api/v1/payment-plans', { amount: '1', dueDate: inDays(1) })).statusCode).toBe(
      400,
    );
    expect((await plan(k.id, '0')).statusCode).toBe(400);
    expect((await plan(k.id, '1.005')).statusCode).toBe(400);
    expect((await plan(k.id, '-5')).statusCode).toBe(400);
    const both = await seller.post('/api/v1/payment-plans', {
      contractId: k.id,
      orderId: k.id,
      amount: '1',
      dueDate: inDays(1),
    });
    expect(both.statusCode).toBe(400);
  });

  it('a contract I do not see is 404 for its plans, payments and invoices', async () => {
    const k = await active();
    expect((await plan(k.id, '100', inDays(1), outsider)).statusCode).toBe(404);
    expect((await pay(k.id, '100', {}, outsider)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/receivables/document?contractId=${k.id}`)).statusCode).toBe(404);
    const inv = await outsider.post('/api/v1/invoices', {
      contractId: k.id,
      amount: '1',
      title: 'x',
      type: 'normal',
    });
    expect(inv.statusCode).toBe(404);
  });
});

describe('payments', () => {
  it('two plans paid in turn: outstanding 0; one cent more is 409 OVERPAYMENT with its message and writes nothing', async () => {
    const k = await active('10000.00');
    const p1 = (await plan(k.id, '3000.00', inDays(10))).json() as Plan;
    const p2 = (await plan(k.id, '7000.00', inDays(40))).json() as Plan;
    const first = await pay(k.id, '3000.00', { planId: p1.id });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'counted', applied: '3000.00', prepaid: '0.00' });
    let d = await docOf(k.id);
    expect(d.plans.map((p) => [p.status, p.outstanding])).toEqual([
      ['paid', '0.00'],
      ['open', '7000.00'],
    ]);
    expect(d.figures).toMatchObject({ received: '3000.00', outstanding: '7000.00' });
    expect((await pay(k.id, '7000.00', { planId: p2.id })).statusCode).toBe(201);
    d = await docOf(k.id);
    expect(d.figures).toMatchObject({ received: '10000.00', outstanding: '0.00', prepaid: '0.00' });
    expect(d.plans.every((p) => p.outstanding === '0.00')).toBe(true);
    const over = await pay(k.id, '0.01');
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({
      code: 'OVERPAYMENT',
      message: '回款金额超过未收金额（如为预收款，请登记为预收款）',
    });
    const en = await seller
      .with({ 'accept-language': 'en-US' })
      .post('/api/v1/payments', { contractId: k.id, amount: '0.01', paidAt: inDays(0), method });
    expect(en.json().message).toContain('more than the outstanding amount');
    d = await docOf(k.id);
    expect(d.payments).toHaveLength(2);
    expect(d.figures.received).toBe('10000.00');
  });

  it('without a plan a payment goes to the oldest plan first, spilling into the next; a prepayment keeps the rest as 预收款', async () => {
    const k = await active('1000.00');
    const late = (await plan(k.id, '600.00', inDays(60))).json() as Plan;
    const early = (await plan(k.id, '400.00', inDays(5))).json() as Plan;
    const res = await pay(k.id, '500.00');
    expect(
      res.json().allocations.map((a: { planId: string; amount: string }) => [a.planId, a.amount]),
    ).toEqual([
      [early.id, '400.00'],
      [late.id, '100.00'],
    ]);
    // naming a plan pays it first
    const named = await pay(k.id, '50.00', { planId: late.id });
    expect(named.json().allocations).toEqual([expect.objectContaining({ planId: late.id, amount: '50.00' })]);
    const tooMuch = await pay(k.id, '500.00');
    expect(tooMuch.json().code).toBe('OVERPAYMENT');
    const prepaid = await pay(k.id, '500.00', { prepayment: true });
    expect(prepaid.statusCode, prepaid.body).toBe(201);
    expect(prepaid.json()).toMatchObject({ applied: '450.00', prepaid: '50.00', prepayment: true });
    const d = await docOf(k.id);
    expect(d.figures).toMatchObject({ received: '1000.00', outstanding: '0.00', prepaid: '50.00' });
  });

  it('money received before any plan pays the plans made later', async () => {
    const k = await active('900.00');
    expect((await pay(k.id, '300.00')).statusCode).toBe(201);
    const p = (await plan(k.id, '500.00')).json() as Plan;
    expect(p).toMatchObject({ paid: '300.00', outstanding: '200.00', status: 'partial' });
  });

  it('a plan with payments cannot be deleted nor go below them (409 PLAN_BELOW_PAID); an unpaid one can, with its version', async () => {
    const k = await active('1000.00');
    const p = (await plan(k.id, '500.00')).json() as Plan;
    const q = (await plan(k.id, '500.00')).json() as Plan;
    await pay(k.id, '200.00', { planId: p.id });
    const fresh = (await seller.get(`/api/v1/payment-plans/${p.id}`)).json() as Plan;
    expect((await seller.delete(`/api/v1/payment-plans/${p.id}?version=${fresh.version}`)).json().code).toBe(
      'PLAN_BELOW_PAID',
    );
    expect(
      (
        await seller.patch(`/api/v1/payment-plans/${p.id}`, { version: fresh.version, amount: '199.99' })
      ).json().code,
    ).toBe('PLAN_BELOW_PAID');
    expect(
      (await seller.patch(`/api/v1/payment-plans/${p.id}`, { version: fresh.version, amount: '600' })).json()
        .code,
    ).toBe('PLAN_EXCEEDS_AMOUNT');
    const moved = await seller.patch(`/api/v1/payment-plans/${p.id}`, {
      version: fresh.version,
      amount: '200',
      dueDate: inDays(3),
    });
    expect(moved.json()).toMatchObject({ amount: '200.00', status: 'paid' });
    expect((await seller.delete(`/api/v1/payment-plans/${q.id}?version=${q.version + 5}`)).json().code).toBe(
      'CONFLICT',
    );
    expect((await seller.delete(`/api/v1/payment-plans/${q.id}?version=${q.version}`)).statusCode).toBe(200);
  });

  it('a draft contract takes plans but no payments (409 NOT_RECEIVABLE); the payment method comes from its dictionary', async () => {
    const k = await makeContract(seller);
    expect((await plan(k.id, '100')).statusCode).toBe(201);
    expect((await pay(k.id, '100')).json().code).toBe('NOT_RECEIVABLE');
    const a = await active();
    const wrong = await pay(a.id, '1', { method: a.id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('DICTIONARY_ITEM_MISMATCH');
  });

  it('with a payment flow a payment waits for its approval: it counts for nothing, holds its share, then counts once approved', async () => {
    const me = (await admin.get('/api/v1/auth/me')).json().user.id as string;
    const flow = await admin.post('/api/v1/approval-flows', {
      name: '大额回款审批',
      documentType: 'payment',
      conditions: { minAmount: '50000' },
      steps: [{ kind: 'users', mode: 'any', userIds: [me] }],
    });
    expect(flow.statusCode, flow.body).toBe(201);
    const k = await active('100000.00');
    const p = (await plan(k.id, '100000.00')).json() as Plan;
    const big = await pay(k.id, '60000.00');
    expect(big.json()).toMatchObject({ status: 'pending', allocations: [] });
    let d = await docOf(k.id);
    expect(d.figures.received).toBe('0.00');
    // the pending 60,000 holds its share: 40,000.01 more would overpay
    expect((await pay(k.id, '40000.01')).json().code).toBe('OVERPAYMENT');
    const approve = await admin.post(`/api/v1/approvals/${big.json().approvalId}/approve`, {});
    expect(approve.statusCode, approve.body).toBe(200);
    d = await docOf(k.id);
    expect(d.figures).toMatchObject({ received: '60000.00', outstanding: '40000.00' });
    expect(d.plans[0]).toMatchObject({ id: p.id, paid: '60000.00' });
    // a rejected one frees its share
    const again = await pay(k.id, '40000.00');
    expect(again.json().status).toBe('counted');
    await admin.patch(`/api/v1/approval-flows/${flow.json().id}`, {
      version: flow.json().version,
      active: false,
    });
  });
});

describe('an order paid in two instalments', () => {
  it('the order becomes paid when the second lands; before that it stays confirmed', async () => {
    const product = await makeProduct(admin, { listPrice: '500.00' });
    const customer = await makeCustomer(seller);
    const created = await seller.post('/api/v1/orders', {
      customerId: customer.id,
      lines: [{ productId: product.id, quantity: '2' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const order = created.json() as { id: string; version: number; total: string };
    expect(order.total).toBe('1000.00');
    expect(
      (
        await seller.post('/api/v1/payments', { orderId: order.id, amount: '1', paidAt: inDays(0), method })
      ).json().code,
    ).toBe('NOT_RECEIVABLE');
    const confirmed = await seller.post(`/api/v1/orders/${order.id}/transition`, {
      to: 'confirmed',
      version: order.version,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const p1 = await seller.post('/api/v1/payment-plans', {
      orderId: order.id,
      amount: '400.00',
      dueDate: inDays(5),
    });
    const p2 = await seller.post('/api/v1/payment-plans', {
      orderId: order.id,
      amount: '600.00',
      dueDate: inDays(35),
    });
    expect([p1.statusCode, p2.statusCode]).toEqual([201, 201]);
    const payOrder = (amount: string) =>
      seller.post('/api/v1/payments', { orderId: order.id, amount, paidAt: inDays(0), method });
    expect((await payOrder('400.00')).statusCode).toBe(201);
    expect((await seller.get(`/api/v1/orders/${order.id}`)).json().status).toBe('confirmed');
    expect((await payOrder('600.01')).json().code).toBe('OVERPAYMENT');
    expect((await seller.get(`/api/v1/orders/${order.id}`)).json().status).toBe('confirmed');
    expect((await payOrder('600.00')).statusCode).toBe(201);
    expect((await seller.get(`/api/v1/orders/${order.id}`)).json().status).toBe('paid');
    const d = (await seller.get(`/api/v1/receivables/document?orderId=${order.id}`)).json() as Doc;
    expect(d.figures).toMatchObject({ received: '1000.00', outstanding: '0.00' });
  });
});

describe('an order with its contract', () => {
  it('the contract of an order is found by it (GET /contracts?orderId=); paying the contract pays the order', async () => {
    const product = await makeProduct(admin, { listPrice: '300.00' });
    const customer = await makeCustomer(seller);
    const created = await seller.post('/api/v1/orders', {
      customerId: customer.id,
      lines: [{ productId: product.id, quantity: '1' }],
      taxRate: '0',
    });
    const order = created.json() as { id: string; version: number; total: string };
    const confirmed = await seller.post(`/api/v1/orders/${order.id}/transition`, {
      to: 'confirmed',
      version: order.version,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const k = await makeContract(
      seller,
      { orderId: order.id, amount: order.total },
      { active: true, customerId: customer.id },
    );
    const ofOrder = (await seller.get(`/api/v1/contracts?orderId=${order.id}`)).json() as {
      data: { id: string }[];
    };
    expect(ofOrder.data.map((c) => c.id)).toEqual([k.id]);
    expect((await seller.get(`/api/v1/contracts?orderId=${k.id}`)).json().data).toEqual([]);
    expect((await plan(k.id, order.total)).statusCode).toBe(201);
    const paid = await seller.post('/api/v1/payments', {
      contractId: k.id,
      amount: order.total,
      paidAt: inDays(0),
      method,
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect((await seller.get(`/api/v1/orders/${order.id}`)).json().status).toBe('paid');
  });
});

describe('invoices', () => {
  it('requests up to the invoiceable amount (409 INVOICE_EXCEEDS_AMOUNT past it, nothing written); approve, issue; reject frees its amount', async () => {
    const k = await active('1000.00');
    const ask = (amount: string, over: Record<string, unknown> = {}) =>
      seller.post('/api/v1/invoices', {
        contractId: k.id,
        amount,
        title: '上海某某有限公司',
        type: 'normal',
        ...over,
      });
    const a = await ask('600.00');
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ status: 'requested', amount: '600.00', canDecide: false });
    const over = await ask('400.01');
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('INVOICE_EXCEEDS_AMOUNT');
    expect((await docOf(k.id)).invoices).toHaveLength(1);
    expect((await ask('100', { type: 'special' })).statusCode).toBe(400);
    const b = await ask('400.00', { type: 'special', taxNumber: '91310000MA1FL1234X' });
    expect(b.statusCode).toBe(201);
    // the seller may not decide
    expect(
      (await seller.post(`/api/v1/invoices/${a.json().id}/decide`, { version: 1, decision: 'approve' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await admin.post(`/api/v1/invoices/${a.json().id}/issue`, {
          version: 1,
          invoiceNumber: 'X',
          issuedOn: inDays(0),
        })
      ).json().code,
    ).toBe('INVALID_TRANSITION');
    expect(
      (await admin.post(`/api/v1/invoices/${b.json().id}/decide`, { version: 1, decision: 'reject' }))
        .statusCode,
    ).toBe(400);
    const rejected = await admin.post(`/api/v1/invoices/${b.json().id}/decide`, {
      version: 1,
      decision: 'reject',
      reason: '抬头有误',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectReason: '抬头有误' });
    expect((await ask('400.00')).statusCode).toBe(201);
    const approved = await admin.post(`/api/v1/invoices/${a.json().id}/decide`, {
      version: 1,
      decision: 'approve',
    });
    expect(approved.json()).toMatchObject({ status: 'approved', canIssue: true });
    const stale = await admin.post(`/api/v1/invoices/${a.json().id}/issue`, {
      version: 1,
      invoiceNumber: 'NO.0001',
      issuedOn: inDays(0),
    });
    expect(stale.json().code).toBe('CONFLICT');
    const issued = await admin.post(`/api/v1/invoices/${a.json().id}/issue`, {
      version: approved.json().version,
      invoiceNumber: 'NO.0001',
      issuedOn: inDays(0),
    });
    expect(issued.json()).toMatchObject({ status: 'issued', invoiceNumber: 'NO.0001' });
    expect((await docOf(k.id)).figures).toMatchObject({ invoiced: '1000.00', invoiceable: '0.00' });
  });
});

describe('overdue', () => {
  it('lists plans past due and not fully paid with the days overdue, and reminds their owner once a day', async () => {
    const k = await active('1000.00');
    const due = (await plan(k.id, '300.00', inDays(-3))).json() as Plan;
    const paid = (await plan(k.id, '200.00', inDays(-2))).json() as Plan;
    const future = (await plan(k.id, '500.00', inDays(3))).json() as Plan;
    await pay(k.id, '200.00', { planId: paid.id });
    await pay(k.id, '100.00', { planId: due.id });
    const res = await seller.get('/api/v1/receivables/overdue?pageSize=100');
    expect(res.statusCode, res.body).toBe(200);
    const rows = (res.json().data as Plan[]).filter((r) => r.contractId === k.id);
    expect(rows.map((r) => [r.id, r.outstanding, r.daysOverdue])).toEqual([[due.id, '200.00', 3]]);
    expect(rows.map((r) => r.id)).not.toContain(future.id);
    expect((await outsider.get('/api/v1/receivables/overdue?pageSize=100')).json().data).toEqual([]);
    await sendOverdueReminders(t.database.db);
    await sendOverdueReminders(t.database.db);
    const notes = (await seller.get('/api/v1/notifications?pageSize=100')).json().data as { kind: string }[];
    expect(notes.filter((n) => n.kind === 'receivables.overdue')).toHaveLength(1);
    const sums = await seller.get(`/api/v1/customers/${k.customerId}/receivables`);
    expect(sums.json()).toMatchObject({
      planned: '1000.00',
      paid: '300.00',
      outstanding: '700.00',
      overdue: '200.00',
    });
  });

  it('salesFacts: counted payments per owner and department by paid date', async () => {
    const k = await active('5000.00');
    await pay(k.id, '1234.56', { paidAt: '2031-03-15' });
    await pay(k.id, '0.44', { paidAt: '2031-03-31' });
    await pay(k.id, '1', { paidAt: '2031-04-01' });
    const facts = await salesFacts(
      t.database.db,
      t.tenant.id,
      new Date('2031-02-28T16:00:00Z'),
      new Date('2031-03-31T16:00:00Z'),
    );
    expect(facts).toEqual([
      { userId: sellerId, departmentId: t.tenant.rootDepartmentId, amount: '1235.00', count: 2 },
    ]);
  });
});

describeAuthz(authz);
