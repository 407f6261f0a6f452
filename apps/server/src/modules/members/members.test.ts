import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import {
  makeContact,
  makeCustomer,
  makeDepartment,
  makeRole,
  makeUser,
  unique,
} from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { makeProduct } from '../quotes/test-helpers.ts';
import { authz } from './authz.ts';
import { expireMemberPoints } from './expiry.ts';
import { changePoints, ledgerMismatches, makeMember } from './members-test-helpers.ts';
import { earnOnOrder } from './published.ts';

describeAuthz(authz);

let t: TestContext;
let admin: Agent;
let seller: Agent;
let outsider: Agent;

const selling = [
  'customers:view',
  'customers:create',
  'customers:edit',
  'contacts:view',
  'contacts:create',
  'members:view',
  'members:create',
  'members:edit',
  'members:points',
  'members:export',
  'orders:view',
  'orders:create',
  'orders:edit',
];

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const branch = await makeDepartment(admin, t.tenant.rootDepartmentId);
  const elsewhere = await makeDepartment(admin, t.tenant.rootDepartmentId);
  const role = await makeRole(admin, selling, { customers: 'department', orders: 'department' });
  seller = await t.login(
    (await makeUser(admin, { departmentId: branch.id, roleIds: [role.id] })).username as string,
  );
  outsider = await t.login(
    (await makeUser(admin, { departmentId: elsewhere.id, roleIds: [role.id] })).username as string,
  );
});
afterAll(() => t.close());

const levelsOf = async () =>
  (await admin.get('/api/v1/dictionaries/member-level/items')).json().data as { id: string; name: string }[];

describe('members', () => {
  it('makes a customer a member once (HY…, the lowest level, today); a second is 409 MEMBER_EXISTS', async () => {
    const customer = await makeCustomer(seller);
    const contact = await makeContact(seller, customer.id);
    const m = await makeMember(seller, { customerId: customer.id, contactId: contact.id });
    expect(m).toMatchObject({ status: 'active', points: 0, customerId: customer.id, contactId: contact.id });
    expect(m.number).toMatch(/^HY\d{8}-\d{4}$/);
    expect(m.levelName).toBe('普通会员');
    expect(m.customerName).toBe(customer.name);
    const again = await seller.post('/api/v1/members', { customerId: customer.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('MEMBER_EXISTS');
    // 20 at once for one customer: one member
    const other = await makeCustomer(seller);
    const codes = await Promise.all(
      Array.from({ length: 5 }, () => seller.post('/api/v1/members', { customerId: other.id })),
    );
    expect(codes.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
  });

  it('refuses a contact of another customer at contactId (400) and an unknown customer at customerId', async () => {
    const stranger = await makeContact(seller, (await makeCustomer(seller)).id);
    const res = await seller.post('/api/v1/members', {
      customerId: (await makeCustomer(seller)).id,
      contactId: stranger.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('contactId');
    const none = await seller.post('/api/v1/members', { customerId: '0190a0a0-0000-7000-8000-000000000000' });
    expect(none.statusCode).toBe(400);
    expect(none.json().details[0].path).toBe('customerId');
  });

  it('adds and redeems points; past the balance 409 INSUFFICIENT_POINTS at delta, nothing written', async () => {
    const m = await makeMember(seller);
    expect((await changePoints(seller, m.id, 100, '开卡赠送')).json().member.points).toBe(100);
    const past = await changePoints(seller, m.id, -150, '兑换礼品');
    expect(past.statusCode).toBe(409);
    expect(past.json()).toMatchObject({ code: 'INSUFFICIENT_POINTS', details: [{ path: 'delta' }] });
    const ok = await changePoints(seller, m.id, -40, '兑换礼品');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      member: { points: 60 },
      entry: { kind: 'redeem', points: -40, balanceAfter: 60 },
    });
    const ledger = (await seller.get(`/api/v1/members/${m.id}/points`)).json();
    expect(ledger.data.map((e: { kind: string }) => e.kind)).toEqual(['redeem', 'adjust']);
    expect(ledger.data[1].remaining).toBe(60);
    expect((await changePoints(seller, m.id, 0)).statusCode).toBe(400);
    // a frozen member's points do not move
    const frozen = await seller.patch(`/api/v1/members/${m.id}`, {
      version: ok.json().member.version,
      status: 'frozen',
    });
    expect(frozen.statusCode, frozen.body).toBe(200);
    expect((await changePoints(seller, m.id, -1)).json().code).toBe('MEMBER_NOT_ACTIVE');
    const stale = await seller.patch(`/api/v1/members/${m.id}`, { version: 1, status: 'active' });
    expect(stale.json().code).toBe('CONFLICT');
    expect(await ledgerMismatches(t)).toEqual([]);
  });

  it('20 redemptions at once on 100 points: 10 go through, 10 are 409, the balance ends at 0', async () => {
    const m = await makeMember(seller);
    await changePoints(seller, m.id, 100);
    const all = await Promise.all(Array.from({ length: 20 }, () => changePoints(seller, m.id, -10)));
    const codes = all.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(10);
    expect(codes.filter((c) => c === 409)).toHaveLength(10);
    expect((await seller.get(`/api/v1/members/${m.id}`)).json().points).toBe(0);
    expect(await ledgerMismatches(t)).toEqual([]);
  });

  it('a member of a customer out of my scope is 404, and lists and counts leave it out', async () => {
    const mine = await makeMember(seller);
    const theirs = await makeMember(outsider);
    expect((await seller.get(`/api/v1/members/${theirs.id}`)).statusCode).toBe(404);
    expect((await seller.get(`/api/v1/members/${theirs.id}/points`)).statusCode).toBe(404);
    expect((await changePoints(seller, theirs.id, 5)).statusCode).toBe(404);
    expect(
      (await seller.patch(`/api/v1/members/${theirs.id}`, { version: 1, status: 'frozen' })).statusCode,
    ).toBe(404);
    const list = (await seller.get('/api/v1/members?pageSize=100')).json();
    const ids = list.data.map((x: { id: string }) => x.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(list.total).toBe(list.data.length);
    const adminTotal = (await admin.get('/api/v1/members?pageSize=100')).json().total;
    expect(adminTotal).toBeGreaterThan(list.total);
    // q on the number and on the customer's name
    expect(
      (await seller.get(`/api/v1/members?q=${mine.number}`)).json().data.map((x: { id: string }) => x.id),
    ).toEqual([mine.id]);
    const byName = (
      await seller.get(`/api/v1/members?q=${encodeURIComponent(String(mine.customerName))}`)
    ).json();
    expect(byName.data.map((x: { id: string }) => x.id)).toEqual([mine.id]);
    expect((await seller.get(`/api/v1/members?q=${theirs.number}`)).json().total).toBe(0);
  });

  it('a completed order earns floor(total × rate) once; the spend counts; 360 shows the order', async () => {
    const m = await makeMember(seller);
    const product = await makeProduct(admin, { listPrice: '152.55', tracksStock: false });
    const create = await seller.post('/api/v1/orders', {
      customerId: m.customerId,
      lines: [{ productId: product.id, quantity: '1' }],
    });
    expect(create.statusCode, create.body).toBe(201);
    let o = create.json();
    for (const to of ['confirmed', 'paid', 'delivered']) {
      const r = await seller.post(`/api/v1/orders/${o.id}/transition`, { to, version: o.version });
      expect(r.statusCode, r.body).toBe(200);
      o = r.json();
      expect((await seller.get(`/api/v1/members/${m.id}`)).json().points).toBe(0);
    }
    const done = await seller.post(`/api/v1/orders/${o.id}/transition`, {
      to: 'completed',
      version: o.version,
    });
    expect(done.statusCode, done.body).toBe(200);
    const after = (await seller.get(`/api/v1/members/${m.id}`)).json();
    expect(after).toMatchObject({ points: 152, lifetimePoints: 152, lifetimeSpend: '152.55' });
    expect(after.recentOrders.map((x: { id: string }) => x.id)).toContain(o.id);
    // a second call for the same order (a retry) earns nothing
    await t.database.db.transaction((tx) =>
      earnOnOrder(
        tx,
        { tenantId: t.tenant.id, userId: null, userName: null },
        {
          id: o.id,
          number: o.number,
          customerId: m.customerId as string,
          total: '152.55',
        },
      ),
    );
    const ledger = (await seller.get(`/api/v1/members/${m.id}/points`)).json().data;
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ kind: 'earn', points: 152, sourceKind: 'order', sourceId: o.id });
    expect(ledger[0].expiresAt).not.toBeNull();
    expect(await ledgerMismatches(t)).toEqual([]);
  });

  it('upgrades by the level rules after an earning, records it, and never downgrades a level set by hand', async () => {
    const levels = await levelsOf();
    const settings = (await admin.get('/api/v1/member-settings')).json();
    const saved = await admin.put('/api/v1/member-settings', {
      ...settings,
      levelRules: { ...settings.levelRules, silver: { minPoints: 300, minSpend: null } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const m = await makeMember(seller);
    await changePoints(seller, m.id, 299);
    expect((await seller.get(`/api/v1/members/${m.id}`)).json().levelName).toBe('普通会员');
    await changePoints(seller, m.id, 1);
    const silver = (await seller.get(`/api/v1/members/${m.id}`)).json();
    expect(silver.levelName).toBe('银卡会员');
    expect(silver.levelHistory[0]).toMatchObject({ cause: 'rule', toLevelName: '银卡会员' });
    // redeeming does not take the level away; a diamond set by hand stays after the next earning
    await changePoints(seller, m.id, -300);
    const diamond = levels.find((l) => l.name === '钻石会员')!;
    const set = await seller.patch(`/api/v1/members/${m.id}`, {
      version: silver.version + 1,
      levelId: diamond.id,
    });
    expect(set.statusCode, set.body).toBe(200);
    await changePoints(seller, m.id, 10);
    const kept = (await seller.get(`/api/v1/members/${m.id}`)).json();
    expect(kept.levelName).toBe('钻石会员');
    expect(kept.levelHistory.map((h: { cause: string }) => h.cause)).toEqual(['manual', 'rule', 'rule']);
  });

  it('the expiry job takes off what is left of expired credits, earliest expiry consumed first', async () => {
    const m = await makeMember(seller);
    const first = (await changePoints(seller, m.id, 100)).json().entry;
    await changePoints(seller, m.id, 50);
    // the first credit expires first: a redemption of 60 takes it down to 40 and leaves the second whole
    await t.database.db.execute(
      sql`UPDATE member_point_entries SET expires_at = now() + interval '1 day' WHERE id = ${first.id}`,
    );
    await changePoints(seller, m.id, -60);
    expect(await expireMemberPoints(t.database.db)).toBe(0);
    const later = new Date(Date.now() + 2 * 86_400_000);
    expect(await expireMemberPoints(t.database.db, later)).toBe(1);
    const after = (await seller.get(`/api/v1/members/${m.id}`)).json();
    expect(after.points).toBe(50);
    const ledger = (await seller.get(`/api/v1/members/${m.id}/points`)).json().data;
    expect(ledger[0]).toMatchObject({ kind: 'expire', points: -40, balanceAfter: 50 });
    // run again: nothing left to expire
    expect(await expireMemberPoints(t.database.db, later)).toBe(0);
    expect(await ledgerMismatches(t)).toEqual([]);
  });

  it('a campaign participation earns the activity points once', async () => {
    const channels = (await admin.get('/api/v1/dictionaries/campaign-channel/items')).json().data;
    const campaign = await admin.post('/api/v1/campaigns', {
      name: unique('活动'),
      channel: channels[0].id,
      startDate: '2026-04-01',
      endDate: '2026-04-02',
    });
    expect(campaign.statusCode, campaign.body).toBe(201);
    const m = await makeMember(seller);
    const body = { kind: 'campaign', activityId: campaign.json().id, participatedAt: '2026-04-01' };
    const res = await seller.post(`/api/v1/members/${m.id}/participations`, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().points).toBe(10);
    const title = `${campaign.json().number} ${campaign.json().name}`;
    expect(res.json().activityName).toBe(title);
    const twice = await seller.post(`/api/v1/members/${m.id}/participations`, body);
    expect(twice.json().code).toBe('MEMBER_ALREADY_PARTICIPATED');
    const detail = (await seller.get(`/api/v1/members/${m.id}`)).json();
    expect(detail.points).toBe(10);
    expect(detail.participations).toHaveLength(1);
    expect(detail.participations[0].activityName).toBe(title);
    const bad = await seller.post(`/api/v1/members/${m.id}/participations`, { ...body, kind: 'plan' });
    expect(bad.statusCode).toBe(400);
  });

  it('exports the members of my scope that the list filters keep, in Chinese, audited', async () => {
    const mine = await makeMember(seller);
    const theirs = await makeMember(outsider);
    const csv = async (agent: Agent, q: string) => {
      const res = await agent.get(`/api/v1/members/export?format=csv&${q}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      return res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
    };
    const lines = await csv(seller, `q=${mine.number}`);
    expect(lines[0]).toContain('会员编号,客户,联系人,等级,状态');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(mine.number);
    expect(lines[1]).toContain('正常');
    // the outsider's member is not in my scope: searched for by number, the file is the header alone
    expect(await csv(seller, `q=${theirs.number}`)).toHaveLength(1);
    const all = (await csv(seller, 'status=active')).join('\n');
    expect(all).toContain(mine.number);
    expect(all).not.toContain(theirs.number);
    const audit = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_logs WHERE entity = 'members' AND action = 'export'`,
    );
    expect((audit.rows[0] as { n: number }).n).toBeGreaterThanOrEqual(3);
  });
});
