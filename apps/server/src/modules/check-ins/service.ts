import { createHash } from 'node:crypto';
import {
  type CheckIn,
  type CheckInFlag,
  type CheckInItem,
  type CheckInListQuery,
  checkInRules,
  type createCheckIn as createCheckInSchema,
  type ListResponse,
  type NearbyCustomer,
} from '@guanxi/contract';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { diff, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import {
  customersNear,
  setCustomerLocation as setLocation,
  visibleCustomer,
  visibleCustomerNames,
} from '../customers/location-service.ts';
import {
  dropPrepared,
  type PreparedFile,
  recordFiles,
  type Storages,
} from '../files/record-files-service.ts';
import { planForCheckIn } from '../marketing-plans/published.ts';
import { getCheckInSettings } from '../organization/tenants-service.ts';
import { haversineMeters, placeOf, type ReverseGeocoder } from './geo.ts';
import { storePhotoFiles } from './photo-files.ts';
import * as repo from './repository.ts';
import { imageSize } from './watermark.ts';

export const ENTITY = 'check-ins';

export type CheckInInput = z.output<typeof createCheckInSchema>;

/** A photo as received (already typed by its magic bytes and measured by the files module). */
export type ReceivedPhoto = { name: string; data: Buffer; mimeType: string; sha256: string };

/** Where photos are stored, the district/street geocoder (GUANXI_AMAP_KEY) and the clock. */
export type CheckInDeps = { storages: Storages; geocoder?: ReverseGeocoder; now?: () => Date };

/** The photo types a camera gives and every browser shows. */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

const MINUTE = 60_000;

const round = (v: number | null, places: number) =>
  v == null ? null : Math.round(v * 10 ** places) / 10 ** places;

export function toCheckIn(r: repo.CheckInRow): CheckIn {
  return {
    id: r.id,
    type: r.type,
    userId: r.userId,
    capturedAt: r.capturedAt.toISOString(),
    serverTime: r.serverTime.toISOString(),
    lat: r.lat,
    lng: r.lng,
    accuracy: r.accuracy,
    distanceMeters: round(r.distanceMeters, 1),
    area: { province: r.province, city: r.city, district: r.district, street: r.street },
    photo:
      r.photoFileId && r.originalFileId
        ? {
            fileId: r.photoFileId,
            originalFileId: r.originalFileId,
            sha256: r.photoSha256 ?? '',
            size: r.photoSize ?? 0,
            width: r.photoWidth,
            height: r.photoHeight,
          }
        : null,
    flags: r.flags as CheckInFlag[],
  };
}

const toItem = (r: repo.CheckInView, customerName: string | null): CheckInItem => ({
  ...toCheckIn(r),
  userName: r.userName,
  customerId: r.customerId,
  customerName,
  note: r.note,
  planId: r.planId,
  radiusMeters: r.radiusMeters,
});

/** The fingerprint of what was sent with a key: the same key with anything else is refused. */
function fingerprint(input: CheckInInput, photo: ReceivedPhoto | null) {
  const canonical = JSON.stringify([
    input.type,
    input.lat ?? null,
    input.lng ?? null,
    input.accuracy ?? null,
    Date.parse(input.capturedAt),
    input.customerId ?? null,
    input.planId ?? null,
    input.note ?? null,
    photo?.sha256 ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** A replay of a key: the record it made, if the request is the same; 422 if it is not. */
function replayOf(existing: repo.CheckInView, hash: string) {
  if (existing.requestHash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return { item: toCheckIn(existing), created: false };
}

/** 活动签到 executes a marketing plan: it must exist, be approved and not be closed by its feedback. */
async function checkPlan(db: Db, tenantId: string, planId: string) {
  const state = await planForCheckIn(db, tenantId, planId);
  if (state === 'missing') throw notFound();
  if (state === 'not-approved') throw new AppError('PLAN_NOT_APPROVED');
  if (state === 'closed') throw new AppError('FEEDBACK_LOCKED');
}

/** `YYYY-MM-DD HH:mm:ss` in a time zone (the stamp on photos). */
export const localTime = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(at);

/**
 * 签到 (`POST /check-ins`). Idempotent per user and `Idempotency-Key`: a replay answers the record
 * the key made (`created: false`), also when two identical requests race (the unique key decides,
 * the loser's stored photos are removed); the same key with another request is 422. Then the
 * rules: time, photo, customer, distance and the tenant's radius, flags; the photo's original and
 * its watermarked copy are stored with the record and the audit row in one transaction.
 */
export async function createCheckIn(
  db: Db,
  deps: CheckInDeps,
  c: Caller,
  key: string | undefined,
  input: CheckInInput,
  photo: ReceivedPhoto | null,
): Promise<{ item: CheckIn; created: boolean }> {
  const { p, actor } = c;
  if (!key) throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
  if (!checkInRules.idempotencyKey.test(key))
    throw invalid('Idempotency-Key', 'letters, digits, . _ : - (1–100)');
  const hash = fingerprint(input, photo);
  const earlier = await repo.findByKey(db, p.tenantId, p.userId, key);
  if (earlier) return replayOf(earlier, hash);

  const serverTime = deps.now?.() ?? new Date();
  const capturedAt = new Date(input.capturedAt);
  if (capturedAt.getTime() > serverTime.getTime() + checkInRules.futureToleranceMinutes * MINUTE)
    throw invalid('capturedAt', `more than ${checkInRules.futureToleranceMinutes} minutes in the future`);

  const settings = await getCheckInSettings(db, p.tenantId);
  if (!photo && settings.photoRequired) throw new AppError('PHOTO_REQUIRED');
  const size = photo && PHOTO_TYPES.has(photo.mimeType) ? await imageSize(photo.data) : null;
  if (photo && !size) throw new AppError('INVALID_PHOTO');

  const customer = input.customerId ? await visibleCustomer(db, p, input.customerId) : null;
  if (input.customerId && !customer) throw notFound();
  if (input.planId) await checkPlan(db, p.tenantId, input.planId);

  const located = input.lat !== undefined && input.lng !== undefined;
  const point = located ? { lat: input.lat!, lng: input.lng! } : null;
  const customerPoint =
    customer?.lat != null && customer.lng != null ? { lat: customer.lat, lng: customer.lng } : null;
  const distance = point && customerPoint ? haversineMeters(point, customerPoint) : null;

  const flags: CheckInFlag[] = [];
  if (distance !== null && distance > settings.radiusMeters) {
    if (settings.outOfRange === 'reject')
      throw new AppError('CHECKIN_OUT_OF_RANGE', {
        distanceMeters: Math.round(distance),
        radiusMeters: settings.radiusMeters,
      });
    flags.push('far_from_customer');
  }
  if (input.accuracy !== undefined && input.accuracy > settings.accuracyLimitMeters)
    flags.push('low_accuracy');
  if (serverTime.getTime() - capturedAt.getTime() > checkInRules.lateSyncMinutes * MINUTE)
    flags.push('late_sync');
  if (photo && (await repo.photoSeen(db, p.tenantId, photo.sha256))) flags.push('photo_reused');
  if (!point) flags.push('no_location');

  const area = point ? await placeOf(point.lat, point.lng, deps.geocoder) : { province: null };
  const id = uuidv7();
  const prepared: PreparedFile[] = [];
  try {
    if (photo && size) {
      const place = [
        area.province,
        area.city === area.province ? null : area.city,
        area.district,
        area.street,
      ]
        .filter(Boolean)
        .join(' ');
      const coordinates = point ? `${point.lat.toFixed(5)}, ${point.lng.toFixed(5)}` : '—';
      prepared.push(
        ...(await storePhotoFiles(
          deps.storages,
          p.tenantId,
          id,
          { ...photo, ...size },
          {
            time: `${localTime(serverTime, c.timeZone)} (${c.timeZone})`,
            place: place ? `${place} · ${coordinates}` : coordinates,
            person: p.name,
            customer: customer?.name,
          },
        )),
      );
    }
    const [original, copy] = prepared;
    const row: repo.NewCheckInRow = {
      id,
      tenantId: p.tenantId,
      createdBy: p.userId,
      userId: p.userId,
      departmentId: p.departmentId,
      type: input.type,
      lat: point?.lat ?? null,
      lng: point?.lng ?? null,
      accuracy: input.accuracy ?? null,
      capturedAt,
      serverTime,
      customerId: customer?.id ?? null,
      planId: input.planId ?? null,
      note: input.note ?? null,
      distanceMeters: distance,
      radiusMeters: customerPoint ? settings.radiusMeters : null,
      province: area.province ?? null,
      city: area.city ?? null,
      district: area.district ?? null,
      street: area.street ?? null,
      photoFileId: copy?.id ?? null,
      originalFileId: original?.id ?? null,
      photoSha256: photo?.sha256 ?? null,
      photoSize: photo?.data.length ?? null,
      photoWidth: size?.width ?? null,
      photoHeight: size?.height ?? null,
      flags,
      idempotencyKey: key,
      requestHash: hash,
    };
    const created = await db.transaction(async (tx) => {
      // a concurrent twin with the same key inserted first: nothing written here
      if (!(await repo.insertOnce(tx, row))) return false;
      await recordFiles(tx, actor, { entity: ENTITY, entityId: id }, prepared);
      await writeAudit(tx, actor, {
        action: 'create',
        entity: ENTITY,
        entityId: id,
        summary: customer ? `${input.type} ${customer.name}` : input.type,
        changes: diff(null, {
          type: row.type,
          capturedAt: capturedAt.toISOString(),
          lat: row.lat,
          lng: row.lng,
          accuracy: row.accuracy,
          customerId: row.customerId,
          distanceMeters: round(distance, 1),
          flags,
          photoSha256: row.photoSha256,
        }),
      });
      return true;
    });
    if (!created) {
      await dropPrepared(deps.storages, p.tenantId, prepared);
      const twin = await repo.findByKey(db, p.tenantId, p.userId, key);
      if (!twin) throw new AppError('CONFLICT');
      return replayOf(twin, hash);
    }
  } catch (err) {
    await dropPrepared(deps.storages, p.tenantId, prepared);
    throw err;
  }
  const saved = await repo.findByKey(db, p.tenantId, p.userId, key);
  return { item: toCheckIn(saved!), created: true };
}

async function withCustomerNames(db: Db, p: Principal, rows: repo.CheckInView[]) {
  const names = await visibleCustomerNames(
    db,
    p,
    rows.flatMap((r) => (r.customerId ? [r.customerId] : [])),
  );
  return rows.map((r) => toItem(r, r.customerId ? (names.get(r.customerId) ?? null) : null));
}

export async function listCheckIns(
  db: Db,
  c: Caller,
  q: CheckInListQuery & { page: number; pageSize: number },
): Promise<ListResponse<CheckInItem>> {
  const page = await repo.listCheckIns(db, c.p, q, c.timeZone);
  return { ...page, data: await withCustomerNames(db, c.p, page.data) };
}

export async function getCheckIn(db: Db, p: Principal, id: string): Promise<CheckInItem> {
  const row = await repo.findVisible(db, p, id);
  if (!row) throw notFound();
  const [item] = await withCustomerNames(db, p, [row]);
  return item;
}

/** Files on a check-in (manifest `fileEntities`): seen by who may view it, in their scope. */
/** On a customer's timeline: the visits (check-ins aliased `x`) in the caller's check-ins scope. */
export const checkInsOnTimeline = (p: Principal) => can(p, 'check-ins:view') && repo.checkInScope(p, 'x');

export async function checkInVisible(db: Db, p: Principal, id: string) {
  return can(p, 'check-ins:view') && Boolean(await repo.findVisible(db, p, id));
}

/** …and never changed: a check-in's photos are evidence, written once with it. */
export async function checkInChangeable() {
  return false;
}

/** 附近客户: visible customers with a location, nearest first, with their distance. */
export async function nearbyCustomers(
  db: Db,
  p: Principal,
  q: { lat: number; lng: number; limit: number },
): Promise<NearbyCustomer[]> {
  const rows = await customersNear(db, p, q, q.limit);
  return rows
    .map((r) => ({ ...r, distanceMeters: Math.round(haversineMeters(q, r)) }))
    .sort((a, b) => a.distanceMeters - b.distanceMeters);
}

/** 设为客户位置: the visited customer takes the check-in's coordinates (a customer update). */
export async function setCustomerLocation(db: Db, c: Caller, id: string) {
  const row = await repo.findVisible(db, c.p, id);
  if (!row) throw notFound();
  if (!row.customerId) throw invalid('customerId', 'the check-in has no customer');
  if (row.lat == null || row.lng == null) throw invalid('lat', 'the check-in has no location');
  return setLocation(db, c, row.customerId, row.lat, row.lng);
}

/**
 * How many check-ins a user made in `[from, to)` and how many of them were visits (拜访签到), for
 * work reports; scope is the caller's business.
 */
export function countCheckIns(db: Db, tenantId: string, userId: string, from: Date, to: Date) {
  return repo.countForUser(db, tenantId, userId, from, to);
}

/** For marketing plans: how many 活动签到 each plan has. */
export const countCheckInsByPlan = (db: Db, tenantId: string, planIds: string[]) =>
  repo.countByPlans(db, tenantId, planIds);
