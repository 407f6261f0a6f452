import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { insertRows } from '../../platform/bulk-insert.ts';
import { type Rng, rng } from '../../platform/random.ts';
import { textList } from '../../platform/sql-lists.ts';
import { ownedCustomerPlaces } from '../customers/activity-service.ts';
import { getTenant } from '../organization/tenants-service.ts';
import { trackPoints } from './schema.ts';

const MINUTE = 60_000;
/** Metres per degree of latitude; a degree of longitude is this × cos(lat). */
const M_PER_DEG = 111_320;

type Place = { lat: number; lng: number };
type Point = Place & { accuracy: number; at: number };

/** The field people whose phones sent a track (account managers with customers around 上海 and 深圳). */
const FIELD_PEOPLE = ['liuyang', 'huangwei', 'xufang', 'majun'];
const DAYS = 6;

function offset(p: Place, northM: number, eastM: number): Place {
  return {
    lat: p.lat + northM / M_PER_DEG,
    lng: p.lng + eastM / (M_PER_DEG * Math.cos((p.lat * Math.PI) / 180)),
  };
}
const jitter = (r: Rng, p: Place, metres: number) =>
  offset(p, (r.next() * 2 - 1) * metres, (r.next() * 2 - 1) * metres);

/**
 * One working day: from a start point to each customer in turn along a street grid (first east–west,
 * then north–south, as city blocks go) at 20–35 km/h, a point a minute with a little GPS noise;
 * 25–50 minutes at each customer (points wandering in their error circle); once a day a GPS jump
 * and a cell-tower fix, as real phones send — the mileage filter drops them.
 */
function dayRoute(r: Rng, leaveAt: number, base: Place, stops: Place[]): Point[] {
  const out: Point[] = [];
  let t = leaveAt;
  let here = base;
  const fix = (p: Place, accuracy: number) => out.push({ ...jitter(r, p, accuracy / 3), accuracy, at: t });
  const travel = (to: Place) => {
    const corner = { lat: here.lat, lng: to.lng };
    const speed = ((20 + r.int(16)) * 1000) / 60; // metres a minute
    for (const leg of [corner, to]) {
      const northM = (leg.lat - here.lat) * M_PER_DEG;
      const eastM = (leg.lng - here.lng) * M_PER_DEG * Math.cos((here.lat * Math.PI) / 180);
      const steps = Math.max(1, Math.round(Math.hypot(northM, eastM) / speed));
      const from = here;
      for (let i = 1; i <= steps; i++) {
        t += MINUTE;
        fix(offset(from, (northM * i) / steps, (eastM * i) / steps), 8 + r.int(15));
      }
      here = leg;
    }
  };
  const stay = (minutes: number) => {
    for (let i = 0; i < minutes; i++) {
      t += MINUTE;
      fix(here, 10 + r.int(20));
    }
  };
  const jumpAt = r.int(stops.length);
  stops.forEach((stop, i) => {
    travel(stop);
    stay(25 + r.int(26));
    if (i === jumpAt) {
      t += MINUTE;
      out.push({ ...offset(here, 3000, -2500), accuracy: 25, at: t }); // a GPS jump
      t += MINUTE;
      out.push({ ...offset(here, 600, 400), accuracy: 900, at: t }); // a cell-tower fix
    }
  });
  travel(base);
  return out;
}

/** The largest group of places within 15 km of one of them (a person's customers span cities). */
function nearby(places: Place[]): Place[] {
  let best: Place[] = [];
  for (const p of places) {
    const group = places.filter(
      (q) => Math.hypot((q.lat - p.lat) * M_PER_DEG, (q.lng - p.lng) * M_PER_DEG) < 15_000,
    );
    if (group.length > best.length) best = group;
  }
  return best.slice(0, 12);
}

/** Routes of the demo's field people for the last days and today (up to now), around their customers. */
export async function seedDemoTracks(db: Db, demo: DemoTenant) {
  const { timezone } = await getTenant(db, demo.tenantId);
  const people = (
    await db.execute(sql`SELECT id, username FROM users WHERE tenant_id = ${demo.tenantId}
      AND username = ANY(${textList(FIELD_PEOPLE)}) AND deleted_at IS NULL ORDER BY username`)
  ).rows as { id: string; username: string }[];
  // midnight of each of the last days in the tenant's zone (the database knows the zone rules)
  const starts = (
    await db.execute(sql`SELECT ((now() AT TIME ZONE ${timezone})::date - d)::timestamp AT TIME ZONE ${timezone} AS start
      FROM generate_series(0, ${DAYS - 1}) d ORDER BY start`)
  ).rows.map((x) => new Date((x as { start: string }).start).getTime());
  const now = Date.now();
  const r = rng(12);
  const rows: (typeof trackPoints.$inferInsert)[] = [];
  for (const person of people) {
    const places = nearby(await ownedCustomerPlaces(db, demo.tenantId, person.id, 60));
    if (!places.length) continue;
    const base = offset(places[0], 1500, -1200);
    // fewer than three customers close together: the rest of the day is calls on places around them
    while (places.length < 3) places.push(offset(places[0], r.between(-3000, 3000), r.between(-3000, 3000)));
    starts.forEach((dayStart, day) => {
      const today = day === starts.length - 1;
      const weekday = new Date(dayStart + 12 * 3_600_000).getUTCDay();
      // no field work at the weekend, but today always has a route so far, whenever the demo starts
      // (at night or on a Sunday too): its round began up to four hours ago
      if (!today && (weekday === 0 || weekday === 6)) return;
      const usual = dayStart + (8 * 60 + 40 + r.int(30)) * MINUTE;
      const leaveAt = today ? Math.max(dayStart, Math.min(usual, now - 4 * 60 * MINUTE)) : usual;
      const stops = [0, 1, 2].map((k) => places[(day * 3 + k) % places.length]);
      for (const p of dayRoute(r, leaveAt, base, stops)) {
        // the working day only (and nothing after now): days never overlap
        if (p.at > now || p.at >= dayStart + 20 * 3_600_000) break;
        rows.push({
          tenantId: demo.tenantId,
          userId: person.id,
          at: new Date(p.at),
          lat: Number(p.lat.toFixed(6)),
          lng: Number(p.lng.toFixed(6)),
          accuracy: p.accuracy,
          receivedAt: new Date(p.at + 5_000),
        });
      }
    });
  }
  await insertRows(db, trackPoints, rows);
}
