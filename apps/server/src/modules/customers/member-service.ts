/**
 * What the members module (会员) asks of customers: a member is seen exactly when its customer
 * is, so its scope is this module's customers scope over the member's `customer_id`, and its
 * customer's name, contacts and search are read here, never from the members side.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { likeEscape } from '../../platform/pagination.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { liveInScope } from './scope.ts';

/** True for a row whose `customerId` (an SQL column) is a live customer in the caller's scope. */
export const customerVisibleSql = (p: Principal, customerId: SQL, mode: 'read' | 'write' = 'read'): SQL =>
  sql`EXISTS (SELECT 1 FROM customers c WHERE c.id = ${customerId} AND ${liveInScope(p, mode)})`;

/** Ids of the caller's visible customers whose name contains `q` (a subquery). */
export const visibleCustomersNamed = (p: Principal, q: string): SQL =>
  sql`SELECT c.id FROM customers c WHERE ${liveInScope(p)} AND c.name ILIKE ${`%${likeEscape(q)}%`}`;

/** The customer if live and in the caller's scope (`write`: one they may change). */
export async function customerForMember(
  db: Db,
  p: Principal,
  id: string,
  mode: 'read' | 'write' = 'read',
): Promise<{ id: string; name: string } | null> {
  const r = await db.execute(
    sql`SELECT c.id, c.name FROM customers c WHERE c.id = ${id} AND ${liveInScope(p, mode)}`,
  );
  return (r.rows[0] as { id: string; name: string } | undefined) ?? null;
}

/** The contact's name when it is a live contact of that customer; null otherwise. */
export async function contactOfCustomer(
  db: Db,
  tenantId: string,
  customerId: string,
  contactId: string,
): Promise<string | null> {
  const r = await db.execute(
    sql`SELECT name FROM contacts WHERE tenant_id = ${tenantId} AND id = ${contactId}
      AND customer_id = ${customerId} AND deleted_at IS NULL`,
  );
  return (r.rows[0] as { name: string } | undefined)?.name ?? null;
}

/** Names of customers and contacts by id, for a page of members (no scope: the members were). */
export async function customerAndContactNames(
  db: Db,
  tenantId: string,
  customerIds: string[],
  contactIds: string[],
): Promise<{ customers: Map<string, string>; contacts: Map<string, string> }> {
  const names = async (table: SQL, ids: string[]) => {
    if (!ids.length) return new Map<string, string>();
    const r = await db.execute(
      sql`SELECT id, name FROM ${table} WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList([...new Set(ids)])})`,
    );
    return new Map((r.rows as { id: string; name: string }[]).map((x) => [x.id, x.name]));
  };
  return {
    customers: await names(sql`customers`, customerIds),
    contacts: await names(sql`contacts`, contactIds),
  };
}
