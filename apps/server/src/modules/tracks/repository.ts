import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { onOrAfterDate, onOrBeforeDate } from '../../platform/relative-dates.ts';
import { trackPoints } from './schema.ts';

export type PointRow = { lat: number; lng: number; accuracy: number; at: Date };

/** Stores the points not stored yet (same user and `at`: kept as first sent); how many were new. */
export async function insertPoints(
  tx: Db,
  tenantId: string,
  userId: string,
  points: readonly PointRow[],
): Promise<number> {
  const rows = await tx
    .insert(trackPoints)
    .values(points.map((p) => ({ tenantId, userId, ...p })))
    .onConflictDoNothing()
    .returning({ at: trackPoints.at });
  return rows.length;
}

/** The tracks scope over people (alias `u`): a user's points are theirs, in their department. */
const usersInScope = (p: Principal): SQL =>
  sql`u.tenant_id = ${p.tenantId} AND u.deleted_at IS NULL AND ${scopePredicate(p, 'tracks', {
    owner: sql`u.id`,
    department: sql`u.department_id`,
  })}`;

/** A user whose tracks the caller may see, or undefined. */
export async function findUserInScope(db: Db, p: Principal, userId: string) {
  const r = await db.execute(
    sql`SELECT u.id, u.name FROM users u WHERE u.id = ${userId} AND ${usersInScope(p)}`,
  );
  return r.rows[0] as { id: string; name: string } | undefined;
}

/** The local day `date` in the tenant's time zone, for `column`. */
const onDay = (column: SQL, date: string, timeZone: string) =>
  sql`${onOrAfterDate(column, date, timeZone)} AND ${onOrBeforeDate(column, date, timeZone)}`;

const toPoint = (r: Record<string, unknown>): PointRow => ({
  lat: Number(r.lat),
  lng: Number(r.lng),
  accuracy: Number(r.accuracy),
  at: new Date(r.at as string),
});

/** One user's points of the day, in time order. */
export async function dayPoints(db: Db, tenantId: string, userId: string, date: string, timeZone: string) {
  const r = await db.execute(sql`SELECT lat, lng, accuracy, at FROM track_points tp
    WHERE tp.tenant_id = ${tenantId} AND tp.user_id = ${userId} AND ${onDay(sql`tp.at`, date, timeZone)}
    ORDER BY tp.at`);
  return (r.rows as Record<string, unknown>[]).map(toPoint);
}

/** Every point of the day of the people in the caller's scope, by person and time. */
export async function dayPointsInScope(db: Db, p: Principal, date: string, timeZone: string) {
  const r = await db.execute(sql`SELECT tp.user_id, u.name, tp.lat, tp.lng, tp.accuracy, tp.at
    FROM track_points tp JOIN users u ON u.id = tp.user_id
    WHERE tp.tenant_id = ${p.tenantId} AND ${onDay(sql`tp.at`, date, timeZone)} AND ${usersInScope(p)}
    ORDER BY u.name, tp.user_id, tp.at`);
  return (r.rows as Record<string, unknown>[]).map((row) => ({
    userId: row.user_id as string,
    name: row.name as string,
    ...toPoint(row),
  }));
}
