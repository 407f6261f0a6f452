import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Actor, auditUpdate } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { type CustomValues, customValidator } from '../custom-fields/service.ts';
import { contacts } from '../customers/schema.ts';
import type { Plan } from './write-customers.ts';

const keyOf = (v: Record<string, unknown>) => [
  `${v.customerId}|n:${v.name}`,
  v.mobile ? `${v.customerId}|m:${v.mobile}` : null,
];

/** A contact repeats one of the same customer with the same name or mobile. */
export async function planContacts(
  db: Db,
  p: Principal,
  rows: Record<string, unknown>[],
  mode: 'skip' | 'update' | 'create',
): Promise<Plan[]> {
  const customerIds = [...new Set(rows.map((r) => r.customerId as string))];
  const existing = new Map<string, string>();
  if (customerIds.length) {
    const result = await db.execute(sql`SELECT id, customer_id, name, mobile FROM contacts
      WHERE tenant_id = ${p.tenantId} AND deleted_at IS NULL
        AND customer_id = ANY(${uuidList(customerIds)})`);
    for (const r of result.rows as {
      id: string;
      customer_id: string;
      name: string;
      mobile: string | null;
    }[]) {
      for (const k of keyOf({ customerId: r.customer_id, name: r.name, mobile: r.mobile }))
        if (k) existing.set(k, r.id);
    }
  }
  const seen = new Set<string>();
  return rows.map((values) => {
    const keys = keyOf(values).filter((k): k is string => Boolean(k));
    const match = keys.map((k) => existing.get(k)).find(Boolean);
    const repeated = keys.some((k) => seen.has(k));
    for (const k of keys) seen.add(k);
    if (mode === 'create') return { action: 'create' };
    if (match) return mode === 'update' ? { action: 'update', id: match } : { action: 'skip' };
    return repeated ? { action: 'skip' } : { action: 'create' };
  });
}

export async function writeContacts(
  tx: Db,
  p: Principal,
  actor: Actor,
  rows: { values: Record<string, unknown>; plan: Plan }[],
) {
  const now = new Date();
  let created = 0;
  let updated = 0;
  const validate = await customValidator(tx, p.tenantId, 'contacts');
  for (const r of rows) {
    if (r.plan.action === 'skip' || r.plan.action === 'error') continue;
    const { customerId, ...fields } = r.values as { customerId: string; isPrimary?: boolean } & Record<
      string,
      unknown
    >;
    const custom = fields.custom as CustomValues | undefined;
    if (fields.isPrimary)
      await tx.execute(
        sql`UPDATE contacts SET is_primary = false WHERE tenant_id = ${p.tenantId} AND customer_id = ${customerId} AND is_primary`,
      );
    if (r.plan.action === 'create') {
      fields.custom = await validate(custom);
      await tx.insert(contacts).values({
        ...(fields as object),
        name: fields.name as string,
        id: uuidv7(),
        tenantId: p.tenantId,
        createdBy: p.userId,
        customerId,
      });
      created++;
    } else {
      const id = r.plan.id;
      const [before] = await tx.select().from(contacts).where(sql`${contacts.id} = ${id}`).for('update');
      if (custom !== undefined) fields.custom = await validate(custom, before.custom);
      const [after] = await tx
        .update(contacts)
        .set({ ...fields, updatedAt: now, version: sql`${contacts.version} + 1` })
        .where(sql`${contacts.id} = ${id}`)
        .returning();
      const { updatedAt: _a, version: _b, ...b } = before;
      const { updatedAt: _c, version: _d, ...a } = after;
      await auditUpdate(tx, actor, { entity: 'contacts', entityId: id, summary: after.name }, b, a);
      updated++;
    }
  }
  return { created, updated };
}
