import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { consume, makeBatch } from '../cards/cards-test-helpers.ts';
import { getJson as get, type ReportRow as Row, refusesOn, twoBranchOrg } from './report-test-helpers.ts';

// The card reports (充值卡销售, 激活, 消费, 余额负债, 即将过期): each figure is a raw GROUP BY over the
// cards tables within the same scope, sibling branches' numbers are disjoint and add up to their
// supervisor's, a drill-down lists exactly the cards (or entries) counted.

let t: TestContext;
let managerA: Agent;
let managerB: Agent;
let supervisor: Agent;
let noReport: Agent;
let noView: Agent;
let branchA: string;
let branchB: string;
const batches: Record<'online' | 'plain' | 'store', string> = { online: '', plain: '', store: '' };
let soonNumber = '';

const codes = ['card-sales', 'card-activation', 'card-consumption', 'card-liability', 'card-expiring'];

const activate = async (agent: Agent, number: string) =>
  expect((await agent.post(`/api/v1/cards/${number}/activate`)).statusCode).toBe(200);

beforeAll(async () => {
  t = await createTestContext();
  ({ branchA, branchB, managerA, managerB, supervisor, noReport, noView } = await twoBranchOrg(t, {
    // the managers run every card report; the one without a report lacks 充值卡销售 only
    work: ['cards:read', 'cards:manage', 'cards:use', ...codes.slice(1).map((c) => `reports:${c}`)],
    report: 'reports:card-sales',
    scopes: (scope) => ({ cards: scope }),
    blind: { permissions: codes.map((c) => `reports:${c}`), scopes: {} },
  }));
  const online = await makeBatch(managerA, { channel: '线上', faceValue: '100', count: 3 });
  const plain = await makeBatch(managerA, { faceValue: '50', count: 2 });
  const store = await makeBatch(managerB, { channel: '门店', faceValue: '200', count: 2 });
  batches.online = online.id;
  batches.plain = plain.id;
  batches.store = store.id;
  const [o1, o2] = online.cards;
  await activate(managerA, o1.number);
  await activate(managerA, o2.number);
  await activate(managerA, plain.cards[0].number);
  await activate(managerB, store.cards[0].number);
  expect((await consume(managerA, o1, '30', { storeDepartmentId: branchA })).statusCode).toBe(200);
  const paid = await consume(managerA, o1, '20', { storeDepartmentId: branchB });
  expect(paid.statusCode, paid.body).toBe(200);
  const refund = await managerA.post(`/api/v1/cards/${o1.number}/refund`, { entryId: paid.json().entry.id });
  expect(refund.statusCode, refund.body).toBe(200);
  expect((await consume(managerB, store.cards[0], '50', { storeDepartmentId: branchB })).statusCode).toBe(
    200,
  );
  // o2 frozen, the plain batch's second card scrapped (it holds nothing: not owed)
  expect((await managerA.post(`/api/v1/cards/${o2.number}/freeze`)).statusCode).toBe(200);
  expect((await managerA.post(`/api/v1/cards/${plain.cards[1].number}/scrap`)).statusCode).toBe(200);
  // the online batch's third card ends in 10 days, the store batch's second in 45
  soonNumber = online.cards[2].number;
  await t.database.db.execute(
    sql`UPDATE cards SET expires_at = (now() AT TIME ZONE 'Asia/Shanghai')::date + 10 WHERE number = ${soonNumber}`,
  );
  await t.database.db.execute(
    sql`UPDATE cards SET expires_at = (now() AT TIME ZONE 'Asia/Shanghai')::date + 45
      WHERE number = ${store.cards[1].number}`,
  );
  // a card of last year's batch is not sold this year
  const old = await makeBatch(managerB, { channel: '门店', faceValue: '10', count: 1 });
  await t.database.db.execute(
    sql`UPDATE cards SET created_at = created_at - interval '1 year' WHERE batch_id = ${old.id}`,
  );
});
afterAll(() => t.close());

/** Rows of a raw statement keyed by `k`. */
async function raw(statement: ReturnType<typeof sql>) {
  const r = await t.database.db.execute(statement);
  return new Map(
    (r.rows as Record<string, string | number>[]).map(({ k, ...v }) => [String(k ?? '__none__'), v]),
  );
}
const thisYear = sql`date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'`;
const ofDepartment = (d: string) => sql`c.tenant_id = ${t?.tenant.id} AND c.department_id = ${d}`;

/** Each figure of a report row as a number (money comes as exact strings). */
const numbers = (row: Row | undefined, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, Number(row?.[k])]));

describe('card reports', () => {
  it('the catalogue lists them by name in both languages', async () => {
    const zh = (await get(supervisor, '/api/v1/reports')).data.map((r: { code: string; name: string }) => r);
    const en = (await get(supervisor.with({ 'accept-language': 'en-US' }), '/api/v1/reports')).data;
    expect(
      zh.filter((r: { code: string }) => codes.includes(r.code)).map((r: { name: string }) => r.name),
    ).toEqual(['充值卡销售', '充值卡激活', '充值卡消费', '充值卡余额负债', '即将过期充值卡']);
    expect(
      en.filter((r: { code: string }) => codes.includes(r.code)).map((r: { name: string }) => r.name),
    ).toEqual(['Card sales', 'Card activation', 'Card consumption', 'Card liability', 'Cards expiring soon']);
    // the window applied when none is chosen is named, so the page shows it chosen
    const expiring = zh.find((r: { code: string }) => r.code === 'card-expiring');
    expect(expiring.filters.find((f: { key: string }) => f.key === 'within')).toMatchObject({
      type: 'choice',
      default: '30',
    });
  });

  it('sibling branches see disjoint figures adding up to their supervisor’s, in every card report', async () => {
    for (const code of codes) {
      const s = await get(supervisor, `/api/v1/reports/${code}`);
      const keys = s.columns.filter((c: { format: string }) => c.format === 'count' || c.format === 'money');
      expect(keys.length, code).toBeGreaterThan(0);
      expect(Number(s.totals[keys[0].key]), code).toBeGreaterThan(0);
      const a = await get(managerA, `/api/v1/reports/${code}`);
      const b = await get(managerB, `/api/v1/reports/${code}`);
      for (const { key } of keys)
        expect(Number(a.totals[key]) + Number(b.totals[key]), key).toBe(Number(s.totals[key]));
    }
  });

  it('充值卡销售: count and face value by channel equal the raw GROUP BY of each branch; last year’s card is not in', async () => {
    for (const [agent, d] of [
      [managerA, branchA],
      [managerB, branchB],
    ] as const) {
      const expected =
        await raw(sql`SELECT c.channel AS k, count(*)::int AS cards, sum(b.face_value)::float AS "faceValue"
        FROM cards c JOIN card_batches b ON b.id = c.batch_id
        WHERE ${ofDepartment(d)} AND c.created_at >= ${thisYear} GROUP BY 1`);
      const got = await get(agent, '/api/v1/reports/card-sales?groupBy=channel');
      expect(got.rows.length).toBe(expected.size);
      for (const [k, v] of expected)
        expect(numbers(rowByKey(got.rows, k), ['cards', 'faceValue'])).toEqual(v);
    }
    const s = await get(supervisor, '/api/v1/reports/card-sales?groupBy=channel');
    expect(numbers(s.totals, ['cards', 'faceValue'])).toEqual({ cards: 7, faceValue: 800 });
    const all = await get(supervisor, '/api/v1/reports/card-sales?groupBy=channel&range=all');
    expect(Number(all.totals.faceValue)).toBe(810);
    const drill = await get(supervisor, '/api/v1/reports/card-sales/drill?groupBy=channel&cell=__none__');
    expect(drill.total).toBe(2);
    expect(drill.data[0].link).toMatch(/^\/cards\//);
  });

  it('充值卡激活: activated of issued and the rate per batch, raw; a drill-down lists the batch’s cards', async () => {
    const expected = await raw(sql`SELECT c.batch_id AS k, count(*)::int AS cards,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM card_entries e WHERE e.card_id = c.id AND e.kind = 'activate'))::int AS activated
      FROM cards c WHERE c.tenant_id = ${t.tenant.id} AND c.created_at >= ${thisYear} GROUP BY 1`);
    const got = await get(supervisor, '/api/v1/reports/card-activation?groupBy=batch');
    expect(got.rows.length).toBe(expected.size);
    for (const [k, v] of expected) expect(numbers(rowByKey(got.rows, k), ['cards', 'activated'])).toEqual(v);
    expect(rowByKey(got.rows, batches.online)).toMatchObject({ activationRate: 66.67 });
    expect(got.totals).toMatchObject({ cards: 7, activated: 4, activationRate: 57.14 });
    const drill = await get(
      supervisor,
      `/api/v1/reports/card-activation/drill?groupBy=batch&cell=${batches.plain}`,
    );
    const numbersInBatch = await t.database.db.execute(
      sql`SELECT number FROM cards WHERE batch_id = ${batches.plain}`,
    );
    expect(drill.data.map((r: { id: string }) => r.id).sort()).toEqual(
      (numbersInBatch.rows as { number: string }[]).map((r) => r.number).sort(),
    );
    expect(drill.data.reduce((n: number, r: { values: Row }) => n + Number(r.values.activated), 0)).toBe(1);
  });

  it('充值卡消费: paid, refunded and net by store, raw; a refund counts at its payment’s store', async () => {
    const expected = await raw(sql`SELECT coalesce(e.store_department_id, p.store_department_id) AS k,
        count(*) FILTER (WHERE e.kind = 'consume')::int AS payments,
        coalesce(sum(-e.amount) FILTER (WHERE e.kind = 'consume'), 0)::float AS consumed,
        coalesce(sum(e.amount) FILTER (WHERE e.kind = 'refund'), 0)::float AS refunded
      FROM card_entries e LEFT JOIN card_entries p ON p.id = e.refund_of
      WHERE e.tenant_id = ${t.tenant.id} AND e.kind IN ('consume', 'refund') GROUP BY 1`);
    const got = await get(supervisor, '/api/v1/reports/card-consumption?groupBy=store');
    expect(got.rows.length).toBe(expected.size);
    for (const [k, v] of expected)
      expect(numbers(rowByKey(got.rows, k), ['payments', 'consumed', 'refunded'])).toEqual(v);
    expect(numbers(rowByKey(got.rows, branchB), ['payments', 'consumed', 'refunded', 'net'])).toEqual({
      payments: 2,
      consumed: 70,
      refunded: 20,
      net: 50,
    });
    // branch A's manager sees only the entries of A's cards (B's payment at store B is not A's)
    const a = await get(managerA, '/api/v1/reports/card-consumption?groupBy=store');
    expect(numbers(a.totals, ['payments', 'net'])).toEqual({ payments: 2, net: 30 });
    const drill = await get(
      supervisor,
      `/api/v1/reports/card-consumption/drill?groupBy=store&cell=${branchB}`,
    );
    expect(drill.total).toBe(3);
    expect(drill.data.reduce((n: number, r: { values: Row }) => n + Number(r.values.net), 0)).toBe(50);
  });

  it('充值卡余额负债: what the usable cards hold now by status, raw; scrapped and empty cards owe nothing', async () => {
    const expected = await raw(sql`SELECT status AS k, count(*)::int AS cards, sum(balance)::float AS balance
      FROM cards WHERE tenant_id = ${t.tenant.id} AND status IN ('issued', 'active', 'frozen') AND balance > 0
      GROUP BY 1`);
    const got = await get(supervisor, '/api/v1/reports/card-liability?groupBy=status');
    expect(got.rows.map((r: Row) => r.cell)).toEqual(['active', 'frozen', 'issued']);
    for (const [k, v] of expected) expect(numbers(rowByKey(got.rows, k), ['cards', 'balance'])).toEqual(v);
    expect(got.period).toBeNull();
    expect(got.rows.map((r: Row) => r.status)).toEqual(['已激活', '已冻结', '未激活']);
    const en = await get(
      supervisor.with({ 'accept-language': 'en-US' }),
      '/api/v1/reports/card-liability?groupBy=status',
    );
    expect(en.rows.map((r: Row) => r.status)).toEqual(['Active', 'Frozen', 'Not activated']);
    const drill = await get(supervisor, '/api/v1/reports/card-liability/drill?groupBy=status&cell=frozen');
    expect(drill.data.map((r: { id: string }) => r.id)).toHaveLength(1);
    expect(numbers(rowByKey(got.rows, 'frozen'), ['balance']).balance).toBe(
      Number(drill.data[0].values.balance),
    );
  });

  it('即将过期: the cards holding value ending within the window, 30 days unless asked; the drill lists them', async () => {
    const soon = await get(supervisor, '/api/v1/reports/card-expiring?groupBy=batch');
    expect(soon.rows.map((r: Row) => [r.cell, r.cards, Number(r.balance)])).toEqual([
      [batches.online, 1, 100],
    ]);
    const wider = await get(supervisor, '/api/v1/reports/card-expiring?groupBy=batch&within=60');
    expect(Number(wider.totals.balance)).toBe(300);
    expect(wider.totals.cards).toBe(2);
    const drill = await get(
      supervisor,
      `/api/v1/reports/card-expiring/drill?groupBy=batch&cell=${batches.online}`,
    );
    expect(drill.data.map((r: { id: string }) => r.id)).toEqual([soonNumber]);
    expect(drill.data[0].link).toBe(`/cards/${soonNumber}`);
    await refusesOn(supervisor, '/api/v1/reports/card-expiring?within=5', 'within');
  });

  it('refuses a bad grouping in each; not there without the report or without cards:read', async () => {
    for (const code of codes) {
      await refusesOn(supervisor, `/api/v1/reports/${code}?groupBy=colour`, 'groupBy');
      await get(noView, `/api/v1/reports/${code}`, 404);
      await get(noView, `/api/v1/reports/${code}/drill?groupBy=batch&cell=${batches.online}`, 404);
    }
    await get(noReport, '/api/v1/reports/card-sales', 404);
    expect((await get(noView, '/api/v1/reports')).data).toEqual([]);
  });
});

function rowByKey(rows: Row[], key: string) {
  return rows.find((r) => r.cell === key);
}
