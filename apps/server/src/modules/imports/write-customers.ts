import type { Locale } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { customers } from '../../db/schema/index.ts';
import { type Actor, auditUpdate } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { nextNumbers } from '../../platform/numbering.ts';
import { type CustomValues, customValidator } from '../custom-fields/service.ts';
import { auditable } from '../customers/mapping.ts';
import { customerScope } from '../customers/scope.ts';
import { derivedColumns, emailKey, nameKey, phoneKey, taxKey } from '../customers/search-keys.ts';
import type { RowError } from './fields.ts';
import { say } from './messages.ts';

export type Plan =
  | { action: 'create' }
  | { action: 'update'; id: string }
  | { action: 'skip' }
  | { action: 'error'; error: RowError };
type Existing = { id: string; name: string; writable: boolean; keys: string[] };

const keysOf = (v: Record<string, unknown>) =>
  [
    nameKey(String(v.name ?? '')) && `n:${nameKey(String(v.name))}`,
    phoneKey(v.phone as string) && `p:${phoneKey(v.phone as string)}`,
    phoneKey(v.mobile as string) && `p:${phoneKey(v.mobile as string)}`,
    taxKey(v.taxNumber as string) && `t:${taxKey(v.taxNumber as string)}`,
    emailKey(v.email as string) && `e:${emailKey(v.email as string)}`,
  ].filter((k): k is string => Boolean(k));

const array = (values: string[]) =>
  values.length
    ? sql`ARRAY[${sql.join(
        values.map((x) => sql`${x}`),
        sql`, `,
      )}]::text[]`
    : sql`'{}'::text[]`;

/** Customers of the tenant matching any key of the batch (duplicate check of SPEC §3, in one query). */
async function existingFor(db: Db, p: Principal, rows: Record<string, unknown>[]): Promise<Existing[]> {
  const keys = rows.flatMap(keysOf);
  const pick = (prefix: string) => keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(2));
  if (!keys.length) return [];
  const result =
    await db.execute(sql`SELECT c.id, c.name, c.name_key, c.phone_key, c.mobile_key, c.tax_key, c.email_key,
      (${customerScope(p, 'write')}) AS writable
    FROM customers c WHERE c.tenant_id = ${p.tenantId} AND c.deleted_at IS NULL AND (
      c.name_key = ANY(${array(pick('n:'))}) OR c.phone_key = ANY(${array(pick('p:'))})
      OR c.mobile_key = ANY(${array(pick('p:'))}) OR c.tax_key = ANY(${array(pick('t:'))})
      OR c.email_key = ANY(${array(pick('e:'))}))`);
  return (result.rows as Record<string, string | boolean | null>[]).map((r) => ({
    id: r.id as string,
    name: r.name as string,
    writable: Boolean(r.writable),
    keys: [
      r.name_key && `n:${r.name_key}`,
      r.phone_key && `p:${r.phone_key}`,
      r.mobile_key && `p:${r.mobile_key}`,
      r.tax_key && `t:${r.tax_key}`,
      r.email_key && `e:${r.email_key}`,
    ].filter((k): k is string => Boolean(k)),
  }));
}

/**
 * What to do with each row of a batch under the duplicate mode: skip, update the existing
 * customer (only one the importer may change), or create anyway (only with
 * customers:force_duplicate). A row repeating an earlier row of the same batch is skipped.
 */
export async function planCustomers(
  db: Db,
  p: Principal,
  rows: Record<string, unknown>[],
  mode: 'skip' | 'update' | 'create',
  locale: Locale,
): Promise<Plan[]> {
  const existing = await existingFor(db, p, rows);
  const seen = new Set<string>();
  return rows.map((values) => {
    const keys = keysOf(values);
    const match = existing.find((e) => e.keys.some((k) => keys.includes(k)));
    const repeated = keys.some((k) => seen.has(k));
    for (const k of keys) seen.add(k);
    if (!match) return repeated && mode !== 'create' ? { action: 'skip' } : { action: 'create' };
    if (mode === 'skip') return { action: 'skip' };
    if (mode === 'update') {
      return match.writable
        ? { action: 'update', id: match.id }
        : {
            action: 'error',
            error: { field: 'name', message: say(locale, 'duplicateNotWritable', match.name) },
          };
    }
    return p.permissions.has('customers:force_duplicate')
      ? { action: 'create' }
      : { action: 'error', error: { field: 'name', message: say(locale, 'duplicate', match.name) } };
  });
}

/** Inserts the batch's new customers (numbers allocated in one block) and applies its updates. */
export async function writeCustomers(
  tx: Db,
  p: Principal,
  actor: Actor,
  timeZone: string,
  rows: { values: Record<string, unknown>; plan: Plan }[],
) {
  const creates = rows.filter((r) => r.plan.action === 'create').map((r) => r.values);
  const owners = [...new Set(creates.map((v) => (v.ownerId as string | undefined) ?? p.userId))];
  const departments = new Map<string, string>();
  if (owners.length) {
    const result = await tx.execute(sql`SELECT id, department_id FROM users WHERE tenant_id = ${p.tenantId}
      AND id = ANY(${sql`ARRAY[${sql.join(
        owners.map((o) => sql`${o}::uuid`),
        sql`, `,
      )}]`})`);
    for (const r of result.rows as { id: string; department_id: string }[])
      departments.set(r.id, r.department_id);
  }
  const now = new Date();
  // custom values again against the definitions as they are now (they were checked when converted)
  const validate = await customValidator(tx, p.tenantId, 'customers');
  for (const v of creates) v.custom = await validate(v.custom as CustomValues | undefined);
  const numbers = await nextNumbers(tx, p.tenantId, 'customer', timeZone, creates.length, now);
  const inserts = creates.map((v, i) => {
    const {
      ownerId,
      nextFollowUpAt,
      lat,
      lng,
      draft: _d,
      force: _f,
      ...fields
    } = v as Record<string, unknown>;
    const owner = (ownerId as string | undefined) ?? p.userId;
    return {
      ...(fields as object),
      id: uuidv7(),
      tenantId: p.tenantId,
      createdBy: p.userId,
      name: v.name as string,
      number: numbers[i],
      state: 'active' as const,
      ownerId: owner,
      departmentId: departments.get(owner) ?? p.departmentId,
      ownedSince: now,
      submittedAt: now,
      nextFollowUpAt: nextFollowUpAt ? new Date(nextFollowUpAt as string) : null,
      lat: lat == null ? null : String(lat),
      lng: lng == null ? null : String(lng),
      ...derivedColumns({ ...(v as { name: string }), number: numbers[i] }),
    };
  });
  for (let i = 0; i < inserts.length; i += 250) await tx.insert(customers).values(inserts.slice(i, i + 250));

  let updated = 0;
  for (const r of rows) {
    if (r.plan.action !== 'update') continue;
    const id = r.plan.id;
    const [before] = await tx.select().from(customers).where(sql`${customers.id} = ${id}`).for('update');
    if (!before) continue;
    const { ownerId: _o, nextFollowUpAt, lat, lng, ...fields } = r.values;
    const changes: Record<string, unknown> = { ...fields };
    // custom values merge over the record's own (a file's columns never erase the others)
    if (fields.custom !== undefined)
      changes.custom = await validate(fields.custom as CustomValues, before.custom);
    if (nextFollowUpAt) changes.nextFollowUpAt = new Date(nextFollowUpAt as string);
    if (lat != null) changes.lat = String(lat);
    if (lng != null) changes.lng = String(lng);
    const merged = { ...before, ...changes } as typeof before;
    const [after] = await tx
      .update(customers)
      .set({ ...changes, ...derivedColumns(merged), updatedAt: now, version: sql`${customers.version} + 1` })
      .where(sql`${customers.id} = ${id}`)
      .returning();
    await auditUpdate(
      tx,
      actor,
      { entity: 'customers', entityId: id, summary: `${after.number ?? ''} ${after.name}`.trim() },
      auditable(before),
      auditable(after),
    );
    updated++;
  }
  return { created: inserts.length, updated };
}
