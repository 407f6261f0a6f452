import type {
  CreateCustomer,
  Customer,
  CustomerListQuery,
  DictionaryType,
  DuplicateMatch,
  UpdateCustomer,
} from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { applyFieldAccessToHistory, assertWritable, mask } from '../../platform/access.ts';
import { type Actor, auditUpdate, diff, fieldHistory, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { nextNumber } from '../../platform/numbering.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import * as customFields from '../custom-fields/service.ts';
import { assertChoosable } from '../dictionaries/service.ts';
import { auditable, toCustomer } from './mapping.ts';
import * as repo from './repository.ts';
import type { customers } from './schema.ts';
import { derivedColumns, emailKey, nameKey, phoneKey, taxKey } from './search-keys.ts';

export const ENTITY = 'customers';

/** Which dictionary each dictionary field takes its items from. */
export const dictionaryFields: [keyof CreateCustomer & string, DictionaryType][] = [
  ['levelId', 'customer-level'],
  ['sourceId', 'customer-source'],
  ['industryId', 'industry'],
  ['statusId', 'customer-status'],
  ['intentionId', 'customer-intention'],
  ['regionId', 'region'],
];

/** The `cf.*` filters and sort of a list or export query, checked against the definitions. */
export const customListSql = (db: Db, p: Principal, q: Partial<CustomerListQuery>) =>
  customFields.customFieldListSql(db, p.tenantId, ENTITY, sql`c.custom`, q);

export async function listCustomers(db: Db, c: Caller, q: CustomerListQuery) {
  const page = await repo.listCustomers(db, c.p, q, c.timeZone, await customListSql(db, c.p, q));
  return { ...page, data: page.data.map((row) => toCustomer(c.p, row)) };
}

export async function getCustomer(db: Db, p: Principal, id: string): Promise<Customer> {
  const row = await repo.findVisible(db, p, id);
  if (!row) throw notFound();
  return toCustomer(p, row);
}

/**
 * Whether the caller may view the customer (`customers:view`, in scope): files on a customer
 * (manifest `fileEntities`), a customer's orders.
 */
export async function customerVisible(db: Db, p: Principal, id: string): Promise<boolean> {
  return can(p, 'customers:view') && (await repo.isVisible(db, p, id));
}

/**
 * …and uploaded or deleted by who may edit it, in their write scope, while it is valid (an
 * invalidated customer is view only); the customer is locked in `tx`.
 */
export async function customerChangeable(tx: Db, p: Principal, id: string): Promise<boolean> {
  if (!can(p, 'customers:edit')) return false;
  const row = await repo.lockWritable(tx, p, id);
  return Boolean(row && !row.invalidatedAt);
}

// ---- duplicates ----

export async function findDuplicates(
  db: Db,
  p: Principal,
  input: {
    name?: string | null;
    phones?: (string | null | undefined)[];
    taxNumber?: string | null;
    email?: string | null;
  },
  excludeId?: string,
): Promise<DuplicateMatch[]> {
  const keys: repo.DuplicateKeys = {
    nameKey: input.name ? nameKey(input.name) || null : null,
    phones: [...new Set((input.phones ?? []).map(phoneKey).filter((v): v is string => Boolean(v)))],
    taxKey: taxKey(input.taxNumber),
    emailKey: emailKey(input.email),
  };
  const rows = await repo.findDuplicates(db, p, keys, excludeId);
  return rows.map((r) => {
    const matchedBy = (
      [
        [r.by_name, 'name'],
        [r.by_phone, 'phone'],
        [r.by_tax, 'taxNumber'],
        [r.by_email, 'email'],
      ] as const
    )
      .filter(([hit]) => hit)
      .map(([, field]) => field);
    const base = { name: r.name, state: r.state, poolName: r.pool_name, matchedBy: [...matchedBy] };
    if (r.visible) return { ...base, id: r.id, number: r.number ?? undefined, ownerName: r.owner_name };
    return { ...base, ownerName: r.owner_name ? mask(r.owner_name) : null };
  });
}

/** 409 DUPLICATE_CUSTOMER unless there is none, or the caller forces it and may. */
async function refuseDuplicates(
  db: Db,
  p: Principal,
  values: {
    name: string;
    phone?: string | null;
    mobile?: string | null;
    taxNumber?: string | null;
    email?: string | null;
  },
  force: boolean | undefined,
  excludeId?: string,
) {
  if (force && can(p, 'customers:force_duplicate')) return;
  const matches = await findDuplicates(
    db,
    p,
    {
      name: values.name,
      phones: [values.phone, values.mobile],
      taxNumber: values.taxNumber,
      email: values.email,
    },
    excludeId,
  );
  if (matches.length) throw new AppError('DUPLICATE_CUSTOMER', { matches }, { matches });
}

// ---- writes ----

type Values = Partial<typeof customers.$inferInsert>;

/** The columns an input sets (undefined = untouched), with the derived search/duplicate keys. */
function columnsOf(input: Partial<CreateCustomer>): Values {
  const { draft: _d, force: _f, ownerId: _o, nextFollowUpAt, lat, lng, ...rest } = input as CreateCustomer;
  const values: Values = { ...rest };
  if (nextFollowUpAt !== undefined) values.nextFollowUpAt = nextFollowUpAt ? new Date(nextFollowUpAt) : null;
  if (lat !== undefined) values.lat = lat == null ? null : String(lat);
  if (lng !== undefined) values.lng = lng == null ? null : String(lng);
  return values;
}

/** A location is both coordinates or neither: 400 on the one missing. */
function checkLocation(v: { lat?: unknown; lng?: unknown }) {
  const lat = v.lat != null;
  const lng = v.lng != null;
  if (lat !== lng) throw invalid(lat ? 'lng' : 'lat', 'latitude and longitude go together');
}

async function checkDictionaries(
  tx: Db,
  tenantId: string,
  input: Partial<CreateCustomer>,
  before?: repo.CustomerRow,
) {
  for (const [field, type] of dictionaryFields) {
    await assertChoosable(
      tx,
      tenantId,
      field,
      type,
      input[field] as string | null | undefined,
      before?.[field as keyof repo.CustomerRow] as string | null | undefined,
    );
  }
}

/**
 * The one rule of whom a customer may be handed to (new owner, transfer, assignment from a pool,
 * departure): an active user inside the caller's customers scope. 409 OWNER_INVALID on `path` else.
 */
export async function assignee(tx: Db, p: Principal, userId: string, path = 'ownerId') {
  const user = await repo.assignableUser(tx, p, userId);
  if (!user) throw new AppError('OWNER_INVALID', [{ path, message: 'not assignable' }]);
  return user;
}

async function ownerFor(tx: Db, p: Principal, ownerId: string | undefined) {
  if (!ownerId || ownerId === p.userId) return { id: p.userId, departmentId: p.departmentId };
  const user = await assignee(tx, p, ownerId);
  return { id: user.id, departmentId: user.department_id };
}

/** The customer, locked, inside the caller's write scope (404 outside it), valid or not. */
export async function lockWritable(tx: Db, p: Principal, id: string): Promise<repo.CustomerRow> {
  const row = await repo.lockWritable(tx, p, id);
  if (!row) throw notFound();
  return row;
}

/** The customer, locked, if the caller may change it: 404 outside the write scope, 409 once invalidated (view only). */
export async function lockChangeable(tx: Db, p: Principal, id: string): Promise<repo.CustomerRow> {
  const row = await lockWritable(tx, p, id);
  if (row.invalidatedAt) throw new AppError('CUSTOMER_INVALID');
  return row;
}

export async function createCustomer(db: Db, c: Caller, input: CreateCustomer): Promise<Customer> {
  const { p, actor } = c;
  assertWritable(p, ENTITY, { ...input, draft: undefined, force: undefined, ownerId: undefined });
  const id = await db.transaction(async (tx) => {
    checkLocation(input);
    await checkDictionaries(tx, p.tenantId, input);
    const custom = await customFields.validateCustomValues(tx, p.tenantId, ENTITY, input.custom);
    await refuseDuplicates(tx, p, input, input.force);
    const owner = await ownerFor(tx, p, input.draft ? undefined : input.ownerId);
    const values = { ...columnsOf(input), custom };
    const now = new Date();
    const number = input.draft ? null : await nextNumber(tx, p.tenantId, 'customer', c.timeZone, now);
    const row = await repo.insertCustomer(tx, {
      ...values,
      name: input.name,
      id: uuidv7(),
      tenantId: p.tenantId,
      createdBy: p.userId,
      number,
      state: input.draft ? 'draft' : 'active',
      ownerId: owner.id,
      departmentId: owner.departmentId,
      ownedSince: now,
      submittedAt: input.draft ? null : now,
      ...derivedColumns({ ...input, number }),
    });
    await writeAudit(tx, actor, {
      action: 'create',
      entity: ENTITY,
      entityId: row.id,
      summary: number ? `${number} ${row.name}` : row.name,
      changes: diff(null, auditable(row)),
    });
    return row.id;
  });
  return getCustomer(db, p, id);
}

/** Saves changed fields of a customer the caller may write; identity changes are duplicate-checked. */
export async function updateCustomer(
  db: Db,
  c: Caller,
  id: string,
  input: UpdateCustomer & { force?: boolean },
): Promise<Customer> {
  const { p, actor } = c;
  const { version, force, ...fields } = input;
  assertWritable(p, ENTITY, fields);
  await db.transaction(async (tx) => {
    const before = await lockChangeable(tx, p, id);
    checkVersion(before, version);
    await checkDictionaries(tx, p.tenantId, fields, before);
    const changes = columnsOf(fields);
    if (fields.custom !== undefined)
      changes.custom = await customFields.validateCustomValues(
        tx,
        p.tenantId,
        ENTITY,
        fields.custom,
        before.custom,
      );
    const merged = { ...before, ...changes } as repo.CustomerRow;
    checkLocation(merged);
    const identityChanged =
      nameKey(merged.name) !== before.nameKey ||
      phoneKey(merged.phone) !== before.phoneKey ||
      phoneKey(merged.mobile) !== before.mobileKey ||
      taxKey(merged.taxNumber) !== before.taxKey ||
      emailKey(merged.email) !== before.emailKey;
    if (identityChanged) await refuseDuplicates(tx, p, merged, force, id);
    const rows = await repo.updateCustomer(tx, p.tenantId, id, version, {
      ...changes,
      ...derivedColumns(merged),
    });
    const after = await requireUpdated(rows, async () => true);
    await auditUpdate(
      tx,
      actor,
      { entity: ENTITY, entityId: id, summary: after.number ? `${after.number} ${after.name}` : after.name },
      auditable(before),
      auditable(after),
    );
  });
  return getCustomer(db, p, id);
}

/** A draft becomes an active customer with its number (duplicate-checked again). */
export async function submitCustomer(
  db: Db,
  c: Caller,
  id: string,
  input: { version: number; force?: boolean },
): Promise<Customer> {
  const { p, actor } = c;
  await db.transaction(async (tx) => {
    const before = await lockChangeable(tx, p, id);
    if (before.state !== 'draft') throw new AppError('CUSTOMER_NOT_DRAFT');
    checkVersion(before, input.version);
    await refuseDuplicates(tx, p, before, input.force, id);
    const now = new Date();
    const number = await nextNumber(tx, p.tenantId, 'customer', c.timeZone, now);
    const rows = await repo.updateCustomer(tx, p.tenantId, id, input.version, {
      number,
      state: 'active',
      submittedAt: now,
      ownerId: before.ownerId ?? p.userId,
      departmentId: before.departmentId ?? p.departmentId,
      ownedSince: now,
      ...derivedColumns({ ...before, number }),
    });
    const after = await requireUpdated(rows, async () => true);
    await writeAudit(tx, actor, {
      action: 'submit',
      entity: ENTITY,
      entityId: id,
      summary: `${number} ${after.name}`,
      changes: diff({ number: null, state: 'draft' }, { number, state: 'active' }),
    });
  });
  return getCustomer(db, p, id);
}

export async function deleteCustomer(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    // an invalidated customer may still be deleted (with the permission)
    const before = await lockWritable(tx, c.p, id);
    checkVersion(before, version);
    await softDelete(tx, c.actor, before);
  });
}

export async function softDelete(tx: Db, actor: Actor, before: repo.CustomerRow, summary?: string) {
  await repo.updateCustomer(tx, actor.tenantId, before.id, undefined, { deletedAt: new Date() });
  await writeAudit(tx, actor, {
    action: 'delete',
    entity: ENTITY,
    entityId: before.id,
    summary: summary ?? (before.number ? `${before.number} ${before.name}` : before.name),
    changes: diff(auditable(before), null),
  });
}

export async function customerHistory(db: Db, p: Principal, id: string) {
  if (!(await repo.findVisible(db, p, id))) throw notFound();
  return applyFieldAccessToHistory(p, ENTITY, await fieldHistory(db, p.tenantId, ENTITY, id));
}

export { type CustomerChild, installCustomerChildren } from './children.ts';
