import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextNumber } from '../../platform/numbering.ts';
import { EXACT_COUNT_LIMIT } from '../../platform/pagination.ts';
import type { Agent } from '../../test/agent.ts';
import { TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createTenant, demoCompany, seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoPools } from '../pools/demo-seed.ts';
import { runRecycle } from '../pools/recycle.ts';
import { buildDemoCustomers, type DemoSeedResult, loadDemoContext, seedDemoCustomers } from './demo-seed.ts';
import { derivedColumns } from './search-keys.ts';

let t: TestContext;
let tenantId: string;
let seeded: DemoSeedResult;
let admin: Agent;

const rows = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) =>
  (await t.database.db.execute(query)).rows as T[];

beforeAll(async () => {
  t = await createTestContext();
  // the demo company as bootstrap creates it on a first start
  const created = await createTenant(t.database.db, {
    code: demoCompany.code,
    name: demoCompany.name,
    adminPassword: TEST_PASSWORD,
    mustChangePassword: false,
    rootDepartmentName: '本部',
  });
  tenantId = created.tenant.id;
  const demo = {
    tenantId,
    rootDepartmentId: created.rootDepartmentId,
    roleIds: created.roleIds,
    password: TEST_PASSWORD,
  };
  // in manifest order, as the first start runs them: organisation, pools, customers
  await seedDemoOrganization(t.database.db, demo);
  await seedDemoPools(t.database.db, demo);
  seeded = await seedDemoCustomers(t.database.db, tenantId);
  admin = await t.login('admin', TEST_PASSWORD, demoCompany.code);
});
afterAll(() => t.close());

describe('demo customers seed', () => {
  it('creates ~3,000 customers in every state, with contacts, shares and two pools', async () => {
    expect(seeded.customers).toBe(3000);
    expect(seeded.drafts).toBeGreaterThanOrEqual(10);
    expect(seeded.drafts).toBeLessThanOrEqual(60);
    expect(seeded.pool).toBeGreaterThanOrEqual(100);
    expect(seeded.pool).toBeLessThanOrEqual(200);
    expect(seeded.contacts / seeded.customers).toBeGreaterThan(2);
    expect(seeded.contacts / seeded.customers).toBeLessThan(3);
    expect(seeded.shares).toBeGreaterThan(20);
    const [pools] = await rows<{ n: number }>(
      sql`SELECT count(*)::int8 AS n FROM pools WHERE tenant_id = ${tenantId}`,
    );
    expect(Number(pools.n)).toBe(2);
    const states = await rows<{ state: string; n: number }>(
      sql`SELECT state, count(*)::int8 AS n FROM customers WHERE tenant_id = ${tenantId} GROUP BY state`,
    );
    expect(Object.fromEntries(states.map((s) => [s.state, Number(s.n)]))).toEqual({
      active: seeded.customers - seeded.drafts - seeded.pool,
      draft: seeded.drafts,
      pool: seeded.pool,
    });
    const [audit] = await rows<{ n: number }>(
      sql`SELECT count(*)::int8 AS n FROM audit_logs WHERE tenant_id = ${tenantId} AND action = 'seed'
        AND entity = 'customers'`,
    );
    expect(Number(audit.n)).toBe(1);
  });

  it('numbers every submitted customer uniquely, drafts none, and later numbers do not collide', async () => {
    const [n] = await rows<{ numbered: number; distinct: number; bad: number; drafts: number }>(sql`
      SELECT count(number)::int8 AS numbered, count(DISTINCT number)::int8 AS distinct,
        count(*) FILTER (WHERE state <> 'draft' AND (number IS NULL OR number !~ '^KH[0-9]{8}-[0-9]{4}$'))::int8 AS bad,
        count(*) FILTER (WHERE state = 'draft' AND (number IS NOT NULL OR submitted_at IS NOT NULL))::int8 AS drafts
      FROM customers WHERE tenant_id = ${tenantId}`);
    expect(Number(n.numbered)).toBe(seeded.customers - seeded.drafts);
    expect(Number(n.distinct)).toBe(Number(n.numbered));
    expect(Number(n.bad)).toBe(0);
    expect(Number(n.drafts)).toBe(0);
    // the number's date is the submission date; the counter of that day is above its numbers
    const [gap] = await rows<{ n: number }>(sql`SELECT count(*)::int8 AS n FROM customers c
      LEFT JOIN numbering_counters k ON k.tenant_id = c.tenant_id AND k.entity = 'customer'
        AND k.period_key = substring(c.number from 3 for 8)
      WHERE c.tenant_id = ${tenantId} AND c.number IS NOT NULL
        AND (k.value IS NULL OR k.value < substring(c.number from 12)::int
          OR substring(c.number from 3 for 8) <> to_char(c.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD'))`);
    expect(Number(gap.n)).toBe(0);
    const next = await t.database.db.transaction((tx) =>
      nextNumber(tx, tenantId, 'customer', 'Asia/Shanghai'),
    );
    const [taken] = await rows<{ n: number }>(
      sql`SELECT count(*)::int8 AS n FROM customers WHERE tenant_id = ${tenantId} AND number = ${next}`,
    );
    expect(Number(taken.n)).toBe(0);
  });

  it('fills the derived search and duplicate keys as a write through the app would', async () => {
    const [missing] = await rows<{ n: number }>(sql`SELECT count(*)::int8 AS n FROM customers
      WHERE tenant_id = ${tenantId} AND (name_key = '' OR pinyin = '' OR cardinality(search_grams) = 0
        OR (number IS NOT NULL AND search_codes NOT LIKE lower(number) || '%')
        OR (phone IS NOT NULL AND phone_key IS NULL) OR (mobile IS NOT NULL AND mobile_key IS NULL)
        OR (tax_number IS NOT NULL AND tax_key IS NULL) OR (email IS NOT NULL AND email_key IS NULL))`);
    expect(Number(missing.n)).toBe(0);
    const sample = await rows<Record<string, string | string[] | null>>(sql`SELECT name, short_name, number,
        phone, mobile, email, tax_number, name_key, phone_key, mobile_key, tax_key, email_key, pinyin,
        search_grams, search_codes
      FROM customers WHERE tenant_id = ${tenantId} ORDER BY id LIMIT 200`);
    for (const c of sample) {
      const d = derivedColumns({
        name: c.name as string,
        shortName: c.short_name as string | null,
        number: c.number as string | null,
        phone: c.phone as string | null,
        mobile: c.mobile as string | null,
        email: c.email as string | null,
        taxNumber: c.tax_number as string | null,
      });
      expect({
        nameKey: c.name_key,
        phoneKey: c.phone_key,
        mobileKey: c.mobile_key,
        taxKey: c.tax_key,
        emailKey: c.email_key,
        pinyin: c.pinyin,
        searchGrams: [...(c.search_grams as string[])].sort(),
        searchCodes: c.search_codes,
      }).toEqual({ ...d, searchGrams: [...d.searchGrams].sort() });
    }
    const [dupes] = await rows<{
      n: number;
    }>(sql`SELECT count(*)::int8 AS n FROM (SELECT name_key FROM customers
      WHERE tenant_id = ${tenantId} GROUP BY name_key HAVING count(*) > 1) x`);
    expect(Number(dupes.n)).toBe(0);
  });

  it('gives active customers to sales users in their department, drafts to their creator, pool ones to a pool', async () => {
    const [bad] = await rows<{ active: number; drafts: number; pool: number; contacts: number }>(sql`SELECT
      (SELECT count(*) FROM customers c LEFT JOIN users u ON u.id = c.owner_id
        WHERE c.tenant_id = ${tenantId} AND c.state = 'active' AND (u.id IS NULL OR c.department_id <> u.department_id
          OR u.id NOT IN (SELECT ur.user_id FROM user_roles ur JOIN roles r ON r.id = ur.role_id
            WHERE r.code IN ('account_manager', 'sales_supervisor'))))::int8 AS active,
      (SELECT count(*) FROM customers c WHERE c.tenant_id = ${tenantId} AND c.state = 'draft'
        AND (c.created_by IS DISTINCT FROM c.owner_id OR c.owner_id IS NULL))::int8 AS drafts,
      (SELECT count(*) FROM customers c LEFT JOIN pools pl ON pl.id = c.pool_id
        WHERE c.tenant_id = ${tenantId} AND c.state = 'pool' AND (pl.id IS NULL OR c.owner_id IS NOT NULL
          OR c.department_id IS NOT NULL OR c.previous_owner_id IS NULL OR c.pool_entered_at IS NULL
          OR c.pool_entered_at < c.created_at))::int8 AS pool,
      (SELECT count(*) FROM customers c LEFT JOIN (SELECT customer_id, count(*) FILTER (WHERE is_primary) AS n
          FROM contacts GROUP BY customer_id) k ON k.customer_id = c.id
        WHERE c.tenant_id = ${tenantId} AND coalesce(k.n, 0) <> 1)::int8 AS contacts`);
    expect(bad).toEqual({ active: 0, drafts: 0, pool: 0, contacts: 0 });
    const spread = await rows<{
      created: number;
      owners: number;
      regions: number;
      industries: number;
    }>(sql`SELECT
      count(DISTINCT date_trunc('month', created_at))::int8 AS created, count(DISTINCT owner_id)::int8 AS owners,
      count(DISTINCT region_id)::int8 AS regions, count(DISTINCT industry_id)::int8 AS industries
      FROM customers WHERE tenant_id = ${tenantId}`);
    expect(Number(spread[0].created)).toBeGreaterThanOrEqual(18);
    expect(Number(spread[0].owners)).toBeGreaterThanOrEqual(14);
    expect(Number(spread[0].regions)).toBeGreaterThan(300);
    expect(Number(spread[0].industries)).toBe(13);
  });

  it('leaves no customer due for recycling on the first night, and a few to remind', async () => {
    const result = await runRecycle(t.database.db);
    expect(result.recycled).toBe(0);
    expect(result.reminded).toBeGreaterThan(10);
  });

  it('is deterministic: the same seed gives the same customers', async () => {
    const ctx = await loadDemoContext(t.database.db, tenantId);
    const now = new Date('2026-06-01T08:00:00Z');
    const pick = (d: ReturnType<typeof buildDemoCustomers>) =>
      d.customers.map((c) => [c.name, c.mobile, c.number, c.createdAt?.toISOString(), c.state].join('|'));
    const a = buildDemoCustomers(ctx, { count: 300, now });
    const b = buildDemoCustomers(ctx, { count: 300, now });
    expect(pick(a)).toEqual(pick(b));
    expect(a.contacts.map((c) => c.name)).toEqual(b.contacts.map((c) => c.name));
  });

  it('is what the API lists, searches (Chinese and pinyin initials) and shows as pools', async () => {
    const list = await admin.get('/api/v1/customers?page=1&pageSize=20');
    expect(list.statusCode).toBe(200);
    const body = list.json();
    const active = seeded.customers - seeded.drafts - seeded.pool;
    // more than the exact limit: the flagged estimate, never below what was counted; 精确计数 counts all
    expect(active).toBeGreaterThan(EXACT_COUNT_LIMIT);
    expect(body).toMatchObject({ totalIsEstimate: true });
    expect(body.total).toBeGreaterThan(EXACT_COUNT_LIMIT);
    expect(body.data).toHaveLength(20);
    const exact = await admin.get('/api/v1/customers?page=1&pageSize=20&exactTotal=true');
    expect(exact.json()).toMatchObject({ total: active, totalIsEstimate: false });

    const [c] = await rows<{
      id: string;
      name: string;
      short_name: string;
      pinyin: string;
      region_id: string;
    }>(
      sql`SELECT id, name, short_name, pinyin, region_id FROM customers
      WHERE tenant_id = ${tenantId} AND state = 'active' AND short_name IS NOT NULL AND type = 'direct'
      ORDER BY number LIMIT 1`,
    );
    /** Searches (within the customer's district for short queries, which match hundreds) and finds it. */
    const found = async (q: string, narrow = false) => {
      const region = narrow ? `&regionId=${c.region_id}` : '';
      const res = await admin.get(`/api/v1/customers?pageSize=100&q=${encodeURIComponent(q)}${region}`);
      expect(res.statusCode).toBe(200);
      const data = res.json().data as { id: string; name: string; shortName: string | null }[];
      if (/^\p{Script=Han}+$/u.test(q))
        for (const x of data) expect(`${x.name} ${x.shortName ?? ''}`.replace(/\s/g, '')).toContain(q);
      return data.some((x) => x.id === c.id);
    };
    const brand = c.short_name.slice(0, 2); // e.g. 云帆
    const initials = c.pinyin.split(' ')[1]; // pinyin initials of the short name, e.g. yfxx
    expect(await found(c.short_name)).toBe(true);
    expect(await found(brand, true)).toBe(true);
    expect(await found(brand.slice(0, 1), true)).toBe(true);
    expect(await found(initials)).toBe(true);
    expect(await found(initials.slice(0, 2), true)).toBe(true);

    const pools = await admin.get('/api/v1/pools');
    expect(pools.statusCode).toBe(200);
    const byName = Object.fromEntries(
      (pools.json().data as { name: string; customerCount: number; departmentIds: string[] }[]).map((p) => [
        p.name,
        p,
      ]),
    );
    expect(Object.keys(byName).sort()).toEqual(['全国公海', '华东公海']);
    expect(byName.华东公海.departmentIds).toHaveLength(1);
    expect(byName.全国公海.departmentIds).toHaveLength(0);
    expect(byName.华东公海.customerCount + byName.全国公海.customerCount).toBe(seeded.pool);
    expect(byName.华东公海.customerCount).toBeGreaterThan(0);
  });
});
