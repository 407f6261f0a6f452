import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

let t: TestContext;
let admin: Agent;
let rep: Agent;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const role = await makeRole(admin, ['customers:view'], { customers: 'own' });
  const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
  rep = await t.login((u as unknown as { username: string }).username);
});
afterAll(() => t.close());

const defaults = {
  radiusMeters: 500,
  outOfRange: 'flag',
  photoRequired: true,
  accuracyLimitMeters: 200,
  workStart: '09:00',
  workEnd: '18:00',
  trackIntervalSeconds: 300,
};

describe('check-in rules (GET/PATCH /settings/check-in)', () => {
  it('answers the defaults to any signed-in user of the tenant', async () => {
    const res = await rep.get('/api/v1/settings/check-in');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject(defaults);
    expect(res.json().version).toEqual(expect.any(Number));
  });

  it('lets the administrator change them (audited, optimistic), not a salesperson; the other tenant keeps its own', async () => {
    const { version } = (await admin.get('/api/v1/settings/check-in')).json();
    const denied = await rep.patch('/api/v1/settings/check-in', { version, radiusMeters: 300 });
    expect(denied.statusCode).toBe(403);

    const changed = {
      radiusMeters: 300,
      outOfRange: 'reject',
      photoRequired: false,
      accuracyLimitMeters: 50,
      workStart: '08:30',
      workEnd: '17:30',
      trackIntervalSeconds: 60,
    };
    const ok = await admin.patch('/api/v1/settings/check-in', { version, ...changed });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ ...changed, version: version + 1 });
    expect((await rep.get('/api/v1/settings/check-in')).json()).toMatchObject(changed);

    const stale = await admin.patch('/api/v1/settings/check-in', { version, radiusMeters: 400 });
    expect(stale.json().code).toBe('CONFLICT');

    const audit = (await admin.get('/api/v1/audit-logs?entity=tenants')).json().data;
    expect(JSON.stringify(audit)).toContain('radiusMeters');

    const other = await t.login('admin', undefined, t.other.code);
    expect((await other.get('/api/v1/settings/check-in')).json()).toMatchObject(defaults);
  });

  it('refuses bad values with 400 on the field', async () => {
    const { version } = (await admin.get('/api/v1/settings/check-in')).json();
    for (const [bad, path] of [
      [{ radiusMeters: 0 }, 'radiusMeters'],
      [{ radiusMeters: 12.5 }, 'radiusMeters'],
      [{ outOfRange: 'warn' }, 'outOfRange'],
      [{ accuracyLimitMeters: -1 }, 'accuracyLimitMeters'],
      [{ trackIntervalSeconds: 10 }, 'trackIntervalSeconds'],
      [{ trackIntervalSeconds: 7200 }, 'trackIntervalSeconds'],
      [{ workStart: '9:00' }, 'workStart'],
      [{ workEnd: '24:00' }, 'workEnd'],
      [{ workStart: '18:00', workEnd: '09:00' }, 'workEnd'],
      // against the stored end (17:30 after the test above, or 18:00)
      [{ workStart: '19:00' }, 'workStart'],
      [{ workEnd: '07:00' }, 'workEnd'],
    ] as const) {
      const res = await admin.patch('/api/v1/settings/check-in', { version, ...bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().details, JSON.stringify(bad)).toEqual([expect.objectContaining({ path })]);
    }
    expect((await admin.get('/api/v1/settings/check-in')).json().version).toBe(version);
  });
});
