import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeDepartment, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { haversine, mileage } from './mileage.ts';
import { knownRoute } from './route-fixture.ts';

describeAuthz(authz);

const fixes = (points: { lat: number; lng: number; accuracy: number; at: string }[]) =>
  points.map((p) => ({ ...p, at: Date.parse(p.at) }));

describe('mileage (the jitter filter)', () => {
  it('measures a known route with noise, a stop, a GPS jump and a cell fix within 5% of its length', () => {
    const { points, trueLength } = knownRoute('2026-11-03');
    const raw = fixes(points);
    const { kept, distanceMeters } = mileage(raw, 200);
    expect(Math.abs(distanceMeters - trueLength) / trueLength).toBeLessThan(0.05);
    // unfiltered, the jump (two 5 km legs), the stop's wander and the cell fix add kilometres
    const naive = raw.slice(1).reduce((s, p, i) => s + haversine(raw[i], p), 0);
    expect(naive - trueLength).toBeGreaterThan(5000);
    expect(kept.length).toBeLessThan(points.length - 20);
  });

  it('drops fixes worse than the accuracy limit, moves inside the accuracy, and faster than 200 km/h', () => {
    const at = (min: number) => Date.parse('2026-11-03T09:00:00Z') + min * 60_000;
    const base = { lat: 31.2, lng: 121.5 };
    const north = (m: number) => base.lat + m / 111_320;
    const { kept, distanceMeters } = mileage(
      [
        { ...base, accuracy: 10, at: at(0) },
        { lat: north(500), lng: base.lng, accuracy: 500, at: at(1) }, // worse than the limit
        { lat: north(15), lng: base.lng, accuracy: 20, at: at(2) }, // inside its accuracy: standing
        { lat: north(15_000), lng: base.lng, accuracy: 10, at: at(3) }, // 15 km in 3 min: a jump
        { lat: north(1000), lng: base.lng, accuracy: 10, at: at(4) }, // 1 km in 4 min: driving
      ],
      200,
    );
    expect(kept).toEqual([0, 4]);
    expect(distanceMeters).toBeGreaterThan(995);
    expect(distanceMeters).toBeLessThan(1005);
    expect(mileage([], 200)).toEqual({ kept: [], distanceMeters: 0 });
  });
});

describe('tracks', () => {
  let t: TestContext;
  let admin: Agent;
  let field: Agent;
  let fieldUser: { id: string };
  let lead: Agent;
  let strangerUser: { id: string };
  let stranger: Agent;

  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.admin();
    const team = await makeDepartment(admin, t.tenant.rootDepartmentId);
    const other = await makeDepartment(admin, t.tenant.rootDepartmentId);
    const sender = await makeRole(admin, ['check-ins:create']);
    const viewer = await makeRole(admin, ['tracks:view', 'check-ins:create'], { tracks: 'department' });
    const leadUser = await makeUser(admin, { departmentId: team.id, roleIds: [viewer.id] });
    fieldUser = await makeUser(admin, { departmentId: team.id, roleIds: [sender.id] });
    strangerUser = await makeUser(admin, { departmentId: other.id, roleIds: [sender.id] });
    field = await t.login((fieldUser as { username?: string }).username as string);
    lead = await t.login(leadUser.username);
    stranger = await t.login((strangerUser as { username?: string }).username as string);
  });
  afterAll(() => t.close());

  it('stores a batch once: the same points again are duplicates, a resent batch with new ones adds only those', async () => {
    const { points } = knownRoute('2026-11-04');
    const first = await field.post('/api/v1/tracks', { points: points.slice(0, 30) });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ accepted: 30, duplicates: 0 });
    const again = await field.post('/api/v1/tracks', { points: points.slice(0, 30) });
    expect(again.json()).toEqual({ accepted: 0, duplicates: 30 });
    const rest = await field.post('/api/v1/tracks', { points: points.slice(20) });
    expect(rest.json()).toEqual({ accepted: points.length - 30, duplicates: 10 });
    // the same instant twice in one batch is stored once
    const twice = await field.post('/api/v1/tracks', {
      points: [
        { lat: 31.2, lng: 121.5, accuracy: 10, at: '2026-11-05T10:00:00+08:00' },
        { lat: 31.2001, lng: 121.5, accuracy: 10, at: '2026-11-05T02:00:00.000Z' },
      ],
    });
    expect(twice.json()).toEqual({ accepted: 1, duplicates: 1 });
  });

  it("answers a day's raw points in time order, the kept ones and the mileage within 5% of the route", async () => {
    const { points, trueLength } = knownRoute('2026-11-04');
    const res = await lead.get(`/api/v1/tracks?userId=${fieldUser.id}&date=2026-11-04`);
    expect(res.statusCode, res.body).toBe(200);
    const day = res.json();
    expect(day.userId).toBe(fieldUser.id);
    expect(day.points).toHaveLength(points.length);
    expect(day.points.map((p: { at: string }) => p.at)).toEqual(points.map((p) => p.at));
    expect(day.kept.length).toBeGreaterThan(1);
    expect(day.kept).toEqual([...day.kept].sort((a: number, b: number) => a - b));
    expect(Math.abs(day.distanceMeters - trueLength) / trueLength).toBeLessThan(0.05);
    // the tenant's day (Asia/Shanghai): 09:00 local is in it, the next day is empty
    const next = await lead.get(`/api/v1/tracks?userId=${fieldUser.id}&date=2026-11-05`);
    expect(next.json().points.map((p: { at: string }) => p.at)).toEqual(['2026-11-05T02:00:00.000Z']);
  });

  it('follows the accuracy limit of the check-in settings', async () => {
    await field.post('/api/v1/tracks', {
      points: [
        { lat: 31.3, lng: 121.5, accuracy: 50, at: '2026-11-06T09:00:00+08:00' },
        { lat: 31.31, lng: 121.5, accuracy: 150, at: '2026-11-06T09:05:00+08:00' },
      ],
    });
    const url = `/api/v1/tracks?userId=${fieldUser.id}&date=2026-11-06`;
    expect((await lead.get(url)).json()).toMatchObject({ kept: [0, 1] });
    const settings = (await admin.get('/api/v1/settings/check-in')).json();
    const patched = await admin.patch('/api/v1/settings/check-in', {
      version: settings.version,
      accuracyLimitMeters: 100,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    try {
      expect((await lead.get(url)).json()).toMatchObject({ kept: [0], distanceMeters: 0 });
    } finally {
      await admin.patch('/api/v1/settings/check-in', {
        version: patched.json().version,
        accuracyLimitMeters: 200,
      });
    }
  });

  it('keeps each user to their own points: the same times from another user are theirs', async () => {
    const res = await stranger.post('/api/v1/tracks', {
      points: [{ lat: 22.54, lng: 114.05, accuracy: 10, at: '2026-11-04T09:00:00+08:00' }],
    });
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0 });
  });

  it('404s a user outside the tracks scope, and the summary lists only the people in it', async () => {
    const out = await lead.get(`/api/v1/tracks?userId=${strangerUser.id}&date=2026-11-04`);
    expect(out.statusCode).toBe(404);
    expect(out.json().code).toBe('NOT_FOUND');
    const unknown = await lead.get(
      '/api/v1/tracks?userId=01000000-0000-7000-8000-000000000000&date=2026-11-04',
    );
    expect(unknown.statusCode).toBe(404);
    const summary = await lead.get('/api/v1/tracks/summary?date=2026-11-04');
    expect(summary.statusCode, summary.body).toBe(200);
    const { points, trueLength } = knownRoute('2026-11-04');
    const last = points[points.length - 1];
    expect(summary.json().data).toEqual([
      {
        id: fieldUser.id,
        userId: fieldUser.id,
        name: expect.any(String),
        points: points.length,
        distanceMeters: expect.any(Number),
        lastAt: last.at,
        lastLat: last.lat,
        lastLng: last.lng,
      },
    ]);
    expect(Math.abs(summary.json().data[0].distanceMeters - trueLength) / trueLength).toBeLessThan(0.05);
    // a day nobody sent points: nobody listed
    expect((await lead.get('/api/v1/tracks/summary?date=2026-10-01')).json()).toEqual({ data: [] });
  });

  it('refuses bad input with 400 VALIDATION_FAILED and the field', async () => {
    const point = { lat: 31.2, lng: 121.5, accuracy: 10, at: '2026-11-04T12:00:00+08:00' };
    const bad = async (body: unknown, path: string) => {
      const res = await field.post('/api/v1/tracks', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.json().details)).toContain(path);
    };
    await bad({ points: [] }, 'points');
    await bad({ points: Array.from({ length: 501 }, () => point) }, 'points');
    await bad({ points: [{ ...point, lat: 91 }] }, 'lat');
    await bad({ points: [{ ...point, lng: -180.5 }] }, 'lng');
    await bad({ points: [{ ...point, accuracy: -1 }] }, 'accuracy');
    await bad({ points: [{ ...point, at: 'yesterday' }] }, 'at');
    await bad(
      { points: [point, { ...point, at: new Date(Date.now() + 6 * 60_000).toISOString() }] },
      'points.1.at',
    );
    // a phone clock a little ahead is fine
    const ahead = await field.post('/api/v1/tracks', {
      points: [{ ...point, at: new Date(Date.now() + 2 * 60_000).toISOString() }],
    });
    expect(ahead.statusCode, ahead.body).toBe(200);
    const q = await lead.get(`/api/v1/tracks?userId=${fieldUser.id}&date=2026-13-45`);
    expect(q.statusCode).toBe(400);
    expect((await lead.get('/api/v1/tracks?userId=nope&date=2026-11-04')).statusCode).toBe(400);
    expect((await lead.get('/api/v1/tracks/summary')).statusCode).toBe(400);
  });
});
