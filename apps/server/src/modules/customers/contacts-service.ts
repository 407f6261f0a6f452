import type { Contact, ContactListQuery, CreateContact, UpdateContact } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { applyFieldAccess, applyFieldAccessToHistory, assertWritable } from '../../platform/access.ts';
import { type Actor, auditUpdate, diff, fieldHistory, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import * as customFields from '../custom-fields/service.ts';
import * as repo from './contacts-repository.ts';
import { lockChangeable } from './service.ts';

const CONTACTS_ENTITY = 'contacts';
const ENTITY = CONTACTS_ENTITY;

const str = (v: unknown) => (v == null ? null : String(v));
const day = (v: unknown) =>
  v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

function toContact(p: Principal, r: Record<string, unknown>): Contact {
  const contact: Contact = {
    id: r.id as string,
    version: Number(r.version),
    createdAt: new Date(r.created_at as string).toISOString(),
    updatedAt: new Date(r.updated_at as string).toISOString(),
    customerId: r.customer_id as string,
    customerName: r.customer_name as string,
    name: r.name as string,
    gender: r.gender as Contact['gender'],
    title: str(r.title),
    department: str(r.department),
    mobile: str(r.mobile),
    phone: str(r.phone),
    email: str(r.email),
    wechat: str(r.wechat),
    birthday: day(r.birthday),
    decisionRole: str(r.decision_role),
    isPrimary: Boolean(r.is_primary),
    remark: str(r.remark),
    custom: (r.custom as Contact['custom']) ?? {},
  };
  return applyFieldAccess(p, ENTITY, contact);
}

const auditable = (r: repo.ContactRow) => {
  const {
    id: _i,
    tenantId: _t,
    createdAt: _c,
    updatedAt: _u,
    createdBy: _b,
    version: _v,
    deletedAt: _d,
    custom,
    ...rest
  } = r;
  return { ...rest, ...customFields.auditableCustom(custom) };
};

export async function listContacts(db: Db, p: Principal, q: ContactListQuery) {
  const custom = await customFields.customFieldListSql(db, p.tenantId, ENTITY, sql`ct.custom`, q);
  const page = await repo.listContacts(db, p, q, custom);
  return { ...page, data: page.data.map((r) => toContact(p, r)) };
}

export async function getContact(db: Db, p: Principal, id: string) {
  const row = await repo.findVisible(db, p, id);
  if (!row) throw notFound();
  return toContact(p, row);
}

/**
 * A contact the caller may change, locked after its customer (the order a merge locks in):
 * 404 outside the write scope, 409 CUSTOMER_INVALID while the customer is invalidated.
 */
async function lockContact(tx: Db, p: Principal, id: string) {
  const visible = await repo.findVisible(tx, p, id);
  if (!visible) throw notFound();
  await lockChangeable(tx, p, visible.customer_id as string);
  const before = await repo.lockWritable(tx, p, id);
  if (!before) throw notFound();
  return before;
}

export async function createContact(db: Db, p: Principal, actor: Actor, input: CreateContact) {
  const { customerId, ...fields } = input;
  assertWritable(p, ENTITY, fields);
  const id = await db.transaction(async (tx) => {
    // the customer must be one the caller may change (404 otherwise: never reveal it) and valid
    await lockChangeable(tx, p, customerId);
    const custom = await customFields.validateCustomValues(tx, p.tenantId, ENTITY, fields.custom);
    const isPrimary = fields.isPrimary ?? !(await repo.hasPrimary(tx, p.tenantId, customerId));
    const newId = uuidv7();
    if (isPrimary) await repo.clearPrimary(tx, p.tenantId, customerId, newId);
    const row = await repo.insertContact(tx, {
      ...fields,
      custom,
      id: newId,
      tenantId: p.tenantId,
      createdBy: p.userId,
      customerId,
      isPrimary,
    });
    await writeAudit(tx, actor, {
      action: 'create',
      entity: ENTITY,
      entityId: row.id,
      summary: row.name,
      changes: diff(null, auditable(row)),
    });
    return row.id;
  });
  return getContact(db, p, id);
}

export async function updateContact(db: Db, p: Principal, actor: Actor, id: string, input: UpdateContact) {
  const { version, ...fields } = input;
  assertWritable(p, ENTITY, fields);
  await db.transaction(async (tx) => {
    const before = await lockContact(tx, p, id);
    checkVersion(before, version);
    if (fields.isPrimary) await repo.clearPrimary(tx, p.tenantId, before.customerId, id);
    const changes: Parameters<typeof repo.updateContact>[4] = { ...fields, custom: undefined };
    if (fields.custom !== undefined)
      changes.custom = await customFields.validateCustomValues(
        tx,
        p.tenantId,
        ENTITY,
        fields.custom,
        before.custom,
      );
    const after = await requireUpdated(
      await repo.updateContact(tx, p.tenantId, id, version, changes),
      async () => true,
    );
    await auditUpdate(
      tx,
      actor,
      { entity: ENTITY, entityId: id, summary: after.name },
      auditable(before),
      auditable(after),
    );
  });
  return getContact(db, p, id);
}

export async function deleteContact(db: Db, p: Principal, actor: Actor, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await lockContact(tx, p, id);
    checkVersion(before, version);
    await repo.updateContact(tx, p.tenantId, id, undefined, { deletedAt: new Date(), isPrimary: false });
    await writeAudit(tx, actor, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      summary: before.name,
      changes: diff(auditable(before), null),
    });
  });
}

export async function contactHistory(db: Db, p: Principal, id: string) {
  if (!(await repo.findVisible(db, p, id))) throw notFound();
  return applyFieldAccessToHistory(p, ENTITY, await fieldHistory(db, p.tenantId, ENTITY, id));
}
