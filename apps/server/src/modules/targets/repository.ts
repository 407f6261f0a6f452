import type { TargetBasis, TargetPeriod } from '@guanxi/contract';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { salesTargets, targetSettings } from './schema.ts';

/**
 * The targets scope over a target `t` and its person `tu`: a person's target belongs to the person
 * and the department they are in now; a department's to that department (no owner: the own scopes
 * see no department's target).
 */
export const targetScope = (p: Principal) =>
  scopePredicate(p, 'targets', {
    owner: sql`t.user_id`,
    department: sql`coalesce(t.department_id, tu.department_id)`,
  });

export type TargetRow = {
  id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  period: TargetPeriod;
  start: string;
  departmentId: string | null;
  departmentName: string | null;
  /** The department's parent, or the person's department: whose allocation this target is part of. */
  parentDepartmentId: string | null;
  userId: string | null;
  userName: string | null;
  amount: string | null;
  count: number | null;
};

const selectRows = sql`SELECT t.id, t.version, t.created_at, t.updated_at, t.period, t.start::text AS start,
    t.department_id, d.name AS department_name, t.user_id, tu.name AS user_name,
    coalesce(d.parent_id, tu.department_id) AS parent_department_id, t.amount::text AS amount, t.count
  FROM sales_targets t
  LEFT JOIN departments d ON d.id = t.department_id
  LEFT JOIN users tu ON tu.id = t.user_id`;

const toRow = (r: Record<string, unknown>): TargetRow => ({
  id: r.id as string,
  version: r.version as number,
  createdAt: new Date(r.created_at as string),
  updatedAt: new Date(r.updated_at as string),
  period: r.period as TargetPeriod,
  start: r.start as string,
  departmentId: (r.department_id as string) ?? null,
  departmentName: (r.department_name as string) ?? null,
  parentDepartmentId: (r.parent_department_id as string) ?? null,
  userId: (r.user_id as string) ?? null,
  userName: (r.user_name as string) ?? null,
  amount: (r.amount as string) ?? null,
  count: (r.count as number) ?? null,
});

/** The targets of a period the caller sees: departments (tree order), then people by name. */
export async function listVisible(db: Db, p: Principal, period: TargetPeriod, start: string) {
  const result = await db.execute(sql`${selectRows}
    WHERE t.tenant_id = ${p.tenantId} AND t.deleted_at IS NULL AND t.period = ${period} AND t.start = ${start}::date
      AND ${targetScope(p)}
    ORDER BY d.path NULLS LAST, tu.name, t.id`);
  return result.rows.map(toRow);
}

/** One target the caller sees (optionally locked), or null. */
export async function findVisible(db: Db, p: Principal, id: string, lock = false) {
  const result = await db.execute(sql`${selectRows}
    WHERE t.tenant_id = ${p.tenantId} AND t.id = ${id} AND t.deleted_at IS NULL AND ${targetScope(p)}
    ${lock ? sql`FOR UPDATE OF t` : sql``}`);
  return result.rows[0] ? toRow(result.rows[0]) : null;
}

/** The target of a subject and period (any scope), optionally locked. */
export async function findForSubject(
  db: Db,
  tenantId: string,
  period: TargetPeriod,
  start: string,
  subject: { departmentId?: string | null; userId?: string | null },
  lock = false,
) {
  const who = subject.departmentId
    ? sql`t.department_id = ${subject.departmentId}`
    : sql`t.user_id = ${subject.userId ?? null}`;
  const result = await db.execute(sql`${selectRows}
    WHERE t.tenant_id = ${tenantId} AND t.deleted_at IS NULL AND t.period = ${period} AND t.start = ${start}::date
      AND ${who}
    ${lock ? sql`FOR UPDATE OF t` : sql``}`);
  return result.rows[0] ? toRow(result.rows[0]) : null;
}

/**
 * Serialises the writes of one tenant's period (a transaction-scoped advisory lock): what a
 * department's children hold is checked against it with no other write of the period in between,
 * also when the parent's own target is being created at the same moment (no row to lock yet).
 */
export async function lockPeriod(tx: Db, tenantId: string, period: TargetPeriod, start: string) {
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(${`targets:${tenantId}:${period}:${start}`}, 0))`,
  );
}

/** A department of the tenant (not deleted): its parent, or null. */
export async function department(db: Db, tenantId: string, id: string) {
  const result = await db.execute(
    sql`SELECT id, parent_id, name FROM departments WHERE tenant_id = ${tenantId} AND id = ${id} AND deleted_at IS NULL`,
  );
  return (result.rows[0] as { id: string; parent_id: string | null; name: string } | undefined) ?? null;
}

/** A person of the tenant who has not left: their department, or null. */
export async function person(db: Db, tenantId: string, id: string) {
  const result = await db.execute(
    sql`SELECT id, department_id, name FROM users
      WHERE tenant_id = ${tenantId} AND id = ${id} AND deleted_at IS NULL AND status <> 'left'`,
  );
  return (result.rows[0] as { id: string; department_id: string; name: string } | undefined) ?? null;
}

/** Whether the subject (a department, or a person in their department) lies in the caller's targets scope. */
export async function subjectInScope(
  db: Db,
  p: Principal,
  subject: { departmentId?: string | null; userId?: string | null },
) {
  const result = await db.execute(sql`SELECT 1 FROM (SELECT ${subject.userId ?? null}::uuid AS user_id,
      ${subject.departmentId ?? null}::uuid AS department_id) t
    LEFT JOIN users tu ON tu.id = t.user_id AND tu.tenant_id = ${p.tenantId}
    WHERE ${targetScope(p)}`);
  return result.rows.length > 0;
}

export async function insert(
  tx: Db,
  tenantId: string,
  userId: string | null,
  v: {
    period: TargetPeriod;
    start: string;
    departmentId: string | null;
    userId: string | null;
    amount: string | null;
    count: number | null;
  },
) {
  const [row] = await tx
    .insert(salesTargets)
    .values({ id: uuidv7(), tenantId, createdBy: userId, updatedBy: userId, ...v })
    .onConflictDoNothing()
    .returning({ id: salesTargets.id });
  return row?.id ?? null;
}

export async function update(
  tx: Db,
  id: string,
  version: number,
  userId: string | null,
  v: { amount: string | null; count: number | null },
) {
  return tx
    .update(salesTargets)
    .set({ ...v, updatedBy: userId, updatedAt: new Date(), version: sql`${salesTargets.version} + 1` })
    .where(and(eq(salesTargets.id, id), eq(salesTargets.version, version)))
    .returning({ id: salesTargets.id });
}

export async function softDelete(tx: Db, id: string, version: number, userId: string | null) {
  return tx
    .update(salesTargets)
    .set({
      deletedAt: new Date(),
      updatedBy: userId,
      updatedAt: new Date(),
      version: sql`${salesTargets.version} + 1`,
    })
    .where(and(eq(salesTargets.id, id), eq(salesTargets.version, version)))
    .returning({ id: salesTargets.id });
}

/**
 * What the direct children of a department hold for the period: the targets of its child
 * departments and of the people in it (sums over the values given; null when none gives one).
 */
export async function allocatedTo(
  db: Db,
  tenantId: string,
  period: TargetPeriod,
  start: string,
  departmentId: string,
) {
  const result = await db.execute(sql`SELECT sum(t.amount)::text AS amount, sum(t.count)::int AS count
    FROM sales_targets t
    LEFT JOIN departments d ON d.id = t.department_id
    LEFT JOIN users tu ON tu.id = t.user_id
    WHERE t.tenant_id = ${tenantId} AND t.deleted_at IS NULL AND t.period = ${period} AND t.start = ${start}::date
      AND (d.parent_id = ${departmentId} OR tu.department_id = ${departmentId})`);
  const r = result.rows[0] as { amount: string | null; count: number | null };
  return { amount: r.amount, count: r.count };
}

/** Every target of a period (the attainment view filters by scope itself, row by row). */
export async function allOfPeriod(db: Db, tenantId: string, period: TargetPeriod, start: string) {
  const result = await db.execute(sql`${selectRows}
    WHERE t.tenant_id = ${tenantId} AND t.deleted_at IS NULL AND t.period = ${period} AND t.start = ${start}::date`);
  return result.rows.map(toRow);
}

/** The organisation (reference data): departments in tree order and people with their department. */
export async function organisation(db: Db, tenantId: string) {
  const [departments, users] = await Promise.all([
    db.execute(sql`SELECT id, parent_id, name, path FROM departments
      WHERE tenant_id = ${tenantId} AND deleted_at IS NULL ORDER BY path`),
    db.execute(sql`SELECT id, name, department_id, status FROM users
      WHERE tenant_id = ${tenantId} AND deleted_at IS NULL ORDER BY name, id`),
  ]);
  return {
    departments: departments.rows as { id: string; parent_id: string | null; name: string; path: string }[],
    users: users.rows as { id: string; name: string; department_id: string; status: string }[],
  };
}

/** The instants of the period's first day and the day after it, midnight in the time zone. */
export async function periodInstants(db: Db, start: string, end: string, timeZone: string) {
  const result = await db.execute(sql`SELECT (${start}::date::timestamp AT TIME ZONE ${timeZone}) AS "from",
    (${end}::date::timestamp AT TIME ZONE ${timeZone}) AS "to"`);
  const r = result.rows[0] as { from: string | Date; to: string | Date };
  return { from: new Date(r.from), to: new Date(r.to) };
}

// ---- settings ----

export async function settingsOf(db: Db, tenantId: string) {
  const [row] = await db.select().from(targetSettings).where(eq(targetSettings.tenantId, tenantId));
  return row ?? { tenantId, basis: 'orders' as TargetBasis, version: 0, updatedAt: new Date(0) };
}

/** Saves the basis if `version` is the stored one (0: none stored yet); the new row or nothing. */
export async function saveSettings(tx: Db, tenantId: string, version: number, basis: TargetBasis) {
  if (version === 0)
    return tx
      .insert(targetSettings)
      .values({ tenantId, basis, version: 1 })
      .onConflictDoNothing()
      .returning();
  return tx
    .update(targetSettings)
    .set({ basis, version: sql`${targetSettings.version} + 1`, updatedAt: new Date() })
    .where(and(eq(targetSettings.tenantId, tenantId), eq(targetSettings.version, version)))
    .returning();
}
