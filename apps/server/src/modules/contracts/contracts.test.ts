import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, multipart } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { contractBody, inDays, makeContract } from '../../test/contract-factories.ts';
import { makeCustomer, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { makeProduct, quoteBody } from '../quotes/test-helpers.ts';
import { authz } from './authz.ts';
import { runContractReminders } from './reminders.ts';

let t: TestContext;
let admin: Agent;
let seller: Agent;
let sellerId: string;
let other: Agent;

const selling = [
  'contracts:view',
  'contracts:create',
  'contracts:edit',
  'contracts:export',
  'customers:view',
  'customers:create',
];

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const role = await makeRole(admin, selling, { contracts: 'own', customers: 'own' });
  const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
  const o = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
  sellerId = u.id;
  seller = await t.login(u.username);
  other = await t.login(o.username);
});
afterAll(() => t.close());

type K = { id: string; version: number; status: string; [k: string]: unknown };

async function auditOf(id: string) {
  const res = await admin.get(`/api/v1/audit-logs?entity=contracts&entityId=${id}&pageSize=100`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().data as { action: string }[]).map((a) => a.action);
}

describe('contracts', () => {
  it('creates a numbered draft of a customer I see, amounts exact, owned by me; audited', async () => {
    const customer = await makeCustomer(seller);
    const res = await seller.post(
      '/api/v1/contracts',
      contractBody(customer.id, {
        amount: '1234.5',
        ourCompany: '冠希科技',
        ourSignatory: '张三',
        theirSignatory: '李四',
        terms: '分两期付款',
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const k = res.json() as K;
    expect(k).toMatchObject({
      status: 'draft',
      amount: '1234.50',
      customerId: customer.id,
      customerName: customer.name,
      ownerId: sellerId,
      ourSignatory: '张三',
      theirSignatory: '李四',
      figures: { received: '0.00', outstanding: '1234.50', invoiceable: '1234.50', planned: '0.00' },
      canEdit: true,
      canSubmit: true,
    });
    expect(k.number).toMatch(/^HT/);
    expect(await auditOf(k.id)).toContain('create');
  });

  it('refuses bad input with 400 and the field: dates out of order, 3 decimals, a customer I do not see', async () => {
    const customer = await makeCustomer(seller);
    const dates = await seller.post(
      '/api/v1/contracts',
      contractBody(customer.id, { startDate: '2027-02-01', endDate: '2027-01-31' }),
    );
    expect(dates.statusCode).toBe(400);
    expect(JSON.stringify(dates.json().details)).toContain('endDate');
    const decimals = await seller.post('/api/v1/contracts', contractBody(customer.id, { amount: '1.234' }));
    expect(decimals.statusCode).toBe(400);
    const notADate = await seller.post(
      '/api/v1/contracts',
      contractBody(customer.id, { endDate: '2027-02-30' }),
    );
    expect(notADate.statusCode).toBe(400);
    const hidden = await makeCustomer(admin);
    const res = await seller.post('/api/v1/contracts', contractBody(hidden.id));
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('customerId');
  });

  it('attaches my own uploads named in fileIds; an upload of someone else or an unknown id → 400, nothing written', async () => {
    const customer = await makeCustomer(seller);
    const uploadAs = async (agent: Agent, name: string) => {
      const body = multipart(
        { entity: 'uploads' },
        { file: { name, content: Buffer.from('合同扫描件'), type: 'text/plain' } },
      );
      const res = await agent.request('POST', '/api/v1/files', body.payload, { headers: body.headers });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const scan = await uploadAs(seller, '盖章页.txt');
    const theirs = await uploadAs(other, '别人的.txt');
    const count = async () =>
      (await seller.get(`/api/v1/customers/${customer.id}/contracts`)).json().data.length as number;

    for (const fileIds of [
      [scan, theirs],
      [scan, '0193f2a0-0000-7000-8000-000000000000'],
    ]) {
      const refused = await seller.post('/api/v1/contracts', { ...contractBody(customer.id), fileIds });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().details).toEqual([expect.objectContaining({ path: 'fileIds.1' })]);
    }
    expect(await count()).toBe(0);
    expect((await seller.get(`/api/v1/files?entity=uploads&entityId=${sellerId}`)).json().data).toHaveLength(
      1,
    );

    const res = await seller.post('/api/v1/contracts', { ...contractBody(customer.id), fileIds: [scan] });
    expect(res.statusCode, res.body).toBe(201);
    const files = (await seller.get(`/api/v1/files?entity=contracts&entityId=${res.json().id}`)).json().data;
    expect(files).toEqual([expect.objectContaining({ id: scan, name: '盖章页.txt', entity: 'contracts' })]);
    expect((await seller.get(`/api/v1/files?entity=uploads&entityId=${sellerId}`)).json().data).toHaveLength(
      0,
    );
    // claimed once: naming it again is refused
    const again = await seller.post('/api/v1/contracts', { ...contractBody(customer.id), fileIds: [scan] });
    expect(again.statusCode).toBe(400);
  });

  it('names a quote only of its own customer that the caller sees (400 at quoteId otherwise)', async () => {
    const [a, b] = [await makeCustomer(admin), await makeCustomer(admin)];
    const product = await makeProduct(admin);
    const quote = await admin.post('/api/v1/quotes', quoteBody(a.id, product.id));
    expect(quote.statusCode, quote.body).toBe(201);
    const quoteId = quote.json().id as string;
    for (const body of [
      { ...contractBody(b.id), quoteId },
      { ...contractBody(a.id), quoteId: '0193f2a0-0000-7000-8000-000000000000' },
    ]) {
      const res = await admin.post('/api/v1/contracts', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().details).toEqual([expect.objectContaining({ path: 'quoteId' })]);
    }
    // the seller has no quotes:view: a quote is not theirs to name
    const mine = await makeCustomer(seller);
    const theirQuote = (await admin.post('/api/v1/quotes', quoteBody(mine.id, product.id))).json().id;
    expect(
      (await seller.post('/api/v1/contracts', { ...contractBody(mine.id), quoteId: theirQuote })).statusCode,
    ).toBe(400);
    const ok = await admin.post('/api/v1/contracts', { ...contractBody(a.id), quoteId });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().quoteId).toBe(quoteId);
  });

  it('edits a draft with its version (stale → 409 CONFLICT); once active no edit (409 INVALID_TRANSITION); terminated with a reason', async () => {
    const k = await makeContract(seller);
    const edited = await seller.patch(`/api/v1/contracts/${k.id}`, { version: k.version, amount: '20000' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().amount).toBe('20000.00');
    const stale = await seller.patch(`/api/v1/contracts/${k.id}`, { version: k.version, title: '过期' });
    expect(stale.json().code).toBe('CONFLICT');
    const submitted = await seller.post(`/api/v1/contracts/${k.id}/submit`, {
      version: edited.json().version,
    });
    // no contract flow: in force at once
    expect(submitted.json()).toMatchObject({ status: 'active', canEdit: false, canTerminate: true });
    const late = await seller.patch(`/api/v1/contracts/${k.id}`, {
      version: submitted.json().version,
      title: 'x',
    });
    expect(late.json().code).toBe('INVALID_TRANSITION');
    const again = await seller.post(`/api/v1/contracts/${k.id}/submit`, {
      version: submitted.json().version,
    });
    expect(again.json().code).toBe('INVALID_TRANSITION');
    const noReason = await seller.post(`/api/v1/contracts/${k.id}/terminate`, {
      version: submitted.json().version,
    });
    expect(noReason.statusCode).toBe(400);
    const ended = await seller.post(`/api/v1/contracts/${k.id}/terminate`, {
      version: submitted.json().version,
      reason: '客户违约',
    });
    expect(ended.json()).toMatchObject({ status: 'terminated', terminationReason: '客户违约' });
    expect(await auditOf(k.id)).toEqual(expect.arrayContaining(['create', 'update', 'submit', 'terminate']));
  });

  it('deletes a draft (not an active one); another owner’s contract is 404 for me', async () => {
    const k = await makeContract(seller);
    expect((await other.get(`/api/v1/contracts/${k.id}`)).statusCode).toBe(404);
    expect(
      (await other.patch(`/api/v1/contracts/${k.id}`, { version: k.version, title: 'x' })).statusCode,
    ).toBe(404);
    const del = await admin.delete(`/api/v1/contracts/${k.id}?version=${k.version}`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await seller.get(`/api/v1/contracts/${k.id}`)).statusCode).toBe(404);
    const active = await makeContract(seller, {}, { active: true });
    expect((await admin.delete(`/api/v1/contracts/${active.id}?version=${active.version}`)).json().code).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('goes through the approval engine when a contract flow matches; approved → active, rejected → draft', async () => {
    const flow = await admin.post('/api/v1/approval-flows', {
      name: '大额合同审批',
      documentType: 'contract',
      conditions: { minAmount: '500000' },
      steps: [{ kind: 'users', mode: 'any', userIds: [(await admin.get('/api/v1/auth/me')).json().user.id] }],
    });
    expect(flow.statusCode, flow.body).toBe(201);
    const small = await makeContract(seller, {}, { active: true });
    expect(small.status).toBe('active');
    const big = await makeContract(seller, { amount: '800000' });
    const sub = await seller.post(`/api/v1/contracts/${big.id}/submit`, { version: big.version });
    expect(sub.json()).toMatchObject({ status: 'in-approval' });
    const approvalId = sub.json().approvalId as string;
    const rejected = await admin.post(`/api/v1/approvals/${approvalId}/reject`, { comment: '金额过大' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const back = (await seller.get(`/api/v1/contracts/${big.id}`)).json();
    expect(back.status).toBe('draft');
    const again = await seller.post(`/api/v1/contracts/${big.id}/submit`, { version: back.version });
    expect(again.json().status).toBe('in-approval');
    const approved = await admin.post(`/api/v1/approvals/${again.json().approvalId}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await seller.get(`/api/v1/contracts/${big.id}`)).json().status).toBe('active');
    const history = await seller.get(`/api/v1/approvals/history?documentType=contract&documentId=${big.id}`);
    expect(history.statusCode, history.body).toBe(200);
    await admin.patch(`/api/v1/approval-flows/${flow.json().id}`, {
      version: flow.json().version,
      active: false,
    });
  });

  it('合同历史: a customer’s contracts in my scope; a customer I do not see is 404', async () => {
    const customer = await makeCustomer(seller);
    const a = await makeContract(seller, {}, { customerId: customer.id });
    const b = await makeContract(seller, {}, { customerId: customer.id });
    await makeContract(seller);
    const res = await seller.get(`/api/v1/customers/${customer.id}/contracts`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json().data as K[]).map((k) => k.id).sort()).toEqual([a.id, b.id].sort());
    expect(res.json().total).toBe(2);
    expect((await other.get(`/api/v1/customers/${customer.id}/contracts`)).statusCode).toBe(404);
  });

  it('settings: 30 days by default, changed by contracts:admin only, versioned and audited', async () => {
    const s = (await seller.get('/api/v1/contracts/settings')).json();
    expect(s).toMatchObject({ expiryReminderDays: 30 });
    expect(
      (await seller.put('/api/v1/contracts/settings', { ...s, expiryReminderDays: 10 })).statusCode,
    ).toBe(403);
    const saved = await admin.put('/api/v1/contracts/settings', { ...s, expiryReminderDays: 45 });
    expect(saved.statusCode, saved.body).toBe(200);
    const savedBody = saved.json() as { expiryReminderDays: number; version: number };
    expect(savedBody.expiryReminderDays).toBe(45);
    expect(
      (await admin.put('/api/v1/contracts/settings', { ...s, expiryReminderDays: 20 })).json().code,
    ).toBe('CONFLICT');
    expect(
      (await admin.put('/api/v1/contracts/settings', { ...savedBody, expiryReminderDays: 0 })).statusCode,
    ).toBe(400);
    const back = await admin.put('/api/v1/contracts/settings', { ...savedBody, expiryReminderDays: 30 });
    expect(back.statusCode).toBe(200);
  });

  it('the nightly job reminds the owner once of a contract ending within 30 days and expires one past its end', async () => {
    const soon = await makeContract(
      seller,
      { startDate: inDays(-100), endDate: inDays(10) },
      { active: true },
    );
    const far = await makeContract(
      seller,
      { startDate: inDays(-100), endDate: inDays(200) },
      { active: true },
    );
    const past = await makeContract(
      seller,
      { startDate: inDays(-100), endDate: inDays(-1) },
      { active: true },
    );
    await runContractReminders(t.database.db);
    await runContractReminders(t.database.db);
    const notes = (await seller.get('/api/v1/notifications?pageSize=100')).json().data as {
      kind: string;
      data: { contractId: string };
    }[];
    const about = (id: string, kind: string) =>
      notes.filter((n) => n.kind === kind && n.data.contractId === id);
    expect(about(soon.id, 'contract.expiring')).toHaveLength(1);
    expect(about(far.id, 'contract.expiring')).toHaveLength(0);
    expect(about(past.id, 'contract.expired')).toHaveLength(1);
    expect((await seller.get(`/api/v1/contracts/${past.id}`)).json().status).toBe('expired');
    expect((await seller.get(`/api/v1/contracts/${soon.id}`)).json()).toMatchObject({
      status: 'active',
      daysToEnd: 10,
    });
    const ending = (await seller.get('/api/v1/contracts?endingWithin=30&pageSize=100')).json().data as K[];
    expect(ending.map((k) => k.id)).toContain(soon.id);
    expect(ending.map((k) => k.id)).not.toContain(far.id);
  });

  it('prints through the tenant’s template (escaped), in scope only; exports the list as CSV', async () => {
    const k = await makeContract(seller, { title: '<script>alert(1)</script>采购合同' });
    const res = await seller.get(`/api/v1/contracts/${k.id}/print`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().title).toContain(k.number);
    expect(res.json().html).toContain(k.number);
    expect(res.json().html).not.toContain('<script>');
    expect((await other.get(`/api/v1/contracts/${k.id}/print`)).statusCode).toBe(404);
    const csv = await seller.get('/api/v1/contracts/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(k.number);
    expect((await other.get('/api/v1/contracts/export?format=csv')).body).not.toContain(k.number);
  });

  it('离职交接: a leaver’s contracts in force go to the heir with their payments; ended ones stay', async () => {
    const role = await makeRole(admin, [...selling, 'receivables:view', 'receivables:create'], {
      contracts: 'own',
      customers: 'own',
      receivables: 'own',
    });
    const leaverUser = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
    const heirUser = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
    const leaver = await t.login(leaverUser.username);
    const heir = await t.login(heirUser.username);
    const open = await makeContract(leaver, {}, { active: true });
    const ended = await makeContract(leaver, {}, { active: true });
    const fresh = (await leaver.get(`/api/v1/contracts/${ended.id}`)).json() as K;
    await leaver.post(`/api/v1/contracts/${ended.id}/terminate`, { version: fresh.version, reason: '终止' });
    const plan = await leaver.post('/api/v1/payment-plans', {
      contractId: open.id,
      amount: '100',
      dueDate: inDays(9),
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const res = await admin.post(`/api/v1/users/${leaverUser.id}/departure`, { toUserId: heirUser.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().transferred).toMatchObject({ contracts: 1 });
    expect((await heir.get(`/api/v1/contracts/${open.id}`)).json().ownerId).toBe(heirUser.id);
    expect((await heir.get(`/api/v1/contracts/${ended.id}`)).statusCode).toBe(404);
    expect((await heir.get(`/api/v1/payment-plans/${plan.json().id}`)).statusCode).toBe(200);
    expect(await auditOf(open.id)).toContain('transfer');
  });
});

describeAuthz(authz);
