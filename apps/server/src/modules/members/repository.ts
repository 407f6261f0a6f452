import type { MemberListQuery } from '@guanxi/contract';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { memberLevelChanges, memberParticipations, memberPointEntries, members } from './schema.ts';

/** SQL of the members module; only its services call it. The scope is always passed in. */

export type MemberRow = {
  id: string;
  tenant_id: string;
  version: number;
  created_at: unknown;
  updated_at: unknown;
  number: string;
  customer_id: string;
  contact_id: string | null;
  level_id: string | null;
  level_name: string | null;
  joined_at: unknown;
  status: 'active' | 'frozen' | 'cancelled';
  points: number;
  lifetime_points: number;
  lifetime_spend: string;
};

export type EntryRow = {
  id: string;
  kind: 'earn' | 'redeem' | 'adjust' | 'expire';
  points: number;
  balance_after: number;
  reason: string;
  source_kind: 'order' | 'campaign' | 'plan' | 'manual' | 'expiry';
  source_id: string | null;
  expires_at: unknown;
  remaining: number | null;
  created_at: unknown;
  created_by: string | null;
};

// the level's name is reference data (dictionary_items), read in SQL like every list's labels
const memberColumns = sql`m.id, m.tenant_id, m.version, m.created_at, m.updated_at, m.number, m.customer_id,
  m.contact_id, m.level_id, (SELECT d.name FROM dictionary_items d WHERE d.id = m.level_id) AS level_name,
  m.joined_at::text AS joined_at, m.status, m.points, m.lifetime_points, m.lifetime_spend::text AS lifetime_spend`;

const entryColumns = sql`e.id, e.kind, e.points, e.balance_after, e.reason, e.source_kind, e.source_id, e.expires_at,
  e.remaining, e.created_at, e.created_by`;

/** A live member by id within the scope; its row locked when `lock` (every points change). */
export async function findMember(db: Db, tenantId: string, id: string, scope: SQL, lock = false) {
  const r = await db.execute(
    sql`SELECT ${memberColumns} FROM members m
      WHERE m.tenant_id = ${tenantId} AND m.id = ${id} AND m.deleted_at IS NULL AND ${scope}
      ${lock ? sql`FOR UPDATE OF m` : sql``}`,
  );
  return r.rows[0] as MemberRow | undefined;
}

/** The live member of a customer (no scope: the caller holds the customer), locked when `lock`. */
export async function memberOfCustomer(db: Db, tenantId: string, customerId: string, lock = false) {
  const r = await db.execute(
    sql`SELECT ${memberColumns} FROM members m
      WHERE m.tenant_id = ${tenantId} AND m.customer_id = ${customerId} AND m.deleted_at IS NULL
      ${lock ? sql`FOR UPDATE OF m` : sql``}`,
  );
  return r.rows[0] as MemberRow | undefined;
}

export async function insertMember(tx: Db, row: typeof members.$inferInsert) {
  await tx.insert(members).values(row);
}

export async function setMember(
  tx: Db,
  tenantId: string,
  id: string,
  values: {
    contactId?: string | null;
    levelId?: string;
    status?: string;
    points?: number;
    lifetimePoints?: number;
    lifetimeSpend?: string;
    deleted?: boolean;
  },
  version?: number,
): Promise<boolean> {
  const sets = [sql`updated_at = now()`, sql`version = version + 1`];
  if (values.contactId !== undefined) sets.push(sql`contact_id = ${values.contactId}`);
  if (values.levelId !== undefined) sets.push(sql`level_id = ${values.levelId}`);
  if (values.status !== undefined) sets.push(sql`status = ${values.status}`);
  if (values.points !== undefined) sets.push(sql`points = ${values.points}`);
  if (values.lifetimePoints !== undefined) sets.push(sql`lifetime_points = ${values.lifetimePoints}`);
  if (values.lifetimeSpend !== undefined) sets.push(sql`lifetime_spend = ${values.lifetimeSpend}::numeric`);
  if (values.deleted) sets.push(sql`deleted_at = now()`);
  const r = await tx.execute(
    sql`UPDATE members SET ${sql.join(sets, sql`, `)} WHERE tenant_id = ${tenantId} AND id = ${id}
      ${version === undefined ? sql`` : sql`AND version = ${version}`} RETURNING 1`,
  );
  return r.rows.length > 0;
}

export async function insertEntry(tx: Db, row: typeof memberPointEntries.$inferInsert) {
  await tx.insert(memberPointEntries).values(row);
}

export async function earningOf(
  db: Db,
  tenantId: string,
  memberId: string,
  sourceKind: string,
  sourceId: string,
) {
  const r = await db.execute(
    sql`SELECT ${entryColumns} FROM member_point_entries e WHERE e.tenant_id = ${tenantId}
      AND e.member_id = ${memberId} AND e.kind = 'earn' AND e.source_kind = ${sourceKind} AND e.source_id = ${sourceId}`,
  );
  return r.rows[0] as EntryRow | undefined;
}

/**
 * Takes `points` off the member's credits that have some left, earliest expiry first (then the
 * oldest): each credit's running total decides how much of it goes. The caller holds the
 * member's lock and has checked the balance covers it.
 */
export async function consumeCredits(tx: Db, tenantId: string, memberId: string, points: number) {
  await tx.execute(
    sql`WITH c AS (
        SELECT id, remaining, sum(remaining) OVER (ORDER BY expires_at NULLS LAST, created_at, id) AS upto
        FROM member_point_entries
        WHERE tenant_id = ${tenantId} AND member_id = ${memberId} AND remaining > 0
      )
      UPDATE member_point_entries e SET remaining = greatest(0, c.upto - ${points})::int
      FROM c WHERE e.id = c.id AND c.upto - c.remaining < ${points}`,
  );
}

/** Zeroes what is left of the member's credits expired by `now`; answers how much that was. */
export async function takeExpiredCredits(
  tx: Db,
  tenantId: string,
  memberId: string,
  now: Date,
): Promise<number> {
  const r = await tx.execute(
    sql`WITH gone AS (
        UPDATE member_point_entries e SET remaining = 0
        FROM (SELECT id, remaining FROM member_point_entries
          WHERE tenant_id = ${tenantId} AND member_id = ${memberId} AND remaining > 0
            AND expires_at <= ${now.toISOString()}::timestamptz) x
        WHERE e.id = x.id RETURNING x.remaining
      ) SELECT coalesce(sum(remaining), 0)::int AS n FROM gone`,
  );
  return Number((r.rows[0] as { n: number }).n);
}

/** Members (any tenant) holding credits expired by `now` with something left. */
export async function membersWithExpiredCredits(db: Db, now: Date) {
  const r = await db.execute(
    sql`SELECT DISTINCT tenant_id, member_id FROM member_point_entries
      WHERE remaining > 0 AND expires_at <= ${now.toISOString()}::timestamptz`,
  );
  return r.rows as { tenant_id: string; member_id: string }[];
}

/** The tenant's valid member levels, lowest first. */
export async function levels(db: Db, tenantId: string) {
  const r = await db.execute(
    sql`SELECT id, code, name FROM dictionary_items
      WHERE tenant_id = ${tenantId} AND type = 'member-level' AND parent_id IS NULL AND valid
      ORDER BY sort_order, id`,
  );
  return r.rows as { id: string; code: string | null; name: string }[];
}

export async function insertLevelChange(tx: Db, row: typeof memberLevelChanges.$inferInsert) {
  await tx.insert(memberLevelChanges).values(row);
}

export async function levelHistory(db: Db, tenantId: string, memberId: string) {
  const r = await db.execute(
    sql`SELECT h.from_level_id, h.to_level_id, (SELECT d.name FROM dictionary_items d WHERE d.id = h.to_level_id) AS to_level_name,
        h.cause, h.created_at
      FROM member_level_changes h WHERE h.tenant_id = ${tenantId} AND h.member_id = ${memberId}
      ORDER BY h.created_at DESC, h.id DESC LIMIT 50`,
  );
  return r.rows as {
    from_level_id: string | null;
    to_level_id: string;
    to_level_name: string | null;
    cause: 'rule' | 'manual';
    created_at: unknown;
  }[];
}

export async function insertParticipation(tx: Db, row: typeof memberParticipations.$inferInsert) {
  const r = await tx
    .insert(memberParticipations)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: memberParticipations.id });
  return r.length > 0;
}

export async function participations(db: Db, tenantId: string, memberId: string) {
  const r = await db.execute(
    sql`SELECT id, kind, activity_id, participated_at::text AS participated_at, points, created_at
      FROM member_participations WHERE tenant_id = ${tenantId} AND member_id = ${memberId}
      ORDER BY participated_at DESC, id DESC LIMIT 100`,
  );
  return r.rows as {
    id: string;
    kind: 'campaign' | 'plan';
    activity_id: string;
    participated_at: string;
    points: number;
    created_at: unknown;
  }[];
}

/** Members in the scope, newest first; by level, status, customer; `q` on the number or (via `named`) the customer's name. */
type MemberFilters = Pick<MemberListQuery, 'levelId' | 'status' | 'customerId' | 'q'>;

/** The live members of the scope that the list's filters keep (`m`). */
function membersWhere(tenantId: string, scope: SQL, q: MemberFilters, named: SQL | null) {
  const filters = [
    q.levelId ? sql` AND m.level_id = ${q.levelId}` : sql``,
    q.status ? sql` AND m.status = ${q.status}` : sql``,
    q.customerId ? sql` AND m.customer_id = ${q.customerId}` : sql``,
    q.q && named
      ? sql` AND (m.number ILIKE ${`%${likeEscape(q.q)}%`} OR m.customer_id IN (${named}))`
      : sql``,
  ];
  return sql`m.tenant_id = ${tenantId} AND m.deleted_at IS NULL AND ${scope}${sql.join(filters, sql``)}`;
}

export function listMembers<T>(
  db: Db,
  tenantId: string,
  scope: SQL,
  q: MemberListQuery,
  named: SQL | null,
  map: (r: MemberRow) => T,
) {
  return listPage(
    db,
    q,
    {
      columns: memberColumns,
      from: sql`FROM members m WHERE ${membersWhere(tenantId, scope, q, named)}`,
      orderBy: orderBy(
        q.sort,
        {
          createdAt: notNull(sql`m.created_at`),
          number: notNull(sql`m.number`),
          points: notNull(sql`m.points`),
        },
        '-createdAt',
        sql`m.id`,
      ),
    },
    (r) => map(r as MemberRow),
  );
}

/** The list's members for an export, a block at a time in id order (after the last block's id). */
export async function exportBlock(
  db: Db,
  tenantId: string,
  scope: SQL,
  q: MemberFilters,
  named: SQL | null,
  limit: number,
  after: string | undefined,
): Promise<MemberRow[]> {
  const r = await db.execute(
    sql`SELECT ${memberColumns} FROM members m WHERE ${membersWhere(tenantId, scope, q, named)}
      ${after ? sql`AND m.id > ${after}` : sql``} ORDER BY m.id LIMIT ${limit}`,
  );
  return r.rows as MemberRow[];
}

/** A member's ledger, newest first. */
export function listEntries<T>(
  db: Db,
  tenantId: string,
  memberId: string,
  q: { page: number; pageSize: number },
  map: (r: EntryRow) => T,
) {
  return listPage(
    db,
    q,
    {
      columns: entryColumns,
      from: sql`FROM member_point_entries e WHERE e.tenant_id = ${tenantId} AND e.member_id = ${memberId}`,
      orderBy: orderBy(undefined, { createdAt: notNull(sql`e.created_at`) }, '-createdAt', sql`e.id`),
    },
    (r) => map(r as EntryRow),
  );
}
