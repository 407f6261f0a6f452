import {
  type CreateTracks,
  type CreateTracksResponse,
  type TrackDay,
  type TrackSummaryItem,
  trackLimits,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { getCheckInSettings } from '../organization/tenants-service.ts';
import { mileage } from './mileage.ts';
import * as repo from './repository.ts';

/**
 * Stores a batch of the caller's own track points. A phone resends a batch it got no answer for:
 * points already stored (same user and `at`) count as duplicates. Telemetry, not a change of a
 * record, so no audit row: the points themselves carry when they arrived (`received_at`).
 */
export async function recordPoints(db: Db, c: Caller, body: CreateTracks): Promise<CreateTracksResponse> {
  const latest = Date.now() + trackLimits.futureMs;
  const future = body.points.flatMap((p, i) =>
    Date.parse(p.at) > latest
      ? [{ path: `points.${i}.at`, message: 'more than 5 minutes in the future' }]
      : [],
  );
  if (future.length) throw new AppError('VALIDATION_FAILED', future);
  const points = body.points.map((p) => ({
    lat: p.lat,
    lng: p.lng,
    accuracy: p.accuracy,
    at: new Date(p.at),
  }));
  const accepted = await repo.insertPoints(db, c.p.tenantId, c.p.userId, points);
  return { accepted, duplicates: points.length - accepted };
}

const fixes = (points: repo.PointRow[]) => points.map((p) => ({ ...p, at: p.at.getTime() }));

/** A user's route of a day (the tenant's day) with its mileage; 404 for a user outside the tracks scope. */
export async function trackOfDay(db: Db, c: Caller, userId: string, date: string): Promise<TrackDay> {
  const user = await repo.findUserInScope(db, c.p, userId);
  if (!user) throw notFound();
  const [points, settings] = await Promise.all([
    repo.dayPoints(db, c.p.tenantId, user.id, date, c.timeZone),
    getCheckInSettings(db, c.p.tenantId),
  ]);
  const { kept, distanceMeters } = mileage(fixes(points), settings.accuracyLimitMeters);
  return {
    userId: user.id,
    date,
    points: points.map((p) => ({ lat: p.lat, lng: p.lng, accuracy: p.accuracy, at: p.at.toISOString() })),
    kept,
    distanceMeters,
  };
}

/** The people in the caller's tracks scope who sent points that day: count, mileage, last position. */
export async function daySummary(db: Db, c: Caller, date: string): Promise<TrackSummaryItem[]> {
  const [rows, settings] = await Promise.all([
    repo.dayPointsInScope(db, c.p, date, c.timeZone),
    getCheckInSettings(db, c.p.tenantId),
  ]);
  const byUser = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = byUser.get(r.userId) ?? [];
    list.push(r);
    byUser.set(r.userId, list);
  }
  return [...byUser.values()].map((points) => {
    const last = points[points.length - 1];
    return {
      id: last.userId,
      userId: last.userId,
      name: last.name,
      points: points.length,
      distanceMeters: mileage(fixes(points), settings.accuracyLimitMeters).distanceMeters,
      lastAt: last.at.toISOString(),
      lastLat: last.lat,
      lastLng: last.lng,
    };
  });
}
