import { createHash } from 'node:crypto';
import type { CheckInFlag, CheckInSettings, CheckInType } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { writeAudit } from '../../platform/audit.ts';
import { dayIn, zoneOffsetMs } from '../../platform/dates.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type Rng, rng } from '../../platform/random.ts';
import { textList } from '../../platform/sql-lists.ts';
import { demoVisitTargets } from '../customers/location-service.ts';
import { fileStorages, recordFiles } from '../files/record-files-service.ts';
import { getCheckInSettings, getTenant } from '../organization/tenants-service.ts';
import { haversineMeters, resolveArea } from './geo.ts';
import { storePhotoFiles } from './photo-files.ts';
import * as repo from './repository.ts';
import { ENTITY, localTime } from './service.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Workdays back from today that get check-ins. */
const DAYS = 15;
/** The demo people in the field: 华东's account managers (刘洋 and 黄伟 in Shanghai, and more). */
const PEOPLE: { username: string; home: { lat: number; lng: number } }[] = [
  { username: 'liuyang', home: { lat: 31.2214, lng: 121.5447 } }, // 浦东 陆家嘴
  { username: 'huangwei', home: { lat: 31.1884, lng: 121.4365 } }, // 徐汇
];

/** The UTC instant of a local wall-clock time on a date in a time zone. */
function zoned(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d, 0, minutes);
  return new Date(guess - zoneOffsetMs(guess, timeZone));
}

/** A phone-camera-like picture, different every time (so photo_reused stays rare). */
async function demoPhoto(r: Rng) {
  const { default: sharp } = await import('sharp');
  const hue = () => Math.floor(r.next() * 255);
  const rects = Array.from({ length: 6 }, () => {
    const x = Math.floor(r.next() * 560);
    const y = Math.floor(r.next() * 360);
    return `<rect x="${x}" y="${y}" width="${40 + Math.floor(r.next() * 200)}" height="${30 + Math.floor(r.next() * 160)}" fill="rgb(${hue()},${hue()},${hue()})" fill-opacity="0.8"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="640" height="480" fill="rgb(${hue()},${hue()},${hue()})"/>${rects}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

/** A point `meters` away from `p` in a random direction. */
function near(r: Rng, p: { lat: number; lng: number }, meters: number) {
  const angle = r.next() * 2 * Math.PI;
  return {
    lat: p.lat + (Math.sin(angle) * meters) / 111_195,
    lng: p.lng + (Math.cos(angle) * meters) / (111_195 * Math.cos((p.lat * Math.PI) / 180)),
  };
}

type Planned = {
  type: CheckInType;
  at: Date;
  point: { lat: number; lng: number };
  accuracy: number;
  customer?: { id: string; name: string; lat: number; lng: number };
  reusePhoto?: boolean;
};

/**
 * A few weeks of field work for the demo's Shanghai account managers (manifest `seedDemo`): 上班
 *签到 and 下班签退 each workday (a few late or early), two or three customer visits in between (签到
 * and 签退 at the customer, now and then too far away or with a weak fix), each with a generated
 * photo and its stamped copy — and this morning's check-ins for 刘洋, so today's map is not empty.
 */
export async function seedDemoCheckIns(db: Db, demo: DemoTenant) {
  const { timezone } = await getTenant(db, demo.tenantId);
  const settings = await getCheckInSettings(db, demo.tenantId);
  const storages = fileStorages(db, undefined); // demo photos live in the database
  const people = (
    await db.execute(sql`SELECT id, username, name, department_id FROM users WHERE tenant_id = ${demo.tenantId}
      AND username = ANY(${textList(PEOPLE.map((p) => p.username))}) AND deleted_at IS NULL`)
  ).rows as { id: string; username: string; name: string; department_id: string }[];
  const now = Date.now();
  const today = dayIn(timezone, new Date(now));
  const [startH, startM] = settings.workStart.split(':').map(Number);
  const [endH, endM] = settings.workEnd.split(':').map(Number);
  const workStart = startH * 60 + startM;
  const workEnd = endH * 60 + endM;
  for (const [n, person] of people.entries()) {
    const spec = PEOPLE.find((p) => p.username === person.username)!;
    const r = rng(20261205 + n);
    const actor = { tenantId: demo.tenantId, userId: person.id, userName: person.name };
    const customers = await demoVisitTargets(db, actor, spec.home, 8);
    const plan: Planned[] = [];
    for (let back = DAYS; back >= 0; back--) {
      const date = dayIn(timezone, new Date(now - back * DAY));
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      const at = (minutes: number) => zoned(date, minutes, timezone);
      const office = () => near(r, spec.home, 20 + r.next() * 60);
      const inAt = workStart - 25 + Math.floor(r.next() * (r.chance(0.15) ? 60 : 24));
      plan.push({ type: 'attendance-in', at: at(inAt), point: office(), accuracy: 10 + r.next() * 30 });
      let clock = workStart + 60 + Math.floor(r.next() * 60);
      const visits = customers.length ? 2 + Math.floor(r.next() * 2) : 0;
      for (let v = 0; v < visits; v++) {
        const customer = customers[Math.floor(r.next() * customers.length)];
        const far = r.chance(0.08);
        const spot = near(r, customer, far ? 800 + r.next() * 1500 : 15 + r.next() * 180);
        const accuracy = r.chance(0.06) ? 250 + r.next() * 300 : 8 + r.next() * 40;
        plan.push({
          type: 'visit-in',
          at: at(clock),
          point: spot,
          accuracy,
          customer,
          reusePhoto: r.chance(0.03),
        });
        clock += 35 + Math.floor(r.next() * 50);
        plan.push({
          type: 'visit-out',
          at: at(clock),
          point: near(r, spot, 10 + r.next() * 30),
          accuracy,
          customer,
        });
        clock += 40 + Math.floor(r.next() * 60);
      }
      const outAt = workEnd - (r.chance(0.12) ? 40 : 0) + Math.floor(r.next() * 40);
      plan.push({ type: 'attendance-out', at: at(outAt), point: office(), accuracy: 10 + r.next() * 30 });
    }
    // only what has happened: today's check-ins up to now (liuyang's first one even before work starts)
    const done = plan.filter((c) => c.at.getTime() <= now);
    if (person.username === 'liuyang' && !done.some((c) => dayIn(timezone, c.at) === today)) {
      done.push({
        type: 'attendance-in',
        at: new Date(now - 20 * MINUTE),
        point: near(r, spec.home, 30),
        accuracy: 18,
      });
    }
    const seed: SeedContext = {
      db,
      storages,
      actor,
      departmentId: person.department_id,
      settings,
      timeZone: timezone,
    };
    let lastPhoto: Buffer | undefined;
    for (const c of done) {
      const photo = c.reusePhoto && lastPhoto ? lastPhoto : await demoPhoto(r);
      lastPhoto = photo;
      // the demo's phones were online: received a few seconds after capture
      const serverTime = new Date(c.at.getTime() + 2000 + Math.floor(r.next() * 8000));
      await insertDemoCheckIn(seed, c, photo, serverTime);
    }
  }
}

type SeedContext = {
  db: Db;
  storages: ReturnType<typeof fileStorages>;
  actor: { tenantId: string; userId: string; userName: string };
  departmentId: string;
  settings: CheckInSettings;
  timeZone: string;
};

/** One check-in as POST /check-ins would have stored it (flags, area, both photos, audit). */
async function insertDemoCheckIn(seed: SeedContext, c: Planned, photo: Buffer, serverTime: Date) {
  const { db, storages, actor, settings, timeZone } = seed;
  const radius = settings.radiusMeters;
  const id = uuidv7();
  const sha256 = createHash('sha256').update(photo).digest('hex');
  const area = resolveArea(c.point.lat, c.point.lng);
  const distance = c.customer ? haversineMeters(c.point, c.customer) : null;
  // the demo's phones were online: received a few seconds after capture
  const flags: CheckInFlag[] = [];
  if (distance !== null && distance > radius) flags.push('far_from_customer');
  if (c.accuracy > settings.accuracyLimitMeters) flags.push('low_accuracy');
  if (await repo.photoSeen(db, actor.tenantId, sha256)) flags.push('photo_reused');
  const files = await storePhotoFiles(
    storages,
    actor.tenantId,
    id,
    { data: photo, mimeType: 'image/jpeg', width: 640, height: 480 },
    {
      time: `${localTime(serverTime, timeZone)} (${timeZone})`,
      place: `${[area.province, area.district ?? area.city].filter(Boolean).join(' ')} · ${c.point.lat.toFixed(5)}, ${c.point.lng.toFixed(5)}`,
      person: actor.userName,
      customer: c.customer?.name,
    },
  );
  await db.transaction(async (tx) => {
    await repo.insertOnce(tx, {
      id,
      tenantId: actor.tenantId,
      createdBy: actor.userId,
      createdAt: serverTime,
      updatedAt: serverTime,
      userId: actor.userId,
      departmentId: seed.departmentId,
      type: c.type,
      lat: Math.round(c.point.lat * 1e6) / 1e6,
      lng: Math.round(c.point.lng * 1e6) / 1e6,
      accuracy: Math.round(c.accuracy),
      capturedAt: c.at,
      serverTime,
      customerId: c.customer?.id ?? null,
      distanceMeters: distance,
      radiusMeters: c.customer ? radius : null,
      province: area.province ?? null,
      city: area.city ?? null,
      district: area.district ?? null,
      photoFileId: files[1].id,
      originalFileId: files[0].id,
      photoSha256: sha256,
      photoSize: photo.length,
      photoWidth: 640,
      photoHeight: 480,
      flags,
      idempotencyKey: `demo-${id}`,
      requestHash: sha256,
    });
    await recordFiles(tx, actor, { entity: ENTITY, entityId: id }, files);
    await writeAudit(tx, actor, {
      action: 'create',
      entity: ENTITY,
      entityId: id,
      summary: c.customer ? `${c.type} ${c.customer.name}` : c.type,
    });
  });
}
