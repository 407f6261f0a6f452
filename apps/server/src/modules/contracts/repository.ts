import type { ContractListQuery } from '@guanxi/contract';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { tenantTimeZoneSql } from '../organization/tenants-service.ts';
import { contractSettings, contracts } from './schema.ts';

export type ContractRow = typeof contracts.$inferSelect;
export type NewContractRow = typeof contracts.$inferInsert;

/**
 * A scope over the contract's owner and department (alias `k`): the contracts scope for the
 * contracts themselves, the receivables or invoices scope when those modules ask about a contract.
 */
export const scopeOver = (p: Principal, module: 'contracts' | 'receivables' | 'invoices') =>
  scopePredicate(p, module, { owner: sql`k.owner_id`, department: sql`k.department_id` });

const live = (p: Principal, module: 'contracts' | 'receivables' | 'invoices' = 'contracts') =>
  sql`k.tenant_id = ${p.tenantId} AND k.deleted_at IS NULL AND ${scopeOver(p, module)}`;

/** Names of the owner and the department, for a page's rows only (customers and orders: their services). */
const pageColumns = sql`k.*,
  (SELECT u.name FROM users u WHERE u.id = k.owner_id) AS owner_name,
  (SELECT d.name FROM departments d WHERE d.id = k.department_id) AS department_name`;

const sortable = {
  createdAt: notNull(sql`k.created_at`),
  number: notNull(sql`k.number`),
  endDate: notNull(sql`k.end_date`),
  signedAt: notNull(sql`coalesce(k.signed_at, k.start_date)`),
};

function filters(p: Principal, q: Partial<ContractListQuery>, today: string): SQL {
  const parts: SQL[] = [live(p)];
  if (q.status) parts.push(sql`k.status = ${q.status}`);
  if (q.customerId) parts.push(sql`k.customer_id = ${q.customerId}`);
  if (q.orderId) parts.push(sql`k.order_id = ${q.orderId}`);
  if (q.mine === 'true') parts.push(sql`k.owner_id = ${p.userId}`);
  else if (q.ownerId) parts.push(sql`k.owner_id = ${q.ownerId}`);
  if (q.endingWithin !== undefined)
    parts.push(
      sql`k.status = 'active' AND k.end_date >= ${today}::date AND k.end_date <= ${today}::date + ${q.endingWithin}::int`,
    );
  if (q.q) {
    const like = `%${likeEscape(q.q)}%`;
    parts.push(sql`(k.title ILIKE ${like} OR k.number ILIKE ${like})`);
  }
  return sql.join(parts, sql` AND `);
}

/** One page of contracts in scope, newest first by default (keyset cursors). */
export function listContracts(db: Db, p: Principal, q: ContractListQuery, today: string) {
  return listPage(
    db,
    q,
    {
      columns: sql`k.*`,
      from: sql`FROM contracts k WHERE ${filters(p, q, today)}`,
      orderBy: orderBy(q.sort, sortable, '-createdAt', sql`k.id`),
      decorate: { alias: 'k', columns: pageColumns, joins: sql`` },
    },
    (row) => row,
  );
}

/** Up to `limit` contracts of a list view, for an export (names included). */
export async function exportRows(
  db: Db,
  p: Principal,
  q: Partial<ContractListQuery>,
  today: string,
  limit: number,
) {
  const result = await db.execute(
    sql`SELECT ${pageColumns} FROM contracts k WHERE ${filters(p, q, today)} ORDER BY k.created_at DESC, k.id DESC LIMIT ${limit}`,
  );
  return result.rows as Record<string, unknown>[];
}

/** One contract in the scope of `module`, with names. */
export async function findVisible(
  db: Db,
  p: Principal,
  id: string,
  module: 'contracts' | 'receivables' | 'invoices' = 'contracts',
) {
  const result = await db.execute(
    sql`SELECT ${pageColumns} FROM contracts k WHERE ${live(p, module)} AND k.id = ${id}`,
  );
  return result.rows[0] as Record<string, unknown> | undefined;
}

/** The row, locked, if it is in the caller's scope of `module`. */
export async function lockVisible(
  tx: Db,
  p: Principal,
  id: string,
  module: 'contracts' | 'receivables' | 'invoices' = 'contracts',
): Promise<ContractRow | undefined> {
  const result = await tx.execute(
    sql`SELECT k.id FROM contracts k WHERE ${live(p, module)} AND k.id = ${id} FOR UPDATE`,
  );
  if (!result.rows.length) return undefined;
  return lockById(tx, p.tenantId, id);
}

/** The row by id, locked, whoever asks (the approval engine settling it). */
export async function lockById(tx: Db, tenantId: string, id: string): Promise<ContractRow | undefined> {
  const [row] = await tx
    .select()
    .from(contracts)
    .where(and(eq(contracts.tenantId, tenantId), eq(contracts.id, id)))
    .for('update');
  return row && !row.deletedAt ? row : undefined;
}

export async function insertContract(tx: Db, values: NewContractRow) {
  const [row] = await tx.insert(contracts).values(values).returning();
  return row;
}

export async function updateContract(
  tx: Db,
  id: string,
  values: Partial<NewContractRow>,
): Promise<ContractRow> {
  const [row] = await tx
    .update(contracts)
    .set({ ...values, updatedAt: new Date(), version: sql`${contracts.version} + 1` })
    .where(eq(contracts.id, id))
    .returning();
  return row;
}

/** An active user of the tenant inside the caller's contracts scope (a contract's owner). */
export async function ownerInScope(db: Db, p: Principal, userId: string) {
  const scope = scopePredicate(p, 'contracts', { owner: sql`u.id`, department: sql`u.department_id` });
  const result = await db.execute(
    sql`SELECT u.id, u.department_id FROM users u WHERE u.tenant_id = ${p.tenantId} AND u.id = ${userId}
      AND u.deleted_at IS NULL AND u.status = 'active' AND ${scope}`,
  );
  return result.rows[0] as { id: string; department_id: string } | undefined;
}

// ---- settings ----

export async function settingsOf(db: Db, tenantId: string) {
  const [row] = await db.select().from(contractSettings).where(eq(contractSettings.tenantId, tenantId));
  return row ?? { tenantId, expiryReminderDays: 30, version: 0 };
}

/** Saves the settings at `version` (0: none saved yet); no row when the version was stale. */
export async function saveSettings(tx: Db, tenantId: string, version: number, expiryReminderDays: number) {
  if (version === 0) {
    return tx
      .insert(contractSettings)
      .values({ tenantId, expiryReminderDays })
      .onConflictDoNothing()
      .returning();
  }
  return tx
    .update(contractSettings)
    .set({ expiryReminderDays, version: sql`${contractSettings.version} + 1`, updatedAt: new Date() })
    .where(and(eq(contractSettings.tenantId, tenantId), eq(contractSettings.version, version)))
    .returning();
}

// ---- the nightly job ----

/** Tenants with active contracts, and their time zone and reminder days. */
export async function tenantsWithActive(db: Db) {
  const result = await db.execute(
    sql`SELECT k.tenant_id, coalesce(s.expiry_reminder_days, 30) AS days,
        ${tenantTimeZoneSql(sql`k.tenant_id`)} AS timezone
      FROM (SELECT DISTINCT tenant_id FROM contracts WHERE status = 'active' AND deleted_at IS NULL) k
      LEFT JOIN contract_settings s ON s.tenant_id = k.tenant_id`,
  );
  return result.rows as { tenant_id: string; days: number; timezone: string }[];
}

/** Active contracts whose end date has passed: expired, their rows returned. */
export async function expirePast(tx: Db, tenantId: string, today: string) {
  const result = await tx.execute(
    sql`UPDATE contracts SET status = 'expired', updated_at = now(), version = version + 1
      WHERE tenant_id = ${tenantId} AND status = 'active' AND deleted_at IS NULL AND end_date < ${today}::date
      RETURNING id, number, title, owner_id AS "ownerId", end_date::text AS end_date`,
  );
  return result.rows as { id: string; number: string; title: string; ownerId: string; end_date: string }[];
}

/** Active contracts ending within `days` whose owner was not reminded of this end date: marked reminded. */
export async function claimExpiring(tx: Db, tenantId: string, today: string, days: number) {
  const result = await tx.execute(
    sql`UPDATE contracts SET expiry_notified_for = end_date
      WHERE tenant_id = ${tenantId} AND status = 'active' AND deleted_at IS NULL
        AND end_date >= ${today}::date AND end_date <= ${today}::date + ${days}::int
        AND expiry_notified_for IS DISTINCT FROM end_date
      RETURNING id, number, title, owner_id, end_date::text AS end_date`,
  );
  return result.rows as { id: string; number: string; title: string; owner_id: string; end_date: string }[];
}

/** Numbers of contracts by id (rows of receivables already in the caller's scope name theirs). */
export async function numbersOf(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const result = await db.execute(
    sql`SELECT id, number FROM contracts WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList(ids)})`,
  );
  return new Map((result.rows as { id: string; number: string }[]).map((r) => [r.id, r.number]));
}

/** The tenant's contracts for the demo's receivables, oldest first. */
export async function demoContracts(db: Db, tenantId: string) {
  const result = await db.execute(
    sql`SELECT id, number, amount::text AS amount, start_date::text AS start_date, status, owner_id, their_company
      FROM contracts WHERE tenant_id = ${tenantId} AND deleted_at IS NULL ORDER BY start_date, id`,
  );
  return result.rows as {
    id: string;
    number: string;
    amount: string;
    start_date: string;
    status: string;
    owner_id: string;
    their_company: string | null;
  }[];
}
