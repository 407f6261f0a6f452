import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { makeRole, makeUser } from '../../test/factories.ts';
import { TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { demoCompany, seedDemoOrganization } from '../organization/tenants-service.ts';
import { authz } from './authz.ts';
import { seedDemoSla } from './demo-seed.ts';
import { businessCalendar, slaTargets } from './published.ts';

describeAuthz(authz);

type Settings = {
  targets: {
    priority: string;
    typeId: string | null;
    typeName: string | null;
    responseMinutes: number;
    resolutionMinutes: number;
  }[];
  calendar: {
    timeZone: string;
    workDays: number[];
    start: string;
    end: string;
    holidays: string[];
    makeupDays: string[];
  };
  version: number;
};

let t: TestContext;
let admin: Agent;
let viewer: Agent;
let types: { id: string; name: string }[];

const defaults = [
  { priority: 'urgent', responseMinutes: 30, resolutionMinutes: 240 },
  { priority: 'high', responseMinutes: 60, resolutionMinutes: 480 },
  { priority: 'normal', responseMinutes: 240, resolutionMinutes: 1440 },
  { priority: 'low', responseMinutes: 480, resolutionMinutes: 2400 },
];
const calendar = { workDays: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', holidays: [] as string[] };

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const role = await makeRole(admin, ['tickets:view'], { tickets: 'own' });
  const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
  viewer = await t.login(u.username);
  const res = await admin.get('/api/v1/dictionaries/service-type/items');
  expect(res.statusCode, res.body).toBe(200);
  types = res.json().data ?? res.json();
});
afterAll(() => t.close());

const read = async (agent = admin) => {
  const res = await agent.get('/api/v1/settings/sla');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Settings;
};

describe('SLA settings (GET/PATCH /settings/sla)', () => {
  it('every tenant starts with Mon–Fri 09:00–18:00 and the default targets, readable with tickets:view', async () => {
    const s = await read(viewer);
    expect(s.calendar).toEqual({
      timeZone: 'Asia/Shanghai',
      workDays: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '18:00',
      holidays: [],
      makeupDays: [],
    });
    expect(s.targets).toEqual(
      defaults.map((d) => ({ ...d, typeId: null, typeName: null, typeNameEn: null })),
    );
    expect(s.version).toBe(1);
  });

  it('tickets:view alone may not change them', async () => {
    const res = await viewer.patch('/api/v1/settings/sla', { calendar, version: 1 });
    expect(res.statusCode).toBe(403);
  });

  it('saves targets with a type-specific row and the calendar, audited; a stale version is 409', async () => {
    const complaint = types.find((x) => x.name === '投诉')!;
    const before = await read();
    const res = await admin.patch('/api/v1/settings/sla', {
      targets: [
        ...defaults,
        { priority: 'high', typeId: complaint.id, responseMinutes: 15, resolutionMinutes: 120 },
      ],
      calendar: {
        workDays: [5, 1, 2, 3, 4],
        start: '08:30',
        end: '17:30',
        holidays: ['2026-10-02', '2026-10-01'],
        makeupDays: ['2026-09-27'],
      },
      version: before.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json() as Settings;
    expect(saved.version).toBe(before.version + 1);
    expect(saved.calendar).toMatchObject({
      workDays: [1, 2, 3, 4, 5],
      start: '08:30',
      end: '17:30',
      holidays: ['2026-10-01', '2026-10-02'],
      makeupDays: ['2026-09-27'],
    });
    expect(saved.targets.filter((x) => x.priority === 'high')).toEqual([
      expect.objectContaining({ typeId: null, responseMinutes: 60 }),
      expect.objectContaining({
        typeId: complaint.id,
        typeName: '投诉',
        responseMinutes: 15,
        resolutionMinutes: 120,
      }),
    ]);
    expect(await read()).toEqual(saved);

    const stale = await admin.patch('/api/v1/settings/sla', { calendar, version: before.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    expect((await read()).calendar.start).toBe('08:30');

    const audit = await admin.get('/api/v1/audit-logs?entity=sla_settings&pageSize=100');
    expect(audit.statusCode, audit.body).toBe(200);
    const [entry] = audit.json().data as { action: string; changes: Record<string, [unknown, unknown]> }[];
    expect(entry.action).toBe('update');
    expect(Object.keys(entry.changes).sort()).toEqual([
      'endTime',
      'holidays',
      'makeupDays',
      'startTime',
      'targets',
    ]);
    expect(entry.changes.startTime).toEqual(['09:00', '08:30']);

    // the type's row wins for that type; other types get the priority's default
    const other = types.find((x) => x.name === '咨询')!;
    expect(await slaTargets(t.database.db, t.tenant.id, 'high', complaint.id)).toEqual({
      responseMinutes: 15,
      resolutionMinutes: 120,
    });
    expect(await slaTargets(t.database.db, t.tenant.id, 'high', other.id)).toEqual({
      responseMinutes: 60,
      resolutionMinutes: 480,
    });
    expect(await slaTargets(t.database.db, t.tenant.id, 'low', null)).toEqual({
      responseMinutes: 480,
      resolutionMinutes: 2400,
    });
    expect(await businessCalendar(t.database.db, t.tenant.id)).toEqual({
      timeZone: 'Asia/Shanghai',
      workDays: [1, 2, 3, 4, 5],
      start: '08:30',
      end: '17:30',
      holidays: ['2026-10-01', '2026-10-02'],
      makeupDays: ['2026-09-27'],
    });
  });

  it('a PATCH with only the calendar keeps the targets, and with only the targets keeps the calendar', async () => {
    const s = await read();
    const res = await admin.patch('/api/v1/settings/sla', {
      calendar: { ...calendar, holidays: [] },
      version: s.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Settings).targets).toEqual(s.targets);
    const again = await admin.patch('/api/v1/settings/sla', { targets: defaults, version: s.version + 1 });
    expect(again.statusCode, again.body).toBe(200);
    expect((again.json() as Settings).calendar).toMatchObject(calendar);
    expect((again.json() as Settings).targets).toHaveLength(4);
  });

  it('refuses bad input with the field, never a 500', async () => {
    const { version } = await read();
    const complaint = types.find((x) => x.name === '投诉')!;
    const cases: [unknown, string, string?][] = [
      [
        { targets: defaults.slice(0, 3).concat({ ...defaults[0], priority: 'urgent' }), version },
        'targets.3.typeId',
      ],
      [
        {
          targets: [
            ...defaults.filter((d) => d.priority !== 'low'),
            { priority: 'low', typeId: complaint.id, responseMinutes: 1, resolutionMinutes: 1 },
          ],
          version,
        },
        'targets',
      ],
      [
        { targets: [...defaults.slice(1), { ...defaults[0], resolutionMinutes: 10 }], version },
        'targets.3.resolutionMinutes',
      ],
      [
        { targets: [...defaults.slice(1), { ...defaults[0], responseMinutes: 0 }], version },
        'targets.3.responseMinutes',
      ],
      [
        { targets: [...defaults.slice(1), { ...defaults[0], priority: 'asap' }], version },
        'targets.3.priority',
      ],
      [
        {
          targets: [
            ...defaults,
            { priority: 'low', typeId: t.tenant.rootDepartmentId, responseMinutes: 1, resolutionMinutes: 1 },
          ],
          version,
        },
        'targets.4.typeId',
        'DICTIONARY_ITEM_MISMATCH',
      ],
      [{ calendar: { ...calendar, end: '09:00' }, version }, 'calendar.end'],
      [{ calendar: { ...calendar, start: '9:00' }, version }, 'calendar.start'],
      [{ calendar: { ...calendar, start: '24:00', end: '24:00' }, version }, 'calendar.start'],
      [{ calendar: { ...calendar, workDays: [1, 1] }, version }, 'calendar.workDays'],
      [{ calendar: { ...calendar, workDays: [8] }, version }, 'calendar.workDays.0'],
      [{ calendar: { ...calendar, workDays: [] }, version }, 'calendar.workDays'],
      [{ calendar: { ...calendar, holidays: ['2026-02-30'] }, version }, 'calendar.holidays.0'],
      [
        { calendar: { ...calendar, holidays: ['2026-10-01'], makeupDays: ['2026-10-01'] }, version },
        'calendar.makeupDays.0',
      ],
      [{ calendar: { ...calendar, extra: 1 }, version }, 'calendar'],
      [{ calendar }, 'version'],
      // one minute of business time a week cannot hold a target of 100 000 minutes within a century
      [
        {
          targets: [
            ...defaults.slice(0, 3),
            { priority: 'low', responseMinutes: 480, resolutionMinutes: 100_000 },
          ],
          calendar: { ...calendar, workDays: [1], start: '09:00', end: '09:01' },
          version,
        },
        'calendar',
      ],
    ];
    for (const [body, path, code = 'VALIDATION_FAILED'] of cases) {
      const res = await admin.patch('/api/v1/settings/sla', body);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(res.json().code, path).toBe(code);
      expect(
        (res.json().details as { path: string }[]).map((d) => d.path),
        `${path}: ${res.body}`,
      ).toContain(path);
    }
    expect((await read()).version).toBe(version);
  });

  it("keeps each tenant's settings apart", async () => {
    const s = await read();
    await admin.patch('/api/v1/settings/sla', {
      calendar: { ...calendar, start: '10:00' },
      version: s.version,
    });
    const other = await businessCalendar(t.database.db, t.other.id);
    expect(other.start).toBe('09:00');
  });
});

describe('SLA preview (POST /settings/sla/preview)', () => {
  it('shows when a ticket created at an instant is due, across a weekend and a holiday', async () => {
    const res = await viewer.post('/api/v1/settings/sla/preview', {
      calendar: { ...calendar, holidays: ['2026-06-08'] },
      targets: [
        { responseMinutes: 60, resolutionMinutes: 600 },
        { responseMinutes: 30, resolutionMinutes: 30 },
      ],
      // Friday 17:00 in Shanghai; Monday 06-08 is a holiday
      from: '2026-06-05T17:00:00+08:00',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      from: '2026-06-05T09:00:00.000Z',
      due: [
        // 60 min: Friday 17:00–18:00; 600: the rest of Friday, Monday off, all of Tuesday (18:00)
        { responseDueAt: '2026-06-05T10:00:00.000Z', resolutionDueAt: '2026-06-09T10:00:00.000Z' },
        { responseDueAt: '2026-06-05T09:30:00.000Z', resolutionDueAt: '2026-06-05T09:30:00.000Z' },
      ],
    });
  });

  it('defaults to now and refuses a bad calendar', async () => {
    const now = Date.now();
    const res = await viewer.post('/api/v1/settings/sla/preview', {
      calendar,
      targets: [{ responseMinutes: 1, resolutionMinutes: 1 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(Math.abs(Date.parse(res.json().from) - now)).toBeLessThan(60_000);
    const bad = await viewer.post('/api/v1/settings/sla/preview', {
      calendar: { ...calendar, end: '08:00' },
      targets: [{ responseMinutes: 1, resolutionMinutes: 1 }],
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('demo service levels', () => {
  it('puts the national holidays in the calendar and gives complaints faster targets', async () => {
    const demo = await createTestContext();
    try {
      await createDemoTenant(demo, [seedDemoOrganization, seedDemoSla]);
      const admin = await demo.login('admin', TEST_PASSWORD, demoCompany.code);
      const s = (await admin.get('/api/v1/settings/sla')).json() as Settings;
      expect(s.calendar.holidays).toContain('2026-10-01');
      expect(s.calendar.makeupDays).toEqual(['2026-09-20', '2026-10-10']);
      expect(
        s.targets.filter((x) => x.typeName === '投诉').map((x) => [x.priority, x.responseMinutes]),
      ).toEqual([
        ['high', 30],
        ['normal', 60],
      ]);
    } finally {
      await demo.close();
    }
  }, 120_000);
});
