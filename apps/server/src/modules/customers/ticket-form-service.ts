/**
 * Who is asking through the public ticket form (在线报修表单): the tenant's live contacts — and
 * customers themselves, whose own mobile / e-mail is on record — reached at the submitter's mobile
 * or e-mail, without the tickets module reading the customers' tables.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { emailKey, phoneKey } from './search-keys.ts';

export type ReachedBy = { customerId: string; contactId: string | null };

/**
 * Contacts (and customers) of live customers reached at `mobile` or `email`, at most 20: a mobile
 * matches as typed or as its digits (the contacts' index holds it as typed), a customer's own by
 * its normalised key; an e-mail case-insensitively. The caller decides what an ambiguous answer
 * (several customers) means.
 */
export async function contactsReachedBy(
  db: Db,
  tenantId: string,
  at: { mobile?: string | null; email?: string | null },
): Promise<ReachedBy[]> {
  const mobile = at.mobile?.trim() || null;
  const digits = phoneKey(mobile);
  const email = emailKey(at.email);
  if (!digits && !email) return [];
  const contactMatch = sql.join(
    [
      ...(digits ? [sql`ct.mobile IN (${mobile}, ${digits})`] : []),
      ...(email ? [sql`lower(ct.email) = ${email}`] : []),
    ],
    sql` OR `,
  );
  const customerMatch = sql.join(
    [...(digits ? [sql`c.mobile_key = ${digits}`] : []), ...(email ? [sql`c.email_key = ${email}`] : [])],
    sql` OR `,
  );
  const result = await db.execute(sql`(SELECT ct.customer_id, ct.id AS contact_id, 0 AS rank
      FROM contacts ct JOIN customers c ON c.id = ct.customer_id AND c.deleted_at IS NULL
      WHERE ct.tenant_id = ${tenantId} AND ct.deleted_at IS NULL AND (${contactMatch})
      ORDER BY ct.is_primary DESC, ct.created_at LIMIT 20)
    UNION ALL
    (SELECT c.id, NULL, 1 FROM customers c
      WHERE c.tenant_id = ${tenantId} AND c.deleted_at IS NULL AND (${customerMatch}) LIMIT 20)
    ORDER BY rank`);
  return (result.rows as { customer_id: string; contact_id: string | null }[]).map((r) => ({
    customerId: r.customer_id,
    contactId: r.contact_id,
  }));
}
