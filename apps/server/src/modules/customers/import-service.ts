/**
 * Customers and contacts written by an import (the imports module reads, checks and batches the
 * file; writing its rows is this module's business): duplicate resolution against the customers
 * in the importer's scope, the set-based batch insert (numbers, search keys), updates with their
 * audit entries, and the look-up of the customers a contacts file names.
 */
import type { ImportMode } from '@guanxi/contract';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Actor, type AuditEntry, auditUpdate, updateEntry, writeAudits } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { insertRows } from '../../platform/bulk-insert.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { nextNumbers } from '../../platform/numbering.ts';
import { textList, uuidList } from '../../platform/sql-lists.ts';
import { type CustomValues, customValidator } from '../custom-fields/service.ts';
import { auditable } from './mapping.ts';
import { contacts, customers } from './schema.ts';
import { customerScope, liveInScope } from './scope.ts';
import {
  derivedColumns,
  emailKey,
  nameKey,
  phoneKey,
  type SearchSource,
  searchCodes,
  taxKey,
} from './search-keys.ts';

/** What an import does with one row. */
export type RowPlan = { action: 'create' } | { action: 'update'; id: string } | { action: 'skip' };

/**
 * Why a customer row cannot be imported under its duplicate mode: it repeats a customer the
 * importer may not change (`update`), one that is invalidated (失效, view-only until restored),
 * or one at all without customers:force_duplicate (`create`). `name`: the existing customer's.
 */
export type CustomerRefusal = {
  action: 'refuse';
  reason: 'duplicateNotWritable' | 'duplicateInvalid' | 'duplicate';
  name: string;
};

/**
 * A row as the write functions take it: its values (API input shape) and its plan; rows planned
 * otherwise (skipped, refused, failed) are not written.
 */
type WriteRow = { values: Record<string, unknown>; plan: RowPlan | { action: 'refuse' | 'error' } };

type Existing = { id: string; name: string; writable: boolean; invalid: boolean; keys: string[] };

/** The duplicate keys of a row: name key, phone digits, tax number, email — each with its kind. */
const keysOf = (v: Record<string, unknown>) =>
  [
    `n:${nameKey(String(v.name ?? ''))}`,
    `p:${phoneKey(v.phone as string) ?? ''}`,
    `p:${phoneKey(v.mobile as string) ?? ''}`,
    `t:${taxKey(v.taxNumber as string) ?? ''}`,
    `e:${emailKey(v.email as string) ?? ''}`,
  ].filter((k) => k.length > 2);

/** Customers of the tenant matching any of the keys (duplicate check, in one query). */
async function existingFor(db: Db, p: Principal, keys: string[]): Promise<Existing[]> {
  if (!keys.length) return [];
  // each kind's keys as one array parameter (up to 2,500 keys a batch: a parameter per key cost
  // more to build and bind than the query takes)
  const list = (kind: string) => textList(keys.filter((k) => k.startsWith(kind)).map((k) => k.slice(2)));
  // The tenant as a sub-select, so the planner does not estimate its rows from the statistics:
  // while an import fills a tenant they still say it is (nearly) empty, and the planner then
  // filters all of the tenant's rows for each batch instead of looking the keys up.
  const result =
    await db.execute(sql`SELECT c.id, c.name, c.name_key, c.phone_key, c.mobile_key, c.tax_key, c.email_key,
      (${customerScope(p, 'write')}) AS writable, c.invalidated_at IS NOT NULL AS invalid
    FROM customers c WHERE c.tenant_id = (SELECT ${p.tenantId}::uuid) AND c.deleted_at IS NULL AND (
      c.name_key = ANY(${list('n:')}) OR c.phone_key = ANY(${list('p:')})
      OR c.mobile_key = ANY(${list('p:')}) OR c.tax_key = ANY(${list('t:')})
      OR c.email_key = ANY(${list('e:')}))`);
  return (result.rows as Record<string, string | boolean | null>[]).map((r) => ({
    id: r.id as string,
    name: r.name as string,
    writable: Boolean(r.writable),
    invalid: Boolean(r.invalid),
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
 * customers:force_duplicate); otherwise the row is refused, with the reason. A row repeating an
 * earlier row of the same batch is skipped.
 */
export async function planCustomers(
  db: Db,
  p: Principal,
  rows: Record<string, unknown>[],
  mode: ImportMode,
): Promise<(RowPlan | CustomerRefusal)[]> {
  const keys = rows.map(keysOf);
  const existing = await existingFor(db, p, [...new Set(keys.flat())]);
  // key → the first existing customer having it (a map: batch × matches would be quadratic)
  const byKey = new Map<string, number>();
  existing.forEach((e, i) => {
    for (const k of e.keys) if (!byKey.has(k)) byKey.set(k, i);
  });
  const seen = new Set<string>();
  return rows.map((_, r) => {
    const found = keys[r].map((k) => byKey.get(k)).filter((i) => i !== undefined);
    const match = found.length ? existing[Math.min(...found)] : undefined;
    const repeated = keys[r].some((k) => seen.has(k));
    for (const k of keys[r]) seen.add(k);
    if (!match) return repeated && mode !== 'create' ? { action: 'skip' } : { action: 'create' };
    if (mode === 'skip') return { action: 'skip' };
    if (mode === 'update') {
      if (!match.writable) return { action: 'refuse', reason: 'duplicateNotWritable', name: match.name };
      // an invalidated customer is view-only until restored (失效)
      if (match.invalid) return { action: 'refuse', reason: 'duplicateInvalid', name: match.name };
      return { action: 'update', id: match.id };
    }
    return can(p, 'customers:force_duplicate')
      ? { action: 'create' }
      : { action: 'refuse', reason: 'duplicate', name: match.name };
  });
}

/**
 * The columns of a new customer that need neither the database nor its number: its id and
 * search keys (pinyin: the bulk of a row's work). The import works them out ahead, while the
 * batch before is being written.
 */
export const prepareCustomer = (values: Record<string, unknown>) => ({
  id: uuidv7(),
  ...derivedColumns(values as unknown as SearchSource),
});
export type PreparedCustomer = ReturnType<typeof prepareCustomer>;

/** The department of each owner (a customer's department is its owner's). */
async function departmentsOf(tx: Db, tenantId: string, owners: string[]) {
  const departments = new Map<string, string>();
  if (!owners.length) return departments;
  const result = await tx.execute(sql`SELECT id, department_id FROM users WHERE tenant_id = ${tenantId}
    AND id = ANY(${uuidList(owners)})`);
  for (const r of result.rows as { id: string; department_id: string }[])
    departments.set(r.id, r.department_id);
  return departments;
}

/**
 * Inserts the batch's new customers (numbers allocated in one block) and applies its updates,
 * inside the caller's transaction `tx`. Rows planned neither create nor update are left alone.
 */
export async function writeCustomers(
  tx: Db,
  p: Principal,
  actor: Actor,
  timeZone: string,
  rows: (WriteRow & { prepared?: PreparedCustomer })[],
) {
  const now = new Date();
  // custom values again against the definitions as they are now (they were checked when converted)
  const validate = await customValidator(tx, p.tenantId, 'customers');
  const creates = rows.filter((r) => r.plan.action === 'create');
  const created = await insertCreates(tx, p, timeZone, now, validate, creates);
  const updates = rows.flatMap(({ plan, values }) =>
    plan.action === 'update' ? [{ id: plan.id, values }] : [],
  );
  const updated = await applyUpdates(tx, actor, now, validate, updates);
  return { created, updated };
}

type Validate = Awaited<ReturnType<typeof customValidator>>;

async function insertCreates(
  tx: Db,
  p: Principal,
  timeZone: string,
  now: Date,
  validate: Validate,
  creates: { values: Record<string, unknown>; prepared?: PreparedCustomer }[],
): Promise<number> {
  if (!creates.length) return 0;
  const owner = (v: Record<string, unknown>) => (v.ownerId as string | undefined) ?? p.userId;
  const departments = await departmentsOf(tx, p.tenantId, [...new Set(creates.map((r) => owner(r.values)))]);
  for (const { values } of creates) values.custom = await validate(values.custom as CustomValues | undefined);
  const numbers = await nextNumbers(tx, p.tenantId, 'customer', timeZone, creates.length, now);
  const inserts = creates.map(({ values: v, prepared }, i) => ({
    ...(v as { name: string }), // the row's fields (`draft`, `force` are no columns: not inserted)
    // a column missing from a row is NULL in the set-based insert, not its default
    type: (v.type as 'direct' | undefined) ?? 'direct',
    tags: (v.tags as string[] | undefined) ?? [],
    tenantId: p.tenantId,
    createdBy: p.userId,
    number: numbers[i],
    state: 'active' as const,
    ownerId: owner(v),
    departmentId: departments.get(owner(v)) ?? p.departmentId,
    ownedSince: now,
    submittedAt: now,
    nextFollowUpAt: v.nextFollowUpAt ? new Date(v.nextFollowUpAt as string) : null,
    lat: v.lat == null ? null : String(v.lat),
    lng: v.lng == null ? null : String(v.lng),
    ...(prepared ?? prepareCustomer(v)),
    searchCodes: searchCodes({ number: numbers[i], phone: v.phone as string, mobile: v.mobile as string }),
  }));
  // one statement with the batch as one JSON parameter: binding ~40 columns × 500 rows one by
  // one cost more than the insert itself
  await insertRows(tx, customers, inserts, inserts.length);
  return inserts.length;
}

/**
 * Updates the matched customers (locked in one query), each with the fields of its row; their
 * audit entries go in one insert. A customer matched by two rows of the batch is updated twice.
 */
async function applyUpdates(
  tx: Db,
  actor: Actor,
  now: Date,
  validate: Validate,
  updates: { id: string; values: Record<string, unknown> }[],
): Promise<number> {
  if (!updates.length) return 0;
  const locked = await tx
    .select()
    .from(customers)
    .where(inArray(customers.id, [...new Set(updates.map((u) => u.id))]))
    .for('update');
  const current = new Map(locked.map((c) => [c.id, c]));
  const audits: AuditEntry[] = [];
  let updated = 0;
  for (const { id, values } of updates) {
    const before = current.get(id);
    if (!before) continue;
    const { ownerId: _o, nextFollowUpAt, lat, lng, ...fields } = values;
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
    current.set(id, after);
    const entry = updateEntry(
      { entity: 'customers', entityId: id, summary: `${after.number ?? ''} ${after.name}`.trim() },
      auditable(before),
      auditable(after),
    );
    if (entry) audits.push(entry);
    updated++;
  }
  await writeAudits(tx, actor, audits);
  return updated;
}

/**
 * The live customers the importer may change whose number or exact name is one of `refs` (the
 * customer column of a contacts file), with whether each is invalidated (失效: view-only).
 */
export async function findWritableCustomers(
  db: Db,
  p: Principal,
  refs: string[],
): Promise<{ id: string; number: string | null; name: string; invalid: boolean }[]> {
  if (!refs.length) return [];
  const list = textList(refs);
  const result = await db.execute(sql`SELECT c.id, c.number, c.name, c.invalidated_at IS NOT NULL AS invalid
    FROM customers c
    WHERE ${liveInScope(p, 'write')} AND (c.number = ANY(${list}) OR c.name = ANY(${list}))`);
  return result.rows as { id: string; number: string | null; name: string; invalid: boolean }[];
}

const contactKeys = (v: Record<string, unknown>) => [
  `${v.customerId}|n:${v.name}`,
  v.mobile ? `${v.customerId}|m:${v.mobile}` : null,
];

/** A contact repeats one of the same customer with the same name or mobile. */
export async function planContacts(
  db: Db,
  p: Principal,
  rows: Record<string, unknown>[],
  mode: ImportMode,
): Promise<RowPlan[]> {
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
      for (const k of contactKeys({ customerId: r.customer_id, name: r.name, mobile: r.mobile }))
        if (k) existing.set(k, r.id);
    }
  }
  const seen = new Set<string>();
  return rows.map((values) => {
    const keys = contactKeys(values).filter((k): k is string => Boolean(k));
    const match = keys.map((k) => existing.get(k)).find(Boolean);
    const repeated = keys.some((k) => seen.has(k));
    for (const k of keys) seen.add(k);
    if (mode === 'create') return { action: 'create' };
    if (match) return mode === 'update' ? { action: 'update', id: match } : { action: 'skip' };
    return repeated ? { action: 'skip' } : { action: 'create' };
  });
}

/** Creates and updates the batch's contacts (each update audited), inside the caller's transaction `tx`. */
export async function writeContacts(tx: Db, p: Principal, actor: Actor, rows: WriteRow[]) {
  const now = new Date();
  let created = 0;
  let updated = 0;
  const validate = await customValidator(tx, p.tenantId, 'contacts');
  for (const { plan, values } of rows) {
    if (plan.action !== 'create' && plan.action !== 'update') continue;
    const { customerId, ...fields } = values as { customerId: string; isPrimary?: boolean } & Record<
      string,
      unknown
    >;
    const custom = fields.custom as CustomValues | undefined;
    if (fields.isPrimary)
      await tx.execute(
        sql`UPDATE contacts SET is_primary = false WHERE tenant_id = ${p.tenantId} AND customer_id = ${customerId} AND is_primary`,
      );
    if (plan.action === 'create') {
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
      const { id } = plan;
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
