import type { Dashboard, DashboardCard } from '@guanxi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { builtInDashboards } from './defaults.ts';

describeAuthz(authz);

let t: TestContext;
let admin: Agent;
let rep: Agent;
let roleIds: Record<string, string>;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const roles = (await admin.get('/api/v1/roles')).json().data as { id: string; code: string | null }[];
  roleIds = Object.fromEntries(roles.filter((r) => r.code).map((r) => [r.code, r.id]));
  const u = await makeUser(admin, {
    departmentId: t.tenant.rootDepartmentId,
    roleIds: [roleIds.account_manager!],
  });
  rep = await t.login(u.username);
});
afterAll(() => t.close());

const card = (id: string, reportCode: string, extra: Partial<DashboardCard> = {}) => ({
  id,
  reportCode,
  params: {},
  chart: 'bar',
  ...extra,
});
const ids = (d: Dashboard) => d.cards.map((c) => c.id);

describe('built-in dashboards', () => {
  it('every built-in card is a report its role may run, with parameters and measure the report accepts', async () => {
    for (const [code, cards] of Object.entries(builtInDashboards)) {
      for (const c of cards) {
        const res = await admin.get(`/api/v1/reports/${c.reportCode}?${new URLSearchParams(c.params)}`);
        expect(res.statusCode, `${code} ${c.id}: ${res.body}`).toBe(200);
        if (c.measure)
          expect(
            res.json().columns.map((x: { key: string }) => x.key),
            `${code} ${c.id}`,
          ).toContain(c.measure);
      }
      // the role's default grants cover its own home
      const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [roleIds[code]!] });
      const home: Dashboard = (await (await t.login(u.username)).get('/api/v1/dashboards/me')).json();
      expect(home, code).toMatchObject({ source: 'default', roleId: roleIds[code], version: null });
      expect(ids(home), code).toEqual(cards.map((c) => c.id));
    }
  });

  it('a custom role without a default gets its first runnable reports; a role of several the widest view', async () => {
    const role = await makeRole(admin, ['reports:funnel', 'opportunities:view', 'reports:forecast']);
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
    const home: Dashboard = (await (await t.login(u.username)).get('/api/v1/dashboards/me')).json();
    expect(home.source).toBe('default');
    expect(home.cards.map((c) => c.reportCode).sort()).toEqual(['forecast', 'funnel']);
    const both = await makeUser(admin, {
      departmentId: t.tenant.rootDepartmentId,
      roleIds: [roleIds.account_manager!, roleIds.executive!],
    });
    const exec: Dashboard = (await (await t.login(both.username)).get('/api/v1/dashboards/me')).json();
    expect(exec.roleId).toBe(roleIds.executive);
  });
});

describe('the tenant’s default per role and a user’s own layout', () => {
  it('role default → own layout (rearranged, hidden) → 409 on a stale save → reset back to the role’s', async () => {
    const roleId = roleIds.account_manager!;
    const before = (await admin.get(`/api/v1/dashboards/roles/${roleId}`)).json();
    expect(before).toMatchObject({ source: 'default', version: null });
    const template = [
      card('pipe', 'funnel', { chart: 'funnel' }),
      card('month', 'sales-ranking', { chart: 'kpi', measure: 'amount', params: { range: 'thisMonth' } }),
    ];
    const saved = await admin.put(`/api/v1/dashboards/roles/${roleId}`, { cards: template, version: null });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ source: 'role', version: 1 });
    // a second first save (another tab) does not overwrite
    expect(
      (await admin.put(`/api/v1/dashboards/roles/${roleId}`, { cards: template, version: null })).json().code,
    ).toBe('CONFLICT');

    const home: Dashboard = (await rep.get('/api/v1/dashboards/me')).json();
    expect(home).toMatchObject({ source: 'role', roleId, version: null });
    expect(ids(home)).toEqual(['pipe', 'month']);

    const mine = await rep.put('/api/v1/dashboards/me', {
      cards: [
        { ...home.cards[1], title: '本月业绩' },
        { ...home.cards[0], hidden: true },
      ],
      version: null,
    });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ source: 'mine', version: 1 });
    expect(mine.json().cards).toMatchObject([
      { id: 'month', title: '本月业绩', hidden: false },
      { id: 'pipe', hidden: true },
    ]);
    // the role's default changing later does not touch a user's own layout
    await admin.put(`/api/v1/dashboards/roles/${roleId}`, {
      cards: [card('only', 'funnel')],
      version: 1,
    });
    expect(ids((await rep.get('/api/v1/dashboards/me')).json())).toEqual(['month', 'pipe']);
    expect(
      (await rep.put('/api/v1/dashboards/me', { cards: [], version: null })).json().code,
      'a save from a tab that had no layout yet',
    ).toBe('CONFLICT');
    const emptied = await rep.put('/api/v1/dashboards/me', { cards: [], version: 1 });
    expect(emptied.json()).toMatchObject({ cards: [], version: 2 });
    expect((await rep.delete('/api/v1/dashboards/me?version=1')).json().code).toBe('CONFLICT');
    const reset = await rep.delete('/api/v1/dashboards/me?version=2');
    expect(reset.json()).toMatchObject({ source: 'role', version: null });
    expect(ids(reset.json())).toEqual(['only']);
    expect((await rep.delete('/api/v1/dashboards/me?version=1')).statusCode).toBe(404);

    const back = await admin.delete(`/api/v1/dashboards/roles/${roleId}?version=2`);
    expect(back.json()).toMatchObject({ source: 'default', version: null });
    expect(ids((await rep.get('/api/v1/dashboards/me')).json())).toEqual(
      builtInDashboards.account_manager.map((c) => c.id),
    );
    const audit = (await admin.get('/api/v1/audit-logs?entity=dashboards&pageSize=100')).json().data;
    expect(audit.length).toBeGreaterThanOrEqual(5);
  });

  it('cards the user may not run are left out, not shown broken', async () => {
    const role = await makeRole(admin, ['reports:funnel', 'opportunities:view']);
    await admin.put(`/api/v1/dashboards/roles/${role.id}`, {
      cards: [card('rank', 'sales-ranking'), card('pipe', 'funnel', { chart: 'funnel' })],
      version: null,
    });
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
    const home: Dashboard = (await (await t.login(u.username)).get('/api/v1/dashboards/me')).json();
    expect(home).toMatchObject({ source: 'role', roleId: role.id });
    expect(ids(home)).toEqual(['pipe']);
  });
});

describe('bad layouts are refused on their field, nothing saved', () => {
  const put = (cards: unknown[]) => rep.put('/api/v1/dashboards/me', { cards, version: null });
  const details = async (cards: unknown[]) => {
    const res = await put(cards);
    return { status: res.statusCode, body: res.json() };
  };

  it('a bad parameter, measure, chart or duplicate id', async () => {
    const bad = await details([
      card('a', 'funnel'),
      card('b', 'sales-ranking', { params: { groupBy: 'nope' } }),
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('cards.1.params.groupBy');
    const range = await details([card('a', 'funnel', { params: { range: 'someday' } })]);
    expect(range.body.details[0].path).toBe('cards.0.params.range');
    const measure = await details([card('a', 'funnel', { measure: 'cost' })]);
    expect(measure.body.details[0].path).toBe('cards.0.measure');
    const chart = await details([card('a', 'funnel', { chart: 'radar' as never })]);
    expect(chart.status).toBe(400);
    // a map card is today's check-ins beside 活动量 of today: another report or period is refused
    const mapOfFunnel = await details([card('a', 'funnel', { chart: 'map' })]);
    expect(mapOfFunnel.body.details[0].path).toBe('cards.0.chart');
    const mapOfMonth = await details([
      card('a', 'activity', { chart: 'map', params: { range: 'thisMonth' } }),
    ]);
    expect(mapOfMonth.body.details[0].path).toBe('cards.0.chart');
    const twice = await details([card('a', 'funnel'), card('a', 'forecast')]);
    expect(twice.body.details[0].path).toContain('cards.1.id');
    const tooMany = await details(Array.from({ length: 25 }, (_, i) => card(`c${i}`, 'funnel')));
    expect(tooMany.status).toBe(400);
    expect((await rep.get('/api/v1/dashboards/me')).json().source).not.toBe('mine');
  });

  it('a report the user may not run is 404, as it would be on its page', async () => {
    expect((await put([card('x', 'expenses')])).statusCode).toBe(404);
    expect((await put([card('x', 'no-such-report')])).statusCode).toBe(400);
  });

  it('a role that does not exist is 404', async () => {
    const missing = '01000000-0000-7000-8000-000000000000';
    expect((await admin.get(`/api/v1/dashboards/roles/${missing}`)).statusCode).toBe(404);
    expect(
      (await admin.put(`/api/v1/dashboards/roles/${missing}`, { cards: [], version: null })).statusCode,
    ).toBe(404);
  });
});
