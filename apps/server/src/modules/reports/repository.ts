import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { likeEscape } from '../../platform/pagination.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { contactNorms } from './schema.ts';

export type NormRow = typeof contactNorms.$inferSelect;

/** Every customer level of the tenant (reference data) with its norm, in the dictionary's order. */
export async function levelsWithNorms(db: Db, tenantId: string) {
  const res = await db.execute(sql`SELECT di.id AS level_id, di.name, di.name_en, di.valid,
      COALESCE(n.per_month, 0) AS per_month, n.version
    FROM dictionary_items di
    LEFT JOIN contact_norms n ON n.tenant_id = di.tenant_id AND n.level_id = di.id
    WHERE di.tenant_id = ${tenantId} AND di.type = 'customer-level'
    ORDER BY di.sort_order, di.id`);
  return res.rows as {
    level_id: string;
    name: string;
    name_en: string | null;
    valid: boolean;
    per_month: number;
    version: number | null;
  }[];
}

/** The norm rows of some levels, locked for an update. */
export async function lockNorms(tx: Db, tenantId: string, levelIds: string[]) {
  const rows = await tx
    .select()
    .from(contactNorms)
    .where(
      and(eq(contactNorms.tenantId, tenantId), sql`${contactNorms.levelId} = ANY(${uuidList(levelIds)})`),
    )
    .for('update');
  return new Map(rows.map((r) => [r.levelId, r]));
}

export async function insertNorm(tx: Db, row: typeof contactNorms.$inferInsert) {
  // a concurrent first save of the same level: the unique index decides, the loser gets none back
  return tx.insert(contactNorms).values(row).onConflictDoNothing().returning();
}

export async function updateNorm(tx: Db, tenantId: string, id: string, version: number, perMonth: number) {
  return tx
    .update(contactNorms)
    .set({ perMonth, version: sql`${contactNorms.version} + 1`, updatedAt: new Date() })
    .where(
      and(eq(contactNorms.tenantId, tenantId), eq(contactNorms.id, id), eq(contactNorms.version, version)),
    )
    .returning();
}

/** Seeds norms for levels that have none (a tenant's first start). */
export async function insertMissingNorms(tx: Db, rows: (typeof contactNorms.$inferInsert)[]) {
  if (rows.length) await tx.insert(contactNorms).values(rows).onConflictDoNothing();
}

/** Whether the tenant has any norm row (seeded once: an admin's later choices are never redone). */
export async function hasNorms(tx: Db, tenantId: string) {
  const res = await tx.execute(sql`SELECT 1 FROM contact_norms WHERE tenant_id = ${tenantId} LIMIT 1`);
  return res.rows.length > 0;
}

/**
 * A month in the tenant's time zone as [from, to) instants: local midnight of the 1st to local
 * midnight of the next month's 1st (DST-safe: PostgreSQL resolves each wall time in the zone).
 */
const monthWindow = (month: string, timeZone: string) => ({
  from: sql`((${month} || '-01')::timestamp AT TIME ZONE ${timeZone})`,
  to: sql`(((${month} || '-01')::timestamp + interval '1 month') AT TIME ZONE ${timeZone})`,
});

/**
 * The customers a norm applies to, of the owners `owners` selects (alias `u`): active (owned, not
 * in a pool), not deleted, not invalidated, with a level whose norm is above 0; each with the
 * month's follow-ups (by anyone, not deleted) counted in full and capped at its norm.
 * One join the planner can run as a nested loop over the follow-ups index (tenant, customer,
 * occurred_at) for a small scope, or a hash join for a large one.
 *
 * The reports module reads `customers` and `follow_ups` here read-only (architecture.md,
 * Boundaries: a report joins across the business and writes none of it).
 */
function normedCustomers(tenantId: string, month: string, timeZone: string, owners: SQL) {
  const { from, to } = monthWindow(month, timeZone);
  return sql`SELECT c.id, c.owner_id, c.level_id, n.per_month,
      count(f.id)::int AS follow_ups,
      LEAST(count(f.id), n.per_month)::int AS done
    FROM customers c
    JOIN contact_norms n ON n.tenant_id = c.tenant_id AND n.level_id = c.level_id AND n.per_month > 0
    LEFT JOIN follow_ups f ON f.tenant_id = c.tenant_id AND f.customer_id = c.id
      AND f.deleted_at IS NULL AND f.occurred_at >= ${from} AND f.occurred_at < ${to}
    WHERE c.tenant_id = ${tenantId} AND c.deleted_at IS NULL AND c.state = 'active'
      AND c.invalidated_at IS NULL
      AND c.owner_id IN (SELECT u.id FROM users u WHERE u.tenant_id = ${tenantId} AND ${owners})
    GROUP BY c.id, c.owner_id, c.level_id, n.per_month`;
}

export type ComplianceRow = {
  user_id: string;
  name: string;
  customers: number;
  required: number;
  done: number;
};

/**
 * One row per user the scope selects who is active or owns customers with a norm: their customers
 * with a norm, the norms' sum and the capped follow-ups' sum. One grouped query.
 */
export async function compliance(db: Db, tenantId: string, month: string, timeZone: string, scope: SQL) {
  const res = await db.execute(sql`WITH pc AS (${normedCustomers(tenantId, month, timeZone, scope)})
    SELECT u.id AS user_id, u.name,
      count(pc.id)::int AS customers,
      COALESCE(sum(pc.per_month), 0)::int AS required,
      COALESCE(sum(pc.done), 0)::int AS done
    FROM users u
    LEFT JOIN pc ON pc.owner_id = u.id
    WHERE u.tenant_id = ${tenantId} AND u.deleted_at IS NULL AND ${scope}
    GROUP BY u.id, u.name
    HAVING u.status = 'active' OR count(pc.id) > 0
    ORDER BY convert_to(u.name, 'UTF8'), u.id`);
  return res.rows as ComplianceRow[];
}

/** Whether a user exists in the tenant within the scope (alias `u`). */
export async function userInScope(db: Db, tenantId: string, userId: string, scope: SQL) {
  const res = await db.execute(sql`SELECT 1 FROM users u
    WHERE u.tenant_id = ${tenantId} AND u.id = ${userId} AND u.deleted_at IS NULL AND ${scope}`);
  return res.rows.length > 0;
}

export type ComplianceCustomerRow = {
  id: string;
  number: string | null;
  name: string;
  level_id: string;
  level_name: string;
  level_name_en: string | null;
  required: number;
  done: number;
  follow_ups: number;
  last_follow_up_at: Date | string | null;
  total: number;
};

/** One user's customers with a norm (behind first, then by name), a page of them with the total. */
export async function complianceCustomers(
  db: Db,
  tenantId: string,
  month: string,
  timeZone: string,
  userId: string,
  q: { behindOnly: boolean; name?: string; limit: number; offset: number },
) {
  const res =
    await db.execute(sql`WITH pc AS (${normedCustomers(tenantId, month, timeZone, sql`u.id = ${userId}`)})
    SELECT c.id, c.number, c.name, pc.level_id, di.name AS level_name, di.name_en AS level_name_en,
      pc.per_month::int AS required, pc.done, pc.follow_ups, c.last_follow_up_at,
      count(*) OVER ()::int AS total
    FROM pc
    JOIN customers c ON c.id = pc.id
    JOIN dictionary_items di ON di.id = pc.level_id
    WHERE ${q.behindOnly ? sql`pc.done < pc.per_month` : sql`TRUE`}
      ${q.name ? sql`AND c.name ILIKE ${`%${likeEscape(q.name)}%`}` : sql``}
    ORDER BY (pc.done >= pc.per_month), convert_to(c.name, 'UTF8'), c.id
    LIMIT ${q.limit} OFFSET ${q.offset}`);
  return res.rows as ComplianceCustomerRow[];
}
