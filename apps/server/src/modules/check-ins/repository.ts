import type { CheckInListQuery } from '@guanxi/contract';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { onOrAfterDate, onOrBeforeDate } from '../../platform/relative-dates.ts';
import { textList } from '../../platform/sql-lists.ts';
import { checkIns } from './schema.ts';

export type CheckInRow = typeof checkIns.$inferSelect;
export type NewCheckInRow = typeof checkIns.$inferInsert;
/** A row with the name of who checked in (`users` is reference data, read in SQL). */
export type CheckInView = CheckInRow & { userName: string };

/** The data scope of check-ins (alias `ci`): by who checked in and their department then. */
export const checkInScope = (p: Principal, alias = 'ci') =>
  scopePredicate(p, 'check-ins', {
    owner: sql`${sql.identifier(alias)}.user_id`,
    department: sql`${sql.identifier(alias)}.department_id`,
  });

const columns = sql`ci.*, (SELECT u.name FROM users u WHERE u.id = ci.user_id) AS user_name`;

/** Raw rows come back snake_case: into the Drizzle row's shape. */
function fromRaw(r: Record<string, unknown>): CheckInView {
  const date = (v: unknown) => (v == null ? null : new Date(v as string));
  const num = (v: unknown) => (v == null ? null : Number(v));
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    createdAt: date(r.created_at)!,
    updatedAt: date(r.updated_at)!,
    createdBy: (r.created_by as string | null) ?? null,
    version: Number(r.version),
    userId: r.user_id as string,
    departmentId: (r.department_id as string | null) ?? null,
    type: r.type as CheckInRow['type'],
    lat: num(r.lat),
    lng: num(r.lng),
    accuracy: num(r.accuracy),
    capturedAt: date(r.captured_at)!,
    serverTime: date(r.server_time)!,
    customerId: (r.customer_id as string | null) ?? null,
    planId: (r.plan_id as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    distanceMeters: num(r.distance_meters),
    radiusMeters: num(r.radius_meters),
    province: (r.province as string | null) ?? null,
    city: (r.city as string | null) ?? null,
    district: (r.district as string | null) ?? null,
    street: (r.street as string | null) ?? null,
    photoFileId: (r.photo_file_id as string | null) ?? null,
    originalFileId: (r.original_file_id as string | null) ?? null,
    photoSha256: (r.photo_sha256 as string | null) ?? null,
    photoSize: num(r.photo_size),
    photoWidth: num(r.photo_width),
    photoHeight: num(r.photo_height),
    flags: parseArray(r.flags),
    idempotencyKey: r.idempotency_key as string,
    requestHash: r.request_hash as string,
    userName: (r.user_name as string) ?? '',
  };
}

/** A text[] as the drivers give it: an array (node-postgres, PGlite) or its literal `{a,b}`. */
function parseArray(v: unknown): string[] {
  if (Array.isArray(v)) return v as string[];
  if (typeof v === 'string' && v.length > 2) return v.slice(1, -1).split(',');
  return [];
}

/** One check-in in the caller's scope. */
export async function findVisible(db: Db, p: Principal, id: string) {
  const result = await db.execute(
    sql`SELECT ${columns} FROM check_ins ci WHERE ci.tenant_id = ${p.tenantId} AND ci.id = ${id} AND ${checkInScope(p)}`,
  );
  const row = result.rows[0] as Record<string, unknown> | undefined;
  return row && fromRaw(row);
}

/** The caller's own check-in sent with this key (a replay), scope aside: it is theirs. */
export async function findByKey(db: Db, tenantId: string, userId: string, key: string) {
  const result = await db.execute(
    sql`SELECT ${columns} FROM check_ins ci WHERE ci.tenant_id = ${tenantId} AND ci.user_id = ${userId}
      AND ci.idempotency_key = ${key}`,
  );
  const row = result.rows[0] as Record<string, unknown> | undefined;
  return row && fromRaw(row);
}

/** Inserts a check-in unless the same user already sent this key: false then (nothing written). */
export async function insertOnce(tx: Db, row: NewCheckInRow): Promise<boolean> {
  const inserted = await tx
    .insert(checkIns)
    .values(row)
    .onConflictDoNothing({ target: [checkIns.tenantId, checkIns.userId, checkIns.idempotencyKey] })
    .returning({ id: checkIns.id });
  return inserted.length > 0;
}

/** Whether an original photo with this SHA-256 was sent before in the tenant (any user). */
export async function photoSeen(db: Db, tenantId: string, sha256: string) {
  const [row] = await db
    .select({ id: checkIns.id })
    .from(checkIns)
    .where(and(eq(checkIns.tenantId, tenantId), eq(checkIns.photoSha256, sha256)))
    .limit(1);
  return Boolean(row);
}

const sortable = { capturedAt: notNull(sql`ci.captured_at`), serverTime: notNull(sql`ci.server_time`) };

/** `GET /check-ins`: the caller's scope, filtered; newest capture first. */
export async function listCheckIns(
  db: Db,
  p: Principal,
  q: CheckInListQuery & { page: number; pageSize: number },
  timeZone: string,
) {
  const where: SQL[] = [sql`ci.tenant_id = ${p.tenantId}`, checkInScope(p)];
  if (q.date)
    where.push(
      onOrAfterDate(sql`ci.captured_at`, q.date, timeZone),
      onOrBeforeDate(sql`ci.captured_at`, q.date, timeZone),
    );
  if (q.userId) where.push(sql`ci.user_id = ${q.userId}`);
  if (q.type) where.push(sql`ci.type = ${q.type}`);
  if (q.customerId) where.push(sql`ci.customer_id = ${q.customerId}`);
  if (q.planId) where.push(sql`ci.plan_id = ${q.planId}`);
  return listPage(
    db,
    q,
    {
      columns,
      from: sql`FROM check_ins ci WHERE ${sql.join(where, sql` AND `)}`,
      orderBy: orderBy(q.sort, sortable, '-capturedAt', sql`ci.id`),
    },
    fromRaw,
  );
}

/** Check-ins of one user (scope aside) in `[from, to)`: all, and visits (拜访签到). */
export async function countForUser(db: Db, tenantId: string, userId: string, from: Date, to: Date) {
  const result = await db.execute(sql`SELECT count(*)::int AS check_ins,
      count(*) FILTER (WHERE type = 'visit-in')::int AS visits
    FROM check_ins WHERE tenant_id = ${tenantId} AND user_id = ${userId}
      AND captured_at >= ${from.toISOString()}::timestamptz AND captured_at < ${to.toISOString()}::timestamptz`);
  const row = result.rows[0] as { check_ins: number; visits: number };
  return { checkIns: Number(row.check_ins), visits: Number(row.visits) };
}

export type AttendanceSql = {
  user_id: string;
  name: string;
  department_name: string | null;
  first_in: string | null;
  last_out: string | null;
  first_in_local: string | null;
  last_out_local: string | null;
};

/**
 * A day of attendance for the active users in the caller's `attendance` scope (over users: who
 * they are and their department): the first 上班签到 and the last 下班签退 captured that day in the
 * tenant's time zone, with their local `HH:MM`. `userId`: that one user only.
 */
export async function attendanceDay(db: Db, p: Principal, date: string, timeZone: string, userId?: string) {
  const scope = scopePredicate(p, 'attendance', { owner: sql`u.id`, department: sql`u.department_id` });
  const day = sql`ci.captured_at >= (${date}::date::timestamp AT TIME ZONE ${timeZone})
    AND ci.captured_at < ((${date}::date + 1)::timestamp AT TIME ZONE ${timeZone})`;
  const result = await db.execute(sql`SELECT u.id AS user_id, u.name, d.name AS department_name,
      a.first_in, a.last_out,
      to_char(a.first_in AT TIME ZONE ${timeZone}, 'HH24:MI') AS first_in_local,
      to_char(a.last_out AT TIME ZONE ${timeZone}, 'HH24:MI') AS last_out_local
    FROM users u
    LEFT JOIN departments d ON d.id = u.department_id
    LEFT JOIN LATERAL (
      SELECT min(ci.captured_at) FILTER (WHERE ci.type = 'attendance-in') AS first_in,
             max(ci.captured_at) FILTER (WHERE ci.type = 'attendance-out') AS last_out
      FROM check_ins ci
      WHERE ci.tenant_id = u.tenant_id AND ci.user_id = u.id AND ${day}
        AND ci.type IN ('attendance-in', 'attendance-out')
    ) a ON TRUE
    WHERE u.tenant_id = ${p.tenantId} AND u.deleted_at IS NULL AND u.status = 'active' AND ${scope}
      ${userId ? sql`AND u.id = ${userId}` : sql``}
    ORDER BY d.name NULLS LAST, u.name, u.id
    LIMIT 2000`);
  return result.rows as AttendanceSql[];
}

/** 活动签到 per marketing plan (every check-in against it, whoever made it). */
export async function countByPlans(
  db: Db,
  tenantId: string,
  planIds: string[],
): Promise<Map<string, number>> {
  if (!planIds.length) return new Map();
  const result = await db.execute(
    sql`SELECT plan_id, count(*)::int AS n FROM check_ins
      WHERE tenant_id = ${tenantId} AND plan_id = ANY(${textList(planIds)}) GROUP BY plan_id`,
  );
  return new Map((result.rows as { plan_id: string; n: number }[]).map((r) => [r.plan_id, r.n]));
}
