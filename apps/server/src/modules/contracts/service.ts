import {
  type Contract,
  type ContractListQuery,
  type ContractSettings,
  type ContractStatus,
  type CreateContract,
  type ListResponse,
  normalizeMoney,
  toCents,
  type UpdateContract,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { auditUpdate, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { todayIn } from '../../platform/dates.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { nextNumber } from '../../platform/numbering.ts';
import { checkVersion } from '../../platform/optimistic.ts';
import { customerVisible } from '../customers/service.ts';
import { claimUploads } from '../files/uploads-service.ts';
import { orderForReceivable } from '../orders/published.ts';
import { visibleQuoteCustomer } from '../quotes/service.ts';
import { reassignDocument, receivableSums } from '../receivables/published.ts';
import { extrasOf, toContract } from './answers.ts';
import * as repo from './repository.ts';

export const ENTITY = 'contracts';
export const DOCUMENT_TYPE = 'contract';

// ---- reads ----

export async function listContracts(
  db: Db,
  c: Caller,
  q: ContractListQuery,
): Promise<ListResponse<Contract>> {
  const page = await repo.listContracts(db, c.p, q, todayIn(c.timeZone));
  const x = await extrasOf(db, c.p, page.data, c.timeZone);
  return { ...page, data: page.data.map((r) => toContract(c.p, r, x)) };
}

/** 合同历史: a customer's contracts in the contracts scope, the customer visible to the caller (else 404). */
export async function customerContracts(
  db: Db,
  c: Caller,
  customerId: string,
  q: ContractListQuery,
): Promise<ListResponse<Contract>> {
  if (!(await customerVisible(db, c.p, customerId))) throw notFound();
  return listContracts(db, c, { ...q, customerId });
}

export async function getContract(db: Db, c: Caller, id: string): Promise<Contract> {
  const row = await repo.findVisible(db, c.p, id);
  if (!row) throw notFound();
  return toContract(c.p, row, await extrasOf(db, c.p, [row], c.timeZone));
}

/** Files and approvals (manifest): whoever sees the contract (view permission and scope). */
export async function contractVisible(db: Db, p: Principal, id: string): Promise<boolean> {
  return can(p, 'contracts:view') && Boolean(await repo.findVisible(db, p, id));
}

/** Files on a contract (扫描件, 附件): who may edit it, in scope, until it is terminated. */
export async function contractChangeable(tx: Db, p: Principal, id: string): Promise<boolean> {
  if (!can(p, 'contracts:edit')) return false;
  const row = await repo.lockVisible(tx, p, id);
  return Boolean(row && row.status !== 'terminated');
}

/** A contract as receivables and invoices see it. */
export type ContractForReceivable = {
  id: string;
  number: string;
  customerId: string;
  ownerId: string;
  departmentId: string;
  amount: string;
  status: ContractStatus;
  orderId: string | null;
};

/**
 * The contract if it is in the caller's scope of `module` (receivables or invoices: finance may
 * see money it does not see the contract of); with `lock`, the row is locked in `tx` so its amount
 * and state hold until the caller's transaction ends. Null otherwise.
 */
export async function contractForReceivable(
  db: Db,
  p: Principal,
  id: string,
  module: 'receivables' | 'invoices',
  lock = false,
): Promise<ContractForReceivable | null> {
  const row = lock ? await repo.lockVisible(db, p, id, module) : await repo.findVisible(db, p, id, module);
  if (!row) return null;
  const r = row as Record<string, unknown>;
  return {
    id: r.id as string,
    number: r.number as string,
    customerId: (r.customerId ?? r.customer_id) as string,
    ownerId: (r.ownerId ?? r.owner_id) as string,
    departmentId: (r.departmentId ?? r.department_id) as string,
    amount: normalizeMoney(String(r.amount)),
    status: r.status as ContractStatus,
    orderId: ((r.orderId ?? r.order_id) as string | null) ?? null,
  };
}

// ---- writes ----

type Fields = Partial<CreateContract>;

/** Customer, order, owner and dates: checked against the data. */
async function resolveFields(db: Db, p: Principal, input: Fields, before?: repo.ContractRow) {
  const customerId = input.customerId ?? before!.customerId;
  if (
    input.customerId &&
    input.customerId !== before?.customerId &&
    !(await customerVisible(db, p, customerId))
  )
    throw invalid('customerId', 'not a customer you see');
  const orderId = input.orderId === undefined ? (before?.orderId ?? null) : input.orderId;
  if (orderId && (orderId !== before?.orderId || customerId !== before?.customerId)) {
    const order = await orderForReceivable(db, p, orderId);
    if (!order || order.status === 'cancelled') throw invalid('orderId', 'not an order you see');
    if (order.customerId !== customerId) throw invalid('orderId', "not this customer's order");
  }
  const quoteId = input.quoteId === undefined ? (before?.quoteId ?? null) : input.quoteId;
  if (quoteId && (quoteId !== before?.quoteId || customerId !== before?.customerId)) {
    const quoteCustomer = await visibleQuoteCustomer(db, p, quoteId);
    if (!quoteCustomer) throw invalid('quoteId', 'not a quote you see');
    if (quoteCustomer !== customerId) throw invalid('quoteId', "not this customer's quote");
  }
  const startDate = input.startDate ?? before!.startDate;
  const endDate = input.endDate ?? before!.endDate;
  if (endDate < startDate) throw invalid('endDate', 'on or after startDate');
  let owner = before
    ? { id: before.ownerId, department_id: before.departmentId }
    : { id: p.userId, department_id: p.departmentId };
  if (input.ownerId && input.ownerId !== owner.id) {
    const found =
      input.ownerId === p.userId
        ? { id: p.userId, department_id: p.departmentId }
        : await repo.ownerInScope(db, p, input.ownerId);
    if (!found) throw new AppError('OWNER_INVALID', [{ path: 'ownerId', message: 'not assignable' }]);
    owner = found;
  }
  return { customerId, orderId, quoteId, startDate, endDate, owner };
}

const auditable = (r: repo.ContractRow) => ({
  title: r.title,
  customerId: r.customerId,
  orderId: r.orderId,
  quoteId: r.quoteId,
  amount: r.amount,
  signedAt: r.signedAt,
  startDate: r.startDate,
  endDate: r.endDate,
  ourCompany: r.ourCompany,
  ourSignatory: r.ourSignatory,
  theirCompany: r.theirCompany,
  theirSignatory: r.theirSignatory,
  terms: r.terms,
  status: r.status,
  ownerId: r.ownerId,
});

export const label = (r: Pick<repo.ContractRow, 'number' | 'title'>) => `${r.number} ${r.title}`;

const textOrNull = (v: string | null | undefined) => (v ? v : null);

/** `POST /contracts`: a draft numbered HT…. */
export async function createContract(db: Db, c: Caller, input: CreateContract): Promise<Contract> {
  const { p, actor } = c;
  const id = await db.transaction(async (tx) => {
    const f = await resolveFields(tx, p, input);
    const row = await repo.insertContract(tx, {
      id: uuidv7(),
      tenantId: p.tenantId,
      createdBy: p.userId,
      number: await nextNumber(tx, p.tenantId, 'contract', c.timeZone),
      title: input.title,
      customerId: f.customerId,
      orderId: f.orderId,
      quoteId: f.quoteId,
      amount: normalizeMoney(input.amount),
      signedAt: input.signedAt ?? null,
      startDate: f.startDate,
      endDate: f.endDate,
      ourCompany: textOrNull(input.ourCompany),
      ourSignatory: textOrNull(input.ourSignatory),
      theirCompany: textOrNull(input.theirCompany),
      theirSignatory: textOrNull(input.theirSignatory),
      terms: textOrNull(input.terms),
      status: 'draft',
      ownerId: f.owner.id,
      departmentId: f.owner.department_id,
    });
    await writeAudit(tx, actor, { action: 'create', entity: ENTITY, entityId: row.id, summary: label(row) });
    await claimUploads(tx, actor, { entity: ENTITY, entityId: row.id }, input.fileIds);
    return row.id;
  });
  return getContract(db, c, id);
}

/** The contract in the caller's scope, locked, at `version`; 404 / 409 otherwise. */
export async function lockAt(tx: Db, p: Principal, id: string, version: number) {
  const row = await repo.lockVisible(tx, p, id);
  if (!row) throw notFound();
  checkVersion(row, version);
  return row;
}

export const draftOnly = (row: repo.ContractRow) => {
  if (row.status !== 'draft') throw new AppError('INVALID_TRANSITION');
};

/** `PATCH`: a draft only; its amount never below the payment plans already made for it. */
export async function updateContract(
  db: Db,
  c: Caller,
  id: string,
  input: UpdateContract,
): Promise<Contract> {
  const { p, actor } = c;
  await db.transaction(async (tx) => {
    const before = await lockAt(tx, p, id, input.version);
    draftOnly(before);
    const f = await resolveFields(tx, p, input, before);
    const amount = input.amount === undefined ? before.amount : normalizeMoney(input.amount);
    if (input.amount !== undefined) {
      const planned = (await receivableSums(tx, p.tenantId, 'contract', [id])).get(id)?.planned ?? '0';
      if (toCents(planned) > toCents(amount)) throw new AppError('PLAN_EXCEEDS_AMOUNT');
    }
    const optional = (k: 'ourCompany' | 'ourSignatory' | 'theirCompany' | 'theirSignatory' | 'terms') =>
      input[k] === undefined ? {} : { [k]: textOrNull(input[k]) };
    const after = await repo.updateContract(tx, id, {
      title: input.title ?? before.title,
      customerId: f.customerId,
      orderId: f.orderId,
      quoteId: f.quoteId,
      amount,
      ...(input.signedAt !== undefined ? { signedAt: input.signedAt } : {}),
      startDate: f.startDate,
      endDate: f.endDate,
      ...optional('ourCompany'),
      ...optional('ourSignatory'),
      ...optional('theirCompany'),
      ...optional('theirSignatory'),
      ...optional('terms'),
      ownerId: f.owner.id,
      departmentId: f.owner.department_id,
    });
    if (after.ownerId !== before.ownerId || after.customerId !== before.customerId)
      await reassignDocument(tx, p.tenantId, 'contract', id, {
        ownerId: after.ownerId,
        departmentId: after.departmentId,
        customerId: after.customerId,
      });
    await auditUpdate(
      tx,
      actor,
      { entity: ENTITY, entityId: id, summary: label(after) },
      auditable(before),
      auditable(after),
    );
  });
  return getContract(db, c, id);
}

/** A draft with nothing recorded against it may be deleted. */
export async function deleteContract(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await lockAt(tx, c.p, id, version);
    draftOnly(before);
    const sums = (await receivableSums(tx, c.p.tenantId, 'contract', [id])).get(id);
    if (sums && toCents(sums.planned) > 0n) throw new AppError('PLAN_BELOW_PAID');
    await repo.updateContract(tx, id, { deletedAt: new Date() });
    await writeAudit(tx, c.actor, { action: 'delete', entity: ENTITY, entityId: id, summary: label(before) });
  });
}

// ---- settings ----

export async function getSettings(db: Db, p: Principal): Promise<ContractSettings> {
  const s = await repo.settingsOf(db, p.tenantId);
  return { expiryReminderDays: s.expiryReminderDays, version: s.version };
}

export async function updateSettings(db: Db, c: Caller, input: ContractSettings): Promise<ContractSettings> {
  await db.transaction(async (tx) => {
    const before = await repo.settingsOf(tx, c.p.tenantId);
    const rows = await repo.saveSettings(tx, c.p.tenantId, input.version, input.expiryReminderDays);
    if (!rows.length) throw conflict();
    await writeAudit(tx, c.actor, {
      action: 'update',
      entity: 'contract-settings',
      entityId: c.p.tenantId,
      summary: '合同到期提醒',
      changes: { expiryReminderDays: [before.expiryReminderDays, input.expiryReminderDays] },
    });
  });
  return getSettings(db, c.p);
}

// ---- export ----

/** The rows of the export: a list view's contracts (scope applies), at most `limit`. */
export async function exportContracts(db: Db, c: Caller, q: Partial<ContractListQuery>, limit: number) {
  const rows = await repo.exportRows(db, c.p, q, todayIn(c.timeZone), limit);
  const x = await extrasOf(db, c.p, rows, c.timeZone);
  return rows.map((r) => toContract(c.p, r, x));
}

/** Contract numbers by id, for receivables' rows (each already in the caller's receivables scope). */
export const contractNumbers = (db: Db, tenantId: string, ids: string[]) =>
  repo.numbersOf(db, tenantId, [...new Set(ids)]);

/** Demo data: the tenant's contracts (receivables' demo pays them). */
export const demoContracts = (db: Db, tenantId: string) => repo.demoContracts(db, tenantId);
