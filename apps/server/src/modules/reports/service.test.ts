import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeCustomer } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { twoBranchOrg } from './report-test-helpers.ts';

// 服务分析: the figures equal the raw GROUP BY over the tickets of the same scope and period,
// sibling desks' numbers are disjoint and add up to their supervisor's, a drill-down lists exactly
// the tickets counted, and the XLSX holds the same totals.

let t: TestContext;
let admin: Agent;
let deskA: Agent;
let deskB: Agent;
let supervisor: Agent;
let noReport: Agent;
let noTickets: Agent;
let deskAId: string;
let branchA: string;
let branchB: string;
const ids: Record<'a1' | 'a2' | 'old' | 'b1' | 'merged', string> = {
  a1: '',
  a2: '',
  old: '',
  b1: '',
  merged: '',
};

type Row = Record<string, string | number | null>;

const get = async (agent: Agent, url: string, status = 200) => {
  const res = await agent.get(url);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

const desk = ['tickets:view', 'tickets:create', 'customers:view', 'contacts:view'];

/**
 * A ticket opened through the API, then given its history in SQL: responded / resolved so many
 * minutes after creation, breach flags, satisfaction, handler.
 */
async function ticket(
  agent: Agent,
  customerId: string,
  typeId: string,
  priority: string,
  history: {
    respondedAfter?: number;
    resolvedAfter?: number;
    responseBreached?: boolean;
    resolutionBreached?: boolean;
    satisfaction?: number;
    handlerId?: string;
  },
) {
  const res = await agent.post('/api/v1/tickets', {
    typeId,
    customerId,
    title: '设备故障',
    request: '无法开机',
    priority,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const after = (m: number | undefined) =>
    m === undefined ? sql`NULL` : sql`created_at + ${m} * interval '1 minute'`;
  await t.database.db.execute(sql`UPDATE tickets SET responded_at = ${after(history.respondedAfter)},
    resolved_at = ${after(history.resolvedAfter)},
    response_breached = ${history.responseBreached ?? false},
    resolution_breached = ${history.resolutionBreached ?? false},
    satisfaction = ${history.satisfaction ?? null},
    handler_id = ${history.handlerId ?? null}
    WHERE id = ${id}`);
  return id;
}

beforeAll(async () => {
  t = await createTestContext();
  let org: { managerA: string };
  ({
    admin,
    branchA,
    branchB,
    managerA: deskA,
    managerB: deskB,
    supervisor,
    noReport,
    noView: noTickets,
    ids: org,
  } = await twoBranchOrg(t, {
    work: desk,
    report: 'reports:service',
    scopes: (scope) => ({ tickets: scope, customers: 'all' }),
    blind: { permissions: ['reports:service'], scopes: {} },
  }));
  deskAId = org.managerA;

  const types = (await admin.get('/api/v1/dictionaries/service-type/items')).json().data as { id: string }[];
  const customerId = (await makeCustomer(admin)).id;
  ids.a1 = await ticket(deskA, customerId, types[0].id, 'high', {
    respondedAfter: 30,
    resolvedAfter: 150,
    satisfaction: 5,
    handlerId: deskAId,
  });
  ids.a2 = await ticket(deskA, customerId, types[1].id, 'low', {
    respondedAfter: 90,
    responseBreached: true,
    handlerId: deskAId,
  });
  ids.old = await ticket(deskA, customerId, types[0].id, 'urgent', { respondedAfter: 10 });
  await t.database.db.execute(
    sql`UPDATE tickets SET created_at = created_at - interval '1 year' WHERE id = ${ids.old}`,
  );
  ids.b1 = await ticket(deskB, customerId, types[0].id, 'normal', {
    respondedAfter: 60,
    resolvedAfter: 120,
    resolutionBreached: true,
    satisfaction: 3,
  });
  // a duplicate merged into another ticket is not a request of its own
  ids.merged = await ticket(deskB, customerId, types[0].id, 'normal', {});
  await t.database.db.execute(sql`UPDATE tickets SET status = 'merged' WHERE id = ${ids.merged}`);
});
afterAll(() => t.close());

/** The raw GROUP BY over the tickets table: this year (tenant zone), live, not merged, per department. */
async function rawByDepartment() {
  const rows = await t.database.db.execute(sql`SELECT department_id::text AS d, count(*)::int AS tickets,
      count(*) FILTER (WHERE responded_at IS NOT NULL AND NOT response_breached)::int AS response_met,
      count(*) FILTER (WHERE response_breached)::int AS response_breached,
      count(*) FILTER (WHERE resolved_at IS NOT NULL AND NOT resolution_breached)::int AS resolution_met,
      count(*) FILTER (WHERE resolution_breached)::int AS resolution_breached,
      round(avg(extract(epoch FROM responded_at - created_at) / 3600), 2)::float AS response_hours,
      round(avg(extract(epoch FROM resolved_at - created_at) / 3600), 2)::float AS resolution_hours,
      round(avg(satisfaction), 2)::float AS satisfaction
    FROM tickets WHERE tenant_id = ${t.tenant.id} AND deleted_at IS NULL AND status <> 'merged'
      AND created_at >= date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'
    GROUP BY 1`);
  return new Map(
    (rows.rows as Record<string, string | number>[]).map((r) => [
      r.d,
      {
        tickets: r.tickets,
        responseMet: r.response_met,
        responseBreached: r.response_breached,
        resolutionMet: r.resolution_met,
        resolutionBreached: r.resolution_breached,
        responseHours: r.response_hours,
        resolutionHours: r.resolution_hours,
        satisfactionAvg: r.satisfaction,
      },
    ]),
  );
}

describe('服务分析', () => {
  it('sibling desks see disjoint figures adding up to their supervisor’s, each the raw GROUP BY', async () => {
    const raw = await rawByDepartment();
    const a = await get(deskA, '/api/v1/reports/service?groupBy=department');
    const b = await get(deskB, '/api/v1/reports/service?groupBy=department');
    const s = await get(supervisor, '/api/v1/reports/service?groupBy=department');
    expect(a.rows.map((r: Row) => r.cell)).toEqual([branchA]);
    expect(b.rows.map((r: Row) => r.cell)).toEqual([branchB]);
    expect(a.totals).toMatchObject({
      tickets: 2,
      responseMet: 1,
      responseBreached: 1,
      resolutionMet: 1,
      resolutionBreached: 0,
      responseHours: 1,
      resolutionHours: 2.5,
      satisfactionAvg: 5,
    });
    expect(a.rows[0]).toMatchObject(raw.get(branchA)!);
    expect(b.rows[0]).toMatchObject(raw.get(branchB)!);
    expect(b.totals).toMatchObject({ tickets: 1, resolutionBreached: 1, resolutionHours: 2 });
    for (const [cell, figures] of raw)
      expect(s.rows.find((r: Row) => r.cell === cell)).toMatchObject(figures);
    // the averages of the whole are over the tickets, not the average of the groups' averages
    expect(s.totals).toMatchObject({
      tickets: 3,
      responseBreached: 1,
      resolutionBreached: 1,
      responseHours: 1,
      resolutionHours: 2.25,
      satisfactionAvg: 4,
    });
    expect(s.columns.map((c: { key: string }) => c.key)).not.toContain('responseMinutes');
    expect(s.chart).toMatchObject({
      type: 'bar',
      measures: ['tickets', 'responseBreached', 'resolutionBreached'],
    });
  });

  it('names its types as the dictionary does in the reader’s language (the English name in en-US)', async () => {
    const items = (await admin.get('/api/v1/dictionaries/service-type/items')).json().data as {
      id: string;
      name: string;
      nameEn: string | null;
    }[];
    const byId = new Map(items.map((i) => [i.id, i]));
    const zh = await get(supervisor, '/api/v1/reports/service');
    const en = await get(supervisor.with({ 'accept-language': 'en-US' }), '/api/v1/reports/service');
    expect(zh.rows.map((r: Row) => r.cell)).toEqual([items[0].id, items[1].id]);
    expect(zh.rows.map((r: Row) => r.type)).toEqual([items[0].name, items[1].name]);
    expect(items[0].nameEn).toBeTruthy();
    expect(en.rows.map((r: Row) => r.type)).toEqual(
      en.rows.map((r: Row) => byId.get(String(r.cell))!.nameEn ?? byId.get(String(r.cell))!.name),
    );
  });

  it('priorities low → urgent and satisfaction 1–5 in key order, named in the reader’s language', async () => {
    const p = await get(supervisor, '/api/v1/reports/service?groupBy=priority');
    expect(p.rows.map((r: Row) => [r.cell, r.priority, r.tickets])).toEqual([
      ['1-low', '低', 1],
      ['2-normal', '普通', 1],
      ['3-high', '高', 1],
    ]);
    const en = await get(
      supervisor.with({ 'accept-language': 'en-US' }),
      '/api/v1/reports/service?groupBy=priority',
    );
    expect(en.rows.map((r: Row) => r.priority)).toEqual(['Low', 'Normal', 'High']);
    const sat = await get(supervisor, '/api/v1/reports/service?groupBy=satisfaction');
    expect(sat.rows.map((r: Row) => [r.cell, r.satisfaction, r.tickets])).toEqual([
      ['3', '3 分', 1],
      ['5', '5 分', 1],
      ['__none__', '未设置', 1],
    ]);
    // all time takes last year's ticket in too
    const all = await get(supervisor, '/api/v1/reports/service?groupBy=priority&range=all');
    expect(all.rows.at(-1)).toMatchObject({ cell: '4-urgent', tickets: 1 });
  });

  it('a drill-down lists exactly the tickets of the cell, adding up to it', async () => {
    const byHandler = await get(
      supervisor,
      `/api/v1/reports/service/drill?groupBy=handler&cell=${deskAId}&pageSize=50`,
    );
    expect(byHandler.total).toBe(2);
    expect(byHandler.data.map((r: { id: string }) => r.id).sort()).toEqual([ids.a1, ids.a2].sort());
    expect(
      byHandler.data.reduce(
        (n: number, r: { values: { responseBreached: number } }) => n + r.values.responseBreached,
        0,
      ),
    ).toBe(1);
    expect(byHandler.data[0].link).toMatch(/^\/tickets\?id=/);
    const queue = await get(supervisor, '/api/v1/reports/service/drill?groupBy=handler&cell=__none__');
    expect(queue.data.map((r: { id: string }) => r.id)).toEqual([ids.b1]);
    // desk B cannot open A's tickets through a cell
    expect((await get(deskB, `/api/v1/reports/service/drill?groupBy=handler&cell=${deskAId}`)).total).toBe(0);
  });

  it('refuses a bad grouping, filter or cell on its field', async () => {
    const bad = async (q: string, field: string) => {
      const body = await get(supervisor, `/api/v1/reports/service${q}`, 400);
      expect(JSON.stringify(body)).toContain(field);
    };
    await bad('?groupBy=colour', 'groupBy');
    await bad('?typeId=nope', 'typeId');
    await bad('?handlerId=1', 'handlerId');
    await bad('/drill?groupBy=satisfaction&cell=x', 'cell');
    // a good filter narrows
    const mine = await get(supervisor, `/api/v1/reports/service?groupBy=department&handlerId=${deskAId}`);
    expect(mine.totals.tickets).toBe(2);
  });

  it('is not there without tickets:view or without reports:service', async () => {
    await get(noReport, '/api/v1/reports/service', 404);
    await get(noTickets, '/api/v1/reports/service', 404);
    await get(noTickets, `/api/v1/reports/service/drill?groupBy=handler&cell=${deskAId}`, 404);
    expect((await get(noTickets, '/api/v1/reports')).data).toEqual([]);
  });

  it('the XLSX holds the same totals', async () => {
    const res = await supervisor.get('/api/v1/reports/service/export?format=xlsx&groupBy=department');
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values = Array.from(book.worksheets[0].getSheetValues(), (r) =>
      Array.isArray(r) ? r.slice(1) : [],
    );
    const header = values.find((r) => r[0] === '部门') as unknown[];
    const total = values.find((r) => r[0] === '合计') as unknown[];
    expect(total[header.indexOf('工单数')]).toBe(3);
    expect(total[header.indexOf('解决超时')]).toBe(1);
    expect(total[header.indexOf('平均解决时长（小时）')]).toBe(2.25);
  });
});
