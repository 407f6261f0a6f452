import type { ContactListQuery } from '@guanxi/contract';
import { and, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import type { CustomListSql } from '../custom-fields/service.ts';
import { contacts } from './schema.ts';
import { liveInScope } from './scope.ts';

export type ContactRow = typeof contacts.$inferSelect;

const columns = sql`ct.*, c.name AS customer_name`;
/** Contacts inherit their customer's scope. */
const from = (p: Principal, where: SQL, mode: 'read' | 'write' = 'read') => sql`FROM contacts ct
  JOIN customers c ON c.id = ct.customer_id
  WHERE ct.tenant_id = ${p.tenantId} AND ct.deleted_at IS NULL AND ${liveInScope(p, mode)} AND ${where}`;

const sortable = {
  createdAt: notNull(sql`ct.created_at`),
  name: notNull(sql`ct.name`),
  customerName: sql`c.name`,
  birthday: sql`ct.birthday`,
};

export function listContacts(db: Db, p: Principal, q: ContactListQuery, custom?: CustomListSql) {
  const parts: SQL[] = [sql`TRUE`, ...(custom?.where ?? [])];
  if (q.customerId) parts.push(sql`ct.customer_id = ${q.customerId}`);
  if (q.q) {
    const like = `%${likeEscape(q.q)}%`;
    parts.push(
      sql`(ct.name ILIKE ${like} OR ct.mobile LIKE ${like} OR ct.phone LIKE ${like} OR ct.email ILIKE ${like})`,
    );
  }
  return listPage(
    db,
    q,
    {
      columns,
      from: from(p, sql.join(parts, sql` AND `)),
      orderBy: orderBy(
        q.sort,
        { ...sortable, ...custom?.sortable },
        q.customerId ? 'name' : '-createdAt',
        sql`ct.id`,
      ),
    },
    (row) => row,
  );
}

export async function findVisible(db: Db, p: Principal, id: string) {
  const result = await db.execute(sql`SELECT ${columns} ${from(p, sql`ct.id = ${id}`)}`);
  return result.rows[0] as Record<string, unknown> | undefined;
}

/** The contact row, locked, if the caller may write its customer. */
export async function lockWritable(tx: Db, p: Principal, id: string): Promise<ContactRow | undefined> {
  const result = await tx.execute(sql`SELECT ct.id ${from(p, sql`ct.id = ${id}`, 'write')} FOR UPDATE OF ct`);
  if (!result.rows.length) return undefined;
  const [row] = await tx.select().from(contacts).where(eq(contacts.id, id));
  return row;
}

export async function insertContact(tx: Db, values: typeof contacts.$inferInsert) {
  const [row] = await tx.insert(contacts).values(values).returning();
  return row;
}

export function updateContact(
  tx: Db,
  tenantId: string,
  id: string,
  version: number | undefined,
  values: Partial<typeof contacts.$inferInsert>,
) {
  return tx
    .update(contacts)
    .set({ ...values, updatedAt: new Date(), version: sql`${contacts.version} + 1` })
    .where(
      and(
        eq(contacts.tenantId, tenantId),
        eq(contacts.id, id),
        version === undefined ? undefined : eq(contacts.version, version),
      ),
    )
    .returning();
}

/** One primary contact per customer: clears the flag on the others. */
export async function clearPrimary(tx: Db, tenantId: string, customerId: string, exceptId: string) {
  await tx
    .update(contacts)
    .set({ isPrimary: false })
    .where(
      and(
        eq(contacts.tenantId, tenantId),
        eq(contacts.customerId, customerId),
        ne(contacts.id, exceptId),
        eq(contacts.isPrimary, true),
      ),
    );
}

export async function hasPrimary(tx: Db, tenantId: string, customerId: string) {
  const result = await tx.execute(sql`SELECT 1 FROM contacts WHERE tenant_id = ${tenantId}
    AND customer_id = ${customerId} AND is_primary AND deleted_at IS NULL LIMIT 1`);
  return result.rows.length > 0;
}
