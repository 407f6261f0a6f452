import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, multipart } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { countCheckIns } from './service.ts';
import { createCheckInAs, photoJpeg, postCheckIn } from './test-helpers.ts';

let t: TestContext;
let admin: Agent;
let rep: Agent;
let repUser: { id: string };
let other: Agent;

const fieldPermissions = [
  'check-ins:view',
  'check-ins:create',
  'customers:view',
  'customers:create',
  'customers:edit',
];

/** 人民广场, Shanghai (WGS-84). */
const SHANGHAI = { lat: 31.2304, lng: 121.4737 };
/** About 3 km north of it. */
const THREE_KM_NORTH = { lat: SHANGHAI.lat + 3000 / 111_195, lng: SHANGHAI.lng };

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

async function settings(values: Record<string, unknown>) {
  const { version } = (await admin.get('/api/v1/settings/check-in')).json();
  const res = await admin.patch('/api/v1/settings/check-in', { version, ...values });
  expect(res.statusCode, res.body).toBe(200);
}

async function listCount(agent: Agent, query: string) {
  const res = await agent.get(`/api/v1/check-ins?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().total as number;
}

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const role = await makeRole(admin, fieldPermissions, { 'check-ins': 'own', customers: 'own' });
  repUser = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
  rep = await t.login((repUser as unknown as { username: string }).username);
  const otherUser = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
  other = await t.login(otherUser.username);
});
afterAll(() => t.close());

describe('POST /check-ins', () => {
  it('stores a check-in with server time, the area resolved offline and the photo with a stamped copy', async () => {
    const photo = await photoJpeg(undefined, { width: 320, height: 240 });
    const before = Date.now();
    const res = await postCheckIn(
      rep,
      { type: 'attendance-in', ...SHANGHAI, accuracy: 15, note: '上班' },
      { photo: { name: 'camera.jpg', content: photo, type: 'image/jpeg' } },
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      type: 'attendance-in',
      userId: repUser.id,
      lat: SHANGHAI.lat,
      lng: SHANGHAI.lng,
      accuracy: 15,
      distanceMeters: null,
      area: { province: '上海市', city: '上海市' },
      photo: { sha256: sha256(photo), size: photo.length, width: 320, height: 240 },
      flags: [],
    });
    expect(Date.parse(body.serverTime)).toBeGreaterThanOrEqual(before - 1000);
    // the copy people see is a stamped JPEG of the same size; the original is kept byte for byte
    const copy = await rep.get(`/api/v1/files/${body.photo.fileId}/content`);
    expect(copy.statusCode).toBe(200);
    expect(copy.headers['content-type']).toBe('image/jpeg');
    expect(copy.rawPayload.equals(photo)).toBe(false);
    const original = await rep.get(`/api/v1/files/${body.photo.originalFileId}/content`);
    expect(sha256(original.rawPayload)).toBe(sha256(photo));
    expect((await rep.get(`/api/v1/files/${body.photo.fileId}/content?thumbnail=1`)).statusCode).toBe(200);
    const { default: sharp } = await import('sharp');
    const meta = await sharp(copy.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([320, 240]);
    // …and the record, with who made it, by id
    const one = await rep.get(`/api/v1/check-ins/${body.id}`);
    expect(one.json()).toMatchObject({ id: body.id, note: '上班', customerId: null, customerName: null });
    expect(one.json().userName).toEqual(expect.any(String));
  });

  it('needs an Idempotency-Key', async () => {
    const res = await postCheckIn(rep, { ...SHANGHAI }, { key: null });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('answers a replay of the key with the same record, never a second one — also when both arrive at once', async () => {
    const photo = await photoJpeg();
    const fields = {
      type: 'activity',
      ...SHANGHAI,
      accuracy: 10,
      capturedAt: new Date().toISOString(),
      note: '地推',
    };
    const send = (key: string) => postCheckIn(rep, fields, { key, photo: { name: 'p.jpg', content: photo } });
    const key = randomUUID();
    const first = await send(key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await send(key);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(first.json().id);

    const racing = randomUUID();
    const both = await Promise.all([send(racing), send(racing)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(both[0].json().id).toBe(both[1].json().id);
    const rows = await t.database.db.execute(
      `SELECT count(*)::int AS n FROM check_ins WHERE idempotency_key IN ('${key}', '${racing}')`,
    );
    expect((rows.rows[0] as { n: number }).n).toBe(2);
    // the loser's photos were not left behind: two files per check-in
    const files = await t.database.db.execute(
      `SELECT count(*)::int AS n FROM files WHERE entity = 'check-ins' AND entity_id IN ('${first.json().id}', '${both[0].json().id}')`,
    );
    expect((files.rows[0] as { n: number }).n).toBe(4);
  });

  it('refuses the same key with a different request (422 IDEMPOTENCY_KEY_REUSED)', async () => {
    const key = randomUUID();
    expect((await postCheckIn(rep, { ...SHANGHAI }, { key })).statusCode).toBe(201);
    const res = await postCheckIn(rep, { ...SHANGHAI, note: '另一次' }, { key });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('keeps keys per user: the same key from someone else is their own check-in', async () => {
    const key = randomUUID();
    const mine = await postCheckIn(rep, { ...SHANGHAI }, { key });
    const theirs = await postCheckIn(other, { ...SHANGHAI }, { key });
    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
    expect(mine.json().id).not.toBe(theirs.json().id);
  });

  it('refuses a text file or a web page sent as the photo (400 INVALID_PHOTO), storing nothing', async () => {
    for (const photo of [
      { name: 'photo.jpg', content: '这不是照片，只是一段文字。', type: 'image/jpeg' },
      { name: 'photo.jpg', content: '<html><script>alert(1)</script></html>', type: 'image/jpeg' },
    ]) {
      const key = randomUUID();
      const res = await postCheckIn(rep, { ...SHANGHAI }, { key, photo });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('INVALID_PHOTO');
      const rows = await t.database.db.execute(`SELECT 1 FROM check_ins WHERE idempotency_key = '${key}'`);
      expect(rows.rows).toHaveLength(0);
    }
  });

  it('needs a photo while the rules say so (400 PHOTO_REQUIRED), and takes none when they do not', async () => {
    const refused = await postCheckIn(rep, { ...SHANGHAI }, { photo: null });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('PHOTO_REQUIRED');
    await settings({ photoRequired: false });
    try {
      const res = await postCheckIn(rep, { ...SHANGHAI }, { photo: null });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().photo).toBeNull();
    } finally {
      await settings({ photoRequired: true });
    }
  });

  it('limits the photo to the tenant’s file size (413 FILE_TOO_LARGE)', async () => {
    const tenant = (await admin.get('/api/v1/tenant')).json();
    const lowered = await admin.patch('/api/v1/tenant', { version: tenant.version, fileMaxBytes: 2048 });
    expect(lowered.statusCode, lowered.body).toBe(200);
    try {
      const big = await photoJpeg(undefined, { width: 400, height: 300 });
      const noisy = Buffer.concat([big, Buffer.alloc(4096, 7)]); // a JPEG with trailing bytes, > 2 KiB
      const res = await postCheckIn(rep, { ...SHANGHAI }, { photo: { name: 'big.jpg', content: noisy } });
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('FILE_TOO_LARGE');
    } finally {
      const now = (await admin.get('/api/v1/tenant')).json();
      await admin.patch('/api/v1/tenant', { version: now.version, fileMaxBytes: 20 * 1024 * 1024 });
    }
  });

  it('refuses a note with a NUL or other control character (400, never a 500)', async () => {
    const res = await postCheckIn(rep, { ...SHANGHAI, note: 'a\u0000b' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('note');
  });

  it('refuses coordinates out of range, a latitude without longitude, and a capture more than 5 minutes ahead', async () => {
    for (const [fields, path] of [
      [{ lat: 91, lng: 121 }, 'lat'],
      [{ lat: 31, lng: -181 }, 'lng'],
      [{ lat: 31 }, 'lng'],
      [{ ...SHANGHAI, accuracy: -1 }, 'accuracy'],
      [{ ...SHANGHAI, capturedAt: minutesFromNow(10) }, 'capturedAt'],
      [{ ...SHANGHAI, capturedAt: 'yesterday' }, 'capturedAt'],
      [{ ...SHANGHAI, type: 'lunch' }, 'type'],
    ] as const) {
      const res = await postCheckIn(rep, fields);
      expect(res.statusCode, JSON.stringify(fields)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().details.map((d: { path: string }) => d.path)).toContain(path);
    }
    // a device clock a little ahead is fine
    expect((await postCheckIn(rep, { ...SHANGHAI, capturedAt: minutesFromNow(2) })).statusCode).toBe(201);
  });

  it('flags low accuracy, a late sync, a reused photo and a missing location', async () => {
    const low = await createCheckInAs(rep, { accuracy: 5000 });
    expect(low.flags).toEqual(['low_accuracy']);
    const late = await createCheckInAs(rep, { capturedAt: minutesFromNow(-30) });
    expect(late.flags).toEqual(['late_sync']);
    const recent = await createCheckInAs(rep, { capturedAt: minutesFromNow(-2) });
    expect(recent.flags).toEqual([]);

    const photo = await photoJpeg();
    const first = await postCheckIn(rep, { ...SHANGHAI }, { photo: { name: 'a.jpg', content: photo } });
    expect(first.json().flags).toEqual([]);
    // someone else sending the same picture later: flagged (the tenant has seen it)
    const reused = await postCheckIn(other, { ...SHANGHAI }, { photo: { name: 'b.jpg', content: photo } });
    expect(reused.statusCode).toBe(201);
    expect(reused.json().flags).toEqual(['photo_reused']);

    const nowhere = await postCheckIn(rep, { type: 'attendance-out' });
    expect(nowhere.statusCode, nowhere.body).toBe(201);
    expect(nowhere.json()).toMatchObject({
      lat: null,
      lng: null,
      flags: ['no_location'],
      area: { province: null },
    });
  });
});

describe('visits: the customer and the radius', () => {
  let customer: { id: string; name: string };
  beforeAll(async () => {
    customer = await makeCustomer(rep, { ...SHANGHAI, address: '上海市黄浦区人民大道' });
  });

  it('needs a customer the caller can see (404 otherwise, 400 without one)', async () => {
    const hidden = await makeCustomer(admin, { lat: 31.2, lng: 121.4 });
    const res = await postCheckIn(rep, { type: 'visit-in', ...SHANGHAI, customerId: hidden.id });
    expect(res.statusCode).toBe(404);
    const none = await postCheckIn(rep, { type: 'visit-in', ...SHANGHAI });
    expect(none.statusCode).toBe(400);
    expect(none.json().details[0].path).toBe('customerId');
  });

  it('measures the distance to the customer; within the radius no flag', async () => {
    const near = { lat: SHANGHAI.lat + 100 / 111_195, lng: SHANGHAI.lng };
    const res = await createCheckInAs(rep, { type: 'visit-in', ...near, customerId: customer.id });
    expect(res.distanceMeters).toBeCloseTo(100, -1);
    expect(res.flags).toEqual([]);
    const item = (await rep.get(`/api/v1/check-ins/${res.id}`)).json();
    expect(item).toMatchObject({ customerId: customer.id, customerName: customer.name, radiusMeters: 500 });
  });

  it('3 km away: refused with the distance in reject mode (nothing stored), kept and flagged in flag mode', async () => {
    await settings({ outOfRange: 'reject' });
    try {
      const refused = await postCheckIn(rep, {
        type: 'visit-in',
        ...THREE_KM_NORTH,
        customerId: customer.id,
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe('CHECKIN_OUT_OF_RANGE');
      expect(refused.json().details.radiusMeters).toBe(500);
      expect(refused.json().details.distanceMeters).toBeGreaterThan(2950);
      expect(refused.json().details.distanceMeters).toBeLessThan(3050);
      expect(await listCount(rep, `customerId=${customer.id}&type=visit-out`)).toBe(0);
    } finally {
      await settings({ outOfRange: 'flag' });
    }
    const kept = await createCheckInAs(rep, {
      type: 'visit-out',
      ...THREE_KM_NORTH,
      customerId: customer.id,
    });
    expect(kept.flags).toEqual(['far_from_customer']);
    expect(kept.distanceMeters).toBeCloseTo(3000, -2);
    expect(await listCount(rep, `customerId=${customer.id}&type=visit-out`)).toBe(1);
  });

  it('lists nearby customers the caller can see, nearest first, with their distance', async () => {
    const far = await makeCustomer(rep, { ...THREE_KM_NORTH });
    await makeCustomer(admin, { lat: SHANGHAI.lat + 0.0001, lng: SHANGHAI.lng }); // not the rep's
    const res = await rep.get(
      `/api/v1/check-ins/nearby-customers?lat=${SHANGHAI.lat}&lng=${SHANGHAI.lng}&limit=50`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().data.map((c: { id: string }) => c.id);
    expect(ids.indexOf(customer.id)).toBeLessThan(ids.indexOf(far.id));
    expect(ids).toHaveLength(ids.filter((id: string) => id === customer.id || id === far.id).length);
    const distances = res.json().data.map((c: { distanceMeters: number }) => c.distanceMeters);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(res.json().data.at(-1).distanceMeters).toBeCloseTo(3000, -2);
    expect((await rep.get('/api/v1/check-ins/nearby-customers?lat=95&lng=121')).statusCode).toBe(400);
  });

  it('设为客户位置: the customer takes the visit’s coordinates, audited; without customers:edit 403', async () => {
    const bare = await makeCustomer(rep, { name: `无位置客户${randomUUID().slice(0, 6)}` });
    const spot = { lat: 31.22222, lng: 121.45555 };
    const visit = await createCheckInAs(rep, { type: 'visit-in', ...spot, customerId: bare.id });
    expect(visit.distanceMeters).toBeNull();
    const res = await rep.post(`/api/v1/check-ins/${visit.id}/set-customer-location`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ customerId: bare.id, ...spot });
    const after = (await rep.get(`/api/v1/customers/${bare.id}`)).json();
    expect([after.lat, after.lng]).toEqual([spot.lat, spot.lng]);
    const history = (await rep.get(`/api/v1/customers/${bare.id}/history`)).json().data;
    expect(history.map((h: { field: string }) => h.field)).toContain('lat');

    const viewOnly = await makeRole(admin, ['check-ins:view', 'check-ins:create', 'customers:view'], {
      'check-ins': 'all',
      customers: 'all',
    });
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [viewOnly.id] });
    const viewer = await t.login(u.username);
    expect((await viewer.post(`/api/v1/check-ins/${visit.id}/set-customer-location`)).statusCode).toBe(403);
    // an attendance check-in has no customer to move
    const plain = await createCheckInAs(rep);
    expect((await rep.post(`/api/v1/check-ins/${plain.id}/set-customer-location`)).statusCode).toBe(400);
  });
});

describe('reading check-ins', () => {
  it('keeps them in scope: another rep sees neither the list entry, the record nor its photos', async () => {
    const mine = await createCheckInAs(rep);
    const photo = mine.photo as { fileId: string; originalFileId: string };
    expect((await other.get(`/api/v1/check-ins/${mine.id}`)).statusCode).toBe(404);
    const listed = (await other.get('/api/v1/check-ins?pageSize=100'))
      .json()
      .data.map((r: { id: string }) => r.id);
    expect(listed).not.toContain(mine.id);
    expect((await other.get(`/api/v1/files/${photo.fileId}/content`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/files/${photo.originalFileId}/content`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/files?entity=check-ins&entityId=${mine.id}`)).statusCode).toBe(404);
    // the maker sees them but can neither delete nor add: a check-in's photos are never changed
    expect((await rep.delete(`/api/v1/files/${photo.fileId}`)).statusCode).toBe(403);
    const body = multipart(
      { entity: 'check-ins', entityId: mine.id },
      { file: { name: 'x.jpg', content: await photoJpeg() } },
    );
    const added = await rep.request('POST', '/api/v1/files', body.payload, { headers: body.headers });
    expect(added.statusCode).toBe(403);
  });

  it('filters by day (tenant time zone), type, person and customer', async () => {
    const dept = await makeDepartment(admin, t.tenant.rootDepartmentId);
    const role = await makeRole(admin, ['check-ins:view', 'check-ins:create'], { 'check-ins': 'department' });
    const a = await makeUser(admin, { departmentId: dept.id, roleIds: [role.id] });
    const b = await makeUser(admin, { departmentId: dept.id, roleIds: [role.id] });
    const agentA = await t.login(a.username);
    const agentB = await t.login(b.username);
    // 2026-11-03 00:30 in Shanghai is 2026-11-02 16:30 UTC: the 3rd there
    await createCheckInAs(agentA, { capturedAt: '2026-11-03T00:30:00+08:00' });
    await createCheckInAs(agentA, { type: 'attendance-out', capturedAt: '2026-11-03T18:30:00+08:00' });
    await createCheckInAs(agentB, { capturedAt: '2026-11-02T23:30:00+08:00' });
    expect(await listCount(agentA, 'date=2026-11-03')).toBe(2);
    expect(await listCount(agentA, 'date=2026-11-02')).toBe(1);
    expect(await listCount(agentA, `date=2026-11-03&userId=${a.id}&type=attendance-out`)).toBe(1);
    expect(await listCount(agentA, `userId=${b.id}`)).toBe(1);
    const page = (await agentA.get('/api/v1/check-ins?date=2026-11-03')).json();
    // newest capture first
    expect(page.data.map((r: { type: string }) => r.type)).toEqual(['attendance-out', 'attendance-in']);
    expect((await agentA.get('/api/v1/check-ins?date=2026-13-01')).statusCode).toBe(400);

    const from = new Date('2026-11-02T16:00:00Z');
    const to = new Date('2026-11-03T16:00:00Z');
    expect(await countCheckIns(t.database.db, t.tenant.id, a.id, from, to)).toEqual({
      checkIns: 2,
      visits: 0,
    });
  });
});

describeAuthz(authz);
