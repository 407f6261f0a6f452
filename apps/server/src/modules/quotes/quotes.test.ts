import { MONEY_PATTERN } from '@guanxi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { expireQuotes } from './service.ts';
import { makeProduct, quoteBody } from './test-helpers.ts';

describeAuthz(authz);

let t: TestContext;
let admin: Agent;
let seller: Agent;
let approver: Agent;
let blind: Agent;
let outsider: Agent;
let customerId: string;
let products: { id: string }[];

const selling = [
  'quotes:view',
  'quotes:create',
  'quotes:edit',
  'quotes:delete',
  'quotes:export',
  'orders:view',
  'orders:create',
  'customers:view',
  'customers:create',
];

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const branch = await makeDepartment(admin, t.tenant.rootDepartmentId);
  const elsewhere = await makeDepartment(admin, t.tenant.rootDepartmentId);
  const sellerRole = await makeRole(admin, selling, {
    quotes: 'own',
    orders: 'own',
    customers: 'department',
  });
  const approverRole = await makeRole(admin, [...selling, 'quotes:approve'], {
    quotes: 'department',
    customers: 'department',
  });
  const blindRole = await makeRole(
    admin,
    selling,
    { quotes: 'department', customers: 'department' },
    { fieldPermissions: { quotes: { cost: 'hidden', margin: 'hidden' } } },
  );
  const login = async (roleId: string, departmentId = branch.id) =>
    t.login((await makeUser(admin, { departmentId, roleIds: [roleId] })).username);
  seller = await login(sellerRole.id);
  approver = await login(approverRole.id);
  blind = await login(blindRole.id);
  outsider = await login(approverRole.id, elsewhere.id);
  customerId = (await makeCustomer(seller)).id;
  products = await Promise.all([
    makeProduct(admin, { listPrice: '0.10', cost: '0.05' }),
    makeProduct(admin, { listPrice: '19.99', cost: '10.00' }),
    makeProduct(admin, { listPrice: '1234.56', cost: '1000.00' }),
  ]);
});
afterAll(() => t.close());

type Quote = {
  id: string;
  version: number;
  status: string;
  number: string;
  lines: {
    amount: string;
    unitPrice: string;
    quantity: string;
    cost?: string | null;
    margin?: string | null;
  }[];
  subtotal: string;
  tax: string;
  total: string;
  cost?: string | null;
  margin?: string | null;
  approvalId: string | null;
  canDecide: boolean;
  orderId: string | null;
  [k: string]: unknown;
};

async function newQuote(over: Record<string, unknown> = {}, agent = seller) {
  const res = await agent.post('/api/v1/quotes', quoteBody(customerId, products[2].id, over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Quote;
}

const act = (
  agent: Agent,
  q: { id: string; version: number },
  action: string,
  body: Record<string, unknown> = {},
) => agent.post(`/api/v1/quotes/${q.id}/${action}`, { version: q.version, ...body });

const spreadsheet = [
  { quantity: '3', unitPrice: '0.10' },
  { quantity: '7', unitPrice: '19.99', discountPercent: '12.5' },
  { quantity: '1', unitPrice: '1234.56' },
];

describe('quote totals', () => {
  it('0.10 × 3, 19.99 × 7 at 12.5% off, 1,234.56 × 1 with 13% tax come to the cent a spreadsheet computes', async () => {
    const q = await newQuote({
      taxRate: '13',
      lines: spreadsheet.map((l, i) => ({ productId: products[i].id, ...l })),
    });
    expect(q.number).toMatch(/^BJ/);
    expect(q.status).toBe('draft');
    expect(q.lines.map((l) => l.amount)).toEqual(['0.30', '122.44', '1234.56']);
    expect(q).toMatchObject({ subtotal: '1357.30', tax: '176.45', total: '1533.75', taxRate: '13' });
    // cost per line: 3 × 0.05, 7 × 10, 1 × 1000; margin = amount − cost
    expect(q.lines.map((l) => [l.cost, l.margin])).toEqual([
      ['0.15', '0.15'],
      ['70.00', '52.44'],
      ['1000.00', '234.56'],
    ]);
    expect(q).toMatchObject({ cost: '1070.15', margin: '287.15', maxDiscount: '12.5' });
    const again = (await seller.get(`/api/v1/quotes/${q.id}`)).json() as Quote;
    expect(again).toMatchObject({ subtotal: '1357.30', tax: '176.45', total: '1533.75' });
  });

  it('takes the unit price from the product (price lists) when none is given, and keeps quantities as typed', async () => {
    const q = await newQuote({ lines: [{ productId: products[1].id, quantity: '0.5' }] });
    expect(q.lines[0]).toMatchObject({ unitPrice: '19.99', quantity: '0.5', amount: '10.00' });
    expect(q).toMatchObject({ subtotal: '10.00', tax: '0.00', total: '10.00' });
  });

  it('refuses amounts with more than 2 decimals, quantities with more than 3, discounts above 100 (400, with the field)', async () => {
    const bad = [
      { productId: products[0].id, quantity: '1', unitPrice: '1.005' },
      { productId: products[0].id, quantity: '1.0005' },
      { productId: products[0].id, quantity: '1', discountPercent: '100.5' },
      { productId: products[0].id, quantity: '0' },
      { productId: products[0].id, quantity: 1 },
    ];
    for (const line of bad) {
      const res = await seller.post(
        '/api/v1/quotes',
        quoteBody(customerId, products[0].id, { lines: [line] }),
      );
      expect(res.statusCode, JSON.stringify(line)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const tax = await seller.post(
      '/api/v1/quotes',
      quoteBody(customerId, products[0].id, { taxRate: '13.001' }),
    );
    expect(tax.statusCode).toBe(400);
    const past = await seller.post(
      '/api/v1/quotes',
      quoteBody(customerId, products[0].id, { validUntil: '2020-01-01' }),
    );
    expect(past.statusCode).toBe(400);
    expect(past.json().details[0].path).toBe('validUntil');
  });

  it('refuses a customer the caller does not see and a product that does not exist', async () => {
    const hidden = await makeCustomer(admin);
    const res = await seller.post('/api/v1/quotes', quoteBody(hidden.id, products[0].id));
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('customerId');
    const missing = await seller.post(
      '/api/v1/quotes',
      quoteBody(customerId, '01000000-0000-7000-8000-000000000000'),
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details[0].path).toBe('lines.0.productId');
  });
});

describe('editing', () => {
  it('edits a draft with its version (lines recomputed); a stale version is 409 CONFLICT', async () => {
    const q = await newQuote();
    const res = await seller.patch(`/api/v1/quotes/${q.id}`, {
      version: q.version,
      lines: [{ productId: products[1].id, quantity: '3', unitPrice: '10.01' }],
      taxRate: '6',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ subtotal: '30.03', tax: '1.80', total: '31.83' });
    const stale = await seller.patch(`/api/v1/quotes/${q.id}`, { version: q.version, notes: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
  });

  it('refuses edits and deletion once submitted (409 INVALID_TRANSITION)', async () => {
    const q = await newQuote();
    const submitted = (await act(seller, q, 'submit')).json() as Quote;
    expect(submitted.status).toBe('approved');
    const edit = await seller.patch(`/api/v1/quotes/${q.id}`, { version: submitted.version, notes: 'x' });
    expect(edit.json().code).toBe('INVALID_TRANSITION');
    const del = await seller.request('DELETE', `/api/v1/quotes/${q.id}?version=${submitted.version}`);
    expect(del.json().code).toBe('INVALID_TRANSITION');
  });
});

describe('the flow of a quote', () => {
  it('a discount at the threshold (15%) is approved at once; sent, accepted, into an order, once', async () => {
    const q = await newQuote({
      lines: [{ productId: products[2].id, quantity: '1', discountPercent: '15' }],
    });
    expect(q).toMatchObject({ needsApproval: false, discountThreshold: '15' });
    const approved = (await act(seller, q, 'submit')).json() as Quote;
    expect(approved).toMatchObject({ status: 'approved', approvalId: null, approvalOutcome: 'approved' });
    const early = await act(seller, approved, 'accept');
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('INVALID_TRANSITION');
    const sent = (await act(seller, approved, 'send')).json() as Quote;
    expect(sent.status).toBe('sent');
    const accepted = (await act(seller, sent, 'accept')).json() as Quote;
    expect(accepted.status).toBe('accepted');
    const order = await act(seller, accepted, 'to-order');
    expect(order.statusCode, order.body).toBe(201);
    expect(order.json()).toMatchObject({
      quoteId: q.id,
      quoteNumber: q.number,
      status: 'new',
      total: q.total,
    });
    const linked = (await seller.get(`/api/v1/quotes/${q.id}`)).json() as Quote;
    expect(linked).toMatchObject({ orderId: order.json().id, orderNumber: order.json().number });
    const twice = await act(seller, linked, 'to-order');
    expect(twice.json().code).toBe('INVALID_TRANSITION');
  });

  it('an 18% discount goes to approval: not sendable until a quotes:approve holder (not the seller) approves it', async () => {
    const q = await newQuote({
      lines: [{ productId: products[2].id, quantity: '1', discountPercent: '18' }],
    });
    expect(q.needsApproval).toBe(true);
    const inApproval = (await act(seller, q, 'submit')).json() as Quote;
    expect(inApproval).toMatchObject({ status: 'in-approval', approvalId: null });
    const send = await act(seller, inApproval, 'send');
    expect(send.statusCode).toBe(409);
    expect(send.json().code).toBe('INVALID_TRANSITION');
    const seen = (await approver.get(`/api/v1/quotes/${q.id}`)).json() as Quote;
    expect(seen.canDecide).toBe(true);
    // the approvers in whose scope it is hear of it; the seller hears the outcome
    const asked = (await approver.get('/api/v1/notifications?pageSize=50')).json().data as {
      kind: string;
      link: string;
    }[];
    expect(asked.some((n) => n.kind === 'quote.approval' && n.link === `/quotes?id=${q.id}`)).toBe(true);
    const decided = await approver.post(`/api/v1/quotes/${q.id}/decide`, {
      decision: 'approve',
      version: seen.version,
      comment: '同意',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'approved', approvalComment: '同意' });
    const told = (await seller.get('/api/v1/notifications?pageSize=50')).json().data as {
      kind: string;
      link: string;
    }[];
    expect(told.some((n) => n.kind === 'quote.decided' && n.link === `/quotes?id=${q.id}`)).toBe(true);
    const sent = await act(seller, decided.json(), 'send');
    expect(sent.json().status).toBe('sent');
  });

  it('a rejected approval puts the quote back to draft for changes; the submitter never decides their own', async () => {
    const q = await newQuote(
      { lines: [{ productId: products[2].id, quantity: '1', discountPercent: '30' }] },
      approver,
    );
    const inApproval = (await act(approver, q, 'submit')).json() as Quote;
    expect(inApproval.canDecide).toBe(false);
    const own = await approver.post(`/api/v1/quotes/${q.id}/decide`, {
      decision: 'approve',
      version: inApproval.version,
    });
    expect(own.json().code).toBe('OWN_SUBMISSION');
    const rejected = await secondApprover().then((a) =>
      a.post(`/api/v1/quotes/${q.id}/decide`, {
        decision: 'reject',
        version: inApproval.version,
        comment: '折扣太大',
      }),
    );
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'draft', approvalOutcome: 'rejected', canEdit: true });
  });

  it('through the approval engine when a flow of type quote matches: the flow decides, then it can be sent', async () => {
    const flow = await admin.post('/api/v1/approval-flows', {
      name: '报价折扣审批',
      documentType: 'quote',
      conditions: { minAmount: '5000' },
      steps: [
        { kind: 'users', mode: 'any', userIds: [(await approver.get('/api/v1/auth/me')).json().user.id] },
      ],
    });
    expect(flow.statusCode, flow.body).toBe(201);
    const q = await newQuote({
      lines: [{ productId: products[2].id, quantity: '6', discountPercent: '20' }],
    });
    const inApproval = (await act(seller, q, 'submit')).json() as Quote;
    expect(inApproval.status).toBe('in-approval');
    expect(inApproval.approvalId).toBeTruthy();
    expect(inApproval.canDecide).toBe(false);
    const decided = await approver.post(`/api/v1/approvals/${inApproval.approvalId}/approve`, {
      comment: '可以',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const after = (await seller.get(`/api/v1/quotes/${q.id}`)).json() as Quote;
    expect(after).toMatchObject({ status: 'approved', approvalOutcome: 'approved' });
    const history = await seller.get(`/api/v1/approvals/history?documentType=quote&documentId=${q.id}`);
    expect(history.statusCode, history.body).toBe(200);
    await admin.request('DELETE', `/api/v1/approval-flows/${flow.json().id}?version=${flow.json().version}`);
  });

  it('the threshold is the tenant setting: at 20%, an 18% discount needs no approval', async () => {
    const s = (await seller.get('/api/v1/quotes/settings')).json();
    expect(s.discountThreshold).toBe('15');
    const denied = await seller.request('PUT', '/api/v1/quotes/settings', {
      discountThreshold: '20',
      version: s.version,
    });
    expect(denied.statusCode).toBe(403);
    const saved = await admin.request('PUT', '/api/v1/quotes/settings', {
      discountThreshold: '20',
      version: s.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const stale = await admin.request('PUT', '/api/v1/quotes/settings', {
      discountThreshold: '25',
      version: s.version,
    });
    expect(stale.json().code).toBe('CONFLICT');
    const q = await newQuote({
      lines: [{ productId: products[2].id, quantity: '1', discountPercent: '18' }],
    });
    expect((await act(seller, q, 'submit')).json().status).toBe('approved');
    const back = await admin.request('PUT', '/api/v1/quotes/settings', {
      discountThreshold: '15',
      version: saved.json().version,
    });
    expect(back.statusCode).toBe(200);
  });

  it('the customer rejects a sent quote; the nightly job expires sent quotes past their validity', async () => {
    const a = (await act(seller, await newQuote(), 'submit')).json() as Quote;
    const sentA = (await act(seller, a, 'send')).json() as Quote;
    expect((await act(seller, sentA, 'reject')).json().status).toBe('rejected');
    const b = (await act(seller, await newQuote(), 'submit')).json() as Quote;
    const sentB = (await act(seller, b, 'send')).json() as Quote;
    const expired = await expireQuotes(
      t.database.db,
      [{ id: t.tenant.id, timezone: 'Asia/Shanghai' }],
      new Date(Date.now() + 40 * 86_400_000),
    );
    expect(expired).toBeGreaterThanOrEqual(1);
    const after = (await seller.get(`/api/v1/quotes/${sentB.id}`)).json() as Quote;
    expect(after.status).toBe('expired');
    expect((await act(seller, after, 'accept')).json().code).toBe('INVALID_TRANSITION');
    const rejected = (await seller.get(`/api/v1/quotes/${sentA.id}`)).json() as Quote;
    expect(rejected.status).toBe('rejected');
  });
});

let secondApproverAgent: Agent | undefined;
/** A second approver of the branch, for decisions on the first approver's own quotes. */
async function secondApprover() {
  if (secondApproverAgent) return secondApproverAgent;
  const me = (await approver.get('/api/v1/auth/me')).json();
  const role = await makeRole(admin, [...selling, 'quotes:approve'], { quotes: 'department' });
  const u = await makeUser(admin, { departmentId: me.user.departmentId, roleIds: [role.id] });
  secondApproverAgent = await t.login(u.username);
  return secondApproverAgent;
}

describe('cost and margin', () => {
  it('are absent — not masked — from the answers, the list and the export of a role whose field rules hide them', async () => {
    const q = await newQuote();
    const one = (await blind.get(`/api/v1/quotes/${q.id}`)).json() as Quote;
    expect(one.total).toBe(q.total);
    expect('cost' in one).toBe(false);
    expect('margin' in one).toBe(false);
    expect(one.lines.every((l) => !('cost' in l) && !('margin' in l))).toBe(true);
    const list = (await blind.get('/api/v1/quotes?pageSize=100')).json().data as Quote[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.some((r) => 'cost' in r || 'margin' in r)).toBe(false);
    const csv = await blind.get('/api/v1/quotes/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('合计');
    expect(csv.body).not.toContain('成本');
    expect(csv.body).not.toContain('毛利');
    const print = (await blind.get(`/api/v1/quotes/${q.id}/print`)).json();
    expect(print.html).not.toContain('60.00');
    const mine = await seller.get('/api/v1/quotes/export?format=csv');
    expect(mine.body).toContain('成本');
    expect(mine.body).toContain(q.number);
  });
});

describe('scope', () => {
  it('list, look-up, print and export of another department are out of reach (404 / absent)', async () => {
    const q = await newQuote();
    expect((await outsider.get(`/api/v1/quotes/${q.id}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/quotes/${q.id}/print`)).statusCode).toBe(404);
    expect((await outsider.post(`/api/v1/quotes/${q.id}/submit`, { version: q.version })).statusCode).toBe(
      404,
    );
    const list = (await outsider.get('/api/v1/quotes?pageSize=100')).json().data as Quote[];
    expect(list.map((r) => r.id)).not.toContain(q.id);
    const csv = await outsider.get('/api/v1/quotes/export?format=csv');
    expect(csv.body).not.toContain(q.number);
  });

  it('prints through the print template: the quote’s number, customer and total in the html, no script', async () => {
    const q = await newQuote();
    const res = await seller.get(`/api/v1/quotes/${q.id}/print`);
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json() as { title: string; html: string };
    expect(doc.title).toContain(q.number);
    expect(doc.html).toContain(q.number);
    expect(doc.html).not.toMatch(/<script/i);
  });
});

describe('no float in any answer', () => {
  it('every money field of a quote is a decimal string with 2 decimals', async () => {
    const q = await newQuote({
      taxRate: '9',
      lines: spreadsheet.map((l, i) => ({ productId: products[i].id, ...l })),
    });
    const money = [
      q.subtotal,
      q.tax,
      q.total,
      q.cost,
      q.margin,
      ...q.lines.flatMap((l) => [l.amount, l.unitPrice, l.cost, l.margin]),
    ];
    for (const m of money) {
      expect(typeof m).toBe('string');
      expect(m).toMatch(MONEY_PATTERN);
      expect(m).toMatch(/\.\d\d$/);
    }
  });
});
