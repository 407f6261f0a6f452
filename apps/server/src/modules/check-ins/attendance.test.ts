import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeDepartment, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createCheckInAs } from './test-helpers.ts';

/** 考勤: a day's first 上班签到 and last 下班签退 against the work hours, in the attendance scope. */
let t: TestContext;
let admin: Agent;

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
});
afterAll(() => t.close());

describe('GET /attendance', () => {
  it('gives each person in scope the first in and last out against the work hours', async () => {
    const dept = await makeDepartment(admin, t.tenant.rootDepartmentId);
    const field = await makeRole(admin, ['check-ins:create'], {});
    const people: Record<string, { id: string; username: string }> = {};
    for (const who of ['normal', 'late', 'early', 'both', 'noOut', 'missing'])
      people[who] = await makeUser(admin, { departmentId: dept.id, roleIds: [field.id] });
    const day = '2026-11-04';
    const at = (hhmm: string) => `${day}T${hhmm}:00+08:00`;
    const plan: Record<string, [string, string][]> = {
      normal: [
        ['attendance-in', '08:55'],
        ['attendance-in', '09:20'], // the first one counts
        ['attendance-out', '17:10'],
        ['attendance-out', '18:05'], // the last one counts
      ],
      late: [
        ['attendance-in', '09:01'],
        ['attendance-out', '18:30'],
      ],
      early: [
        ['attendance-in', '08:30'],
        ['attendance-out', '17:00'],
      ],
      both: [
        ['attendance-in', '09:30'],
        ['attendance-out', '17:30'],
      ],
      noOut: [['attendance-in', '09:00']],
      missing: [['attendance-out', '18:00']],
    };
    for (const [who, events] of Object.entries(plan)) {
      const agent = await t.login(people[who].username);
      for (const [type, time] of events) await createCheckInAs(agent, { type, capturedAt: at(time) });
    }
    const viewerRole = await makeRole(admin, ['attendance:view'], { attendance: 'department' });
    const viewerUser = await makeUser(admin, { departmentId: dept.id, roleIds: [viewerRole.id] });
    const viewer = await t.login(viewerUser.username);
    const res = await viewer.get(`/api/v1/attendance?date=${day}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ date: day, workStart: '09:00', workEnd: '18:00' });
    const status = (who: string) => body.data.find((r: { userId: string }) => r.userId === people[who].id);
    expect(status('normal')).toMatchObject({
      status: 'normal',
      checkInAt: new Date(at('08:55')).toISOString(),
      checkOutAt: new Date(at('18:05')).toISOString(),
    });
    expect(status('late').status).toBe('late');
    expect(status('early').status).toBe('early');
    expect(status('both').status).toBe('late-and-early');
    // 09:00 sharp is on time; no 签退 on a day that is over is leaving early
    expect(status('noOut').status).toBe('early');
    expect(status('missing')).toMatchObject({ status: 'missing', checkInAt: null });
    // the viewer's department only: the admin in the root department is not in it
    expect(body.data.map((r: { userId: string }) => r.userId)).not.toContain(admin.user.id);
    const one = await viewer.get(`/api/v1/attendance/${people.late.id}?date=${day}`);
    expect(one.json().data).toEqual([expect.objectContaining({ userId: people.late.id, status: 'late' })]);
    expect((await viewer.get(`/api/v1/attendance/${admin.user.id}?date=${day}`)).statusCode).toBe(404);
    expect((await viewer.get('/api/v1/attendance?date=2026-11-31x')).statusCode).toBe(400);
  });
});
