import {
  type CreateQuote,
  type DecideQuote,
  type ListResponse,
  type Quote,
  type QuoteListQuery,
  type QuoteSettings,
  type QuoteStatus,
  toScaled,
  type UpdateQuote,
} from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { dateText, isoOf, todayIn } from '../../platform/dates.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { nextNumber } from '../../platform/numbering.ts';
import { checkVersion } from '../../platform/optimistic.ts';
import type { ApprovalOutcome } from '../approvals/service.ts';
import { submitForApproval } from '../approvals/submit-service.ts';
import { customerAndContactNames } from '../customers/follow-up-service.ts';
import { visibleCustomer } from '../customers/location-service.ts';
import { opportunityForQuote } from '../opportunities/published.ts';
import { orderNumbers } from '../orders/published.ts';
import { notifyApprovers, notifyOwner } from './notices.ts';
import {
  costVisibility,
  lineAnswer,
  priceLines,
  totalsAnswer,
  totalsOf,
  trimDecimal,
} from './pricing-service.ts';
import * as repo from './repository.ts';

export const ENTITY = 'quotes';
export const DOCUMENT_TYPE = 'quote';

type Extras = {
  lines: Map<string, Record<string, unknown>[]>;
  customers: Map<string, string>;
  opportunities: Map<string, string>;
  orders: Map<string, string>;
  threshold: string;
};

function toQuote(p: Principal, r: Record<string, unknown>, x: Extras): Quote {
  const id = r.id as string;
  const seen = costVisibility(p, 'quotes');
  const status = r.status as QuoteStatus;
  const maxDiscount = trimDecimal(String(r.max_discount));
  const own = r.owner_id === p.userId || r.created_by === p.userId;
  return {
    id,
    version: r.version as number,
    createdAt: isoOf(r.created_at)!,
    updatedAt: isoOf(r.updated_at)!,
    number: r.number as string,
    customerId: r.customer_id as string,
    customerName: x.customers.get(r.customer_id as string) ?? '',
    opportunityId: (r.opportunity_id as string | null) ?? null,
    opportunityTitle: r.opportunity_id ? (x.opportunities.get(r.opportunity_id as string) ?? null) : null,
    ownerId: r.owner_id as string,
    ownerName: (r.owner_name as string | null) ?? '',
    departmentId: r.department_id as string,
    departmentName: (r.department_name as string | null) ?? '',
    status,
    validUntil: dateText(r.valid_until),
    notes: (r.notes as string | null) ?? null,
    lines: (x.lines.get(id) ?? []).map((l) => lineAnswer(l, seen)),
    ...totalsAnswer(r, seen),
    maxDiscount,
    discountThreshold: x.threshold,
    needsApproval: toScaled(maxDiscount, 2) > toScaled(x.threshold, 2),
    approvalId: (r.approval_id as string | null) ?? null,
    approvalOutcome: (r.approval_outcome as Quote['approvalOutcome']) ?? null,
    approvalComment: (r.approval_comment as string | null) ?? null,
    submittedAt: isoOf(r.submitted_at),
    approvedAt: isoOf(r.approved_at),
    sentAt: isoOf(r.sent_at),
    decidedAt: isoOf(r.decided_at),
    orderId: (r.order_id as string | null) ?? null,
    orderNumber: r.order_id ? (x.orders.get(r.order_id as string) ?? null) : null,
    canEdit: status === 'draft' && can(p, 'quotes:edit'),
    canDecide: status === 'in-approval' && !r.approval_id && !own && can(p, 'quotes:approve'),
  };
}

async function extrasOf(
  db: Db,
  p: Principal,
  rows: Record<string, unknown>[],
  withLines: boolean,
): Promise<Extras> {
  const ids = rows.map((r) => r.id as string);
  const opportunityIds = [
    ...new Set(rows.map((r) => r.opportunity_id as string | null).filter((v) => v != null)),
  ];
  const [lines, names, settings, opportunities, orders] = await Promise.all([
    withLines ? repo.linesOf(db, p.tenantId, ids) : [],
    customerAndContactNames(
      db,
      p.tenantId,
      rows.map((r) => r.customer_id as string),
      [],
    ),
    repo.settingsOf(db, p.tenantId),
    Promise.all(opportunityIds.map((id) => opportunityForQuote(db, p, id))),
    orderNumbers(
      db,
      p.tenantId,
      rows.map((r) => r.order_id as string | null).filter((v) => v != null),
    ),
  ]);
  const byQuote = new Map<string, Record<string, unknown>[]>();
  for (const l of lines) {
    const list = byQuote.get(l.quote_id as string) ?? [];
    list.push(l);
    byQuote.set(l.quote_id as string, list);
  }
  return {
    lines: byQuote,
    customers: names.customers,
    opportunities: new Map(opportunities.filter((o) => o != null).map((o) => [o.id, o.title])),
    orders,
    threshold: trimDecimal(String(settings.discountThreshold)),
  };
}

// ---- reads ----

export async function listQuotes(
  db: Db,
  c: Caller,
  q: QuoteListQuery,
): Promise<ListResponse<Omit<Quote, 'lines'>>> {
  const page = await repo.listQuotes(db, c.p, q);
  const x = await extrasOf(db, c.p, page.data, false);
  return {
    ...page,
    data: page.data.map((r) => {
      const { lines: _lines, ...row } = toQuote(c.p, r, x);
      return row;
    }),
  };
}

export async function getQuote(db: Db, p: Principal, id: string): Promise<Quote> {
  const row = await repo.findVisible(db, p, id);
  if (!row) throw notFound();
  return toQuote(p, row, await extrasOf(db, p, [row], true));
}

/** The approval engine: whoever sees the quote (view permission and scope) reads its approvals. */
export async function quoteVisible(db: Db, p: Principal, id: string): Promise<boolean> {
  return can(p, 'quotes:view') && Boolean(await repo.findVisible(db, p, id));
}

/** The customer of a quote the caller sees (view permission and scope), else null: what a contract names checks. */
export async function visibleQuoteCustomer(db: Db, p: Principal, id: string): Promise<string | null> {
  if (!can(p, 'quotes:view')) return null;
  const row = await repo.findVisible(db, p, id);
  return row ? String(row.customer_id) : null;
}

/** The customer's timeline: quotes (as `x`) in the caller's quotes scope, none without quotes:view. */
export const quotesOnTimeline = (p: Principal) =>
  can(p, 'quotes:view')
    ? scopePredicate(p, 'quotes', { owner: sql`x.owner_id`, department: sql`x.department_id` })
    : (false as const);

/** Quotes in scope for an export, a block at a time (answers as the list's, cost/margin per field rules). */
export async function* quoteExportRows(db: Db, p: Principal, q: Partial<QuoteListQuery>, block = 500) {
  let after: string | undefined;
  for (;;) {
    const rows = await repo.exportBlock(db, p, q, block, after);
    if (!rows.length) return;
    const x = await extrasOf(db, p, rows, false);
    yield rows.map((r) => toQuote(p, r, x));
    if (rows.length < block) return;
    after = rows[rows.length - 1].id as string;
  }
}

// ---- writes ----

type Fields = Partial<Omit<CreateQuote, 'lines'>> & { lines?: CreateQuote['lines'] };

/** Customer (visible to the caller), opportunity (visible, of that customer) and the priced lines. */
async function resolve(db: Db, c: Caller, input: Fields, before?: repo.QuoteRow) {
  if (input.validUntil && input.validUntil < todayIn(c.timeZone))
    throw invalid('validUntil', 'not before today');
  const customerId = input.customerId ?? before!.customerId;
  const customer = await visibleCustomer(db, c.p, customerId);
  if (!customer) throw invalid('customerId', 'not a customer you see');
  const opportunityId =
    input.opportunityId === undefined ? (before?.opportunityId ?? null) : input.opportunityId;
  if (opportunityId && (input.opportunityId !== undefined || input.customerId !== undefined)) {
    const opportunity = await opportunityForQuote(db, c.p, opportunityId);
    if (!opportunity) throw invalid('opportunityId', 'not an opportunity you see');
    if (opportunity.customerId && opportunity.customerId !== customerId)
      throw invalid('opportunityId', 'an opportunity of another customer');
  }
  const keep = new Set(
    before ? (await repo.pricedLinesOf(db, c.p.tenantId, before.id)).map((l) => l.productId) : [],
  );
  const lines = input.lines
    ? await priceLines(
        db,
        c.p.tenantId,
        { id: customer.id, levelId: customer.levelId },
        input.lines,
        todayIn(c.timeZone),
        keep,
      )
    : undefined;
  return { customerId, opportunityId, lines };
}

const label = (r: Pick<repo.QuoteRow, 'number'>) => r.number;

const auditable = (r: repo.QuoteRow) => ({
  customerId: r.customerId,
  opportunityId: r.opportunityId,
  status: r.status,
  validUntil: r.validUntil,
  taxRate: r.taxRate,
  subtotal: r.subtotal,
  tax: r.tax,
  total: r.total,
  maxDiscount: r.maxDiscount,
  notes: r.notes,
});

function totalsColumns(lines: Parameters<typeof totalsOf>[0], taxRate: string) {
  const t = totalsOf(lines, taxRate);
  return {
    taxRate,
    subtotal: t.subtotal,
    tax: t.tax,
    total: t.total,
    cost: t.cost,
    maxDiscount: t.maxDiscount,
  };
}

/** `POST /quotes`: a draft, numbered BJ…, owned by the caller; totals computed here. */
export async function createQuote(db: Db, c: Caller, input: CreateQuote): Promise<Quote> {
  const { p, actor } = c;
  const f = await resolve(db, c, input);
  const lines = f.lines!;
  const id = await db.transaction(async (tx) => {
    const row = await repo.insertQuote(tx, {
      id: uuidv7(),
      tenantId: p.tenantId,
      createdBy: p.userId,
      number: await nextNumber(tx, p.tenantId, 'quote', c.timeZone),
      customerId: f.customerId,
      opportunityId: f.opportunityId,
      ownerId: p.userId,
      departmentId: p.departmentId,
      status: 'draft',
      validUntil: input.validUntil,
      notes: input.notes ?? null,
      ...totalsColumns(lines, trimDecimal(input.taxRate ?? '0')),
    });
    await repo.setLines(tx, p.tenantId, row.id, lines);
    await writeAudit(tx, actor, {
      action: 'create',
      entity: ENTITY,
      entityId: row.id,
      summary: `${label(row)} ${row.total}`,
    });
    return row.id;
  });
  return getQuote(db, p, id);
}

/** The quote in the caller's scope, locked, at `version`; 404 / 409 otherwise. */
async function lockAt(tx: Db, p: Principal, id: string, version: number) {
  const row = await repo.lockVisible(tx, p, id);
  if (!row) throw notFound();
  checkVersion(row, version);
  return row;
}

const refuse = (from: string, to: string) =>
  new AppError('INVALID_TRANSITION', [{ path: 'status', message: `${from} → ${to}` }]);

/** `PATCH /quotes/:id`: only a draft (new, or back from its approval); lines and totals recomputed. */
export async function updateQuote(db: Db, c: Caller, id: string, input: UpdateQuote): Promise<Quote> {
  const { p, actor } = c;
  await db.transaction(async (tx) => {
    const before = await lockAt(tx, p, id, input.version);
    if (before.status !== 'draft') throw refuse(before.status, 'draft');
    const f = await resolve(tx, c, input, before);
    const taxRate = input.taxRate !== undefined ? trimDecimal(input.taxRate) : before.taxRate;
    const lines = f.lines ?? (await repo.pricedLinesOf(tx, p.tenantId, id));
    if (f.lines) await repo.setLines(tx, p.tenantId, id, f.lines);
    const after = await repo.updateQuote(tx, id, {
      customerId: f.customerId,
      opportunityId: f.opportunityId,
      validUntil: input.validUntil ?? before.validUntil,
      ...(input.notes !== undefined ? { notes: input.notes ?? null } : {}),
      ...totalsColumns(lines, taxRate),
    });
    await audit(tx, actor, 'update', before, after, f.lines ? { lines: ['…', `${f.lines.length}`] } : {});
  });
  return getQuote(db, p, id);
}

async function audit(
  tx: Db,
  actor: Actor,
  action: string,
  before: repo.QuoteRow,
  after: repo.QuoteRow,
  extra: Record<string, [unknown, unknown]> = {},
  comment?: string | null,
) {
  const a = auditable(before);
  const b = auditable(after);
  const changes: Record<string, [unknown, unknown]> = { ...extra };
  for (const k of Object.keys(a) as (keyof typeof a)[])
    if (String(a[k]) !== String(b[k])) changes[k] = [a[k], b[k]];
  await writeAudit(tx, actor, {
    action,
    entity: ENTITY,
    entityId: after.id,
    summary: comment ? `${label(after)}：${comment}` : label(after),
    changes,
  });
}

export async function deleteQuote(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await lockAt(tx, c.p, id, version);
    if (before.status !== 'draft') throw refuse(before.status, 'deleted');
    await repo.updateQuote(tx, id, { deletedAt: new Date() });
    await writeAudit(tx, c.actor, { action: 'delete', entity: ENTITY, entityId: id, summary: label(before) });
  });
}

/**
 * `POST /:id/submit`: a discount above the tenant's threshold goes to the approval engine (or,
 * without a flow of the engine, to the holders of quotes:approve); otherwise approved at once.
 */
export async function submitQuote(db: Db, c: Caller, id: string, version: number): Promise<Quote> {
  await db.transaction(async (tx) => {
    const before = await lockAt(tx, c.p, id, version);
    if (before.status !== 'draft') throw refuse(before.status, 'in-approval');
    const { discountThreshold } = await repo.settingsOf(tx, c.p.tenantId);
    const needs = toScaled(String(before.maxDiscount), 2) > toScaled(String(discountThreshold), 2);
    const approval = needs
      ? await submitForApproval(tx, c, {
          documentType: DOCUMENT_TYPE,
          documentId: id,
          title: `${before.number} ${before.total}`,
          amount: String(before.total),
          departmentId: before.departmentId,
        })
      : null;
    const now = new Date();
    const after = await repo.updateQuote(tx, id, {
      status: needs ? 'in-approval' : 'approved',
      approvalId: approval?.approvalId ?? null,
      approvalOutcome: needs ? null : 'approved',
      approvalComment: null,
      submittedAt: now,
      approvedAt: needs ? null : now,
    });
    await audit(tx, c.actor, 'submit', before, after);
    if (needs && !approval) await notifyApprovers(tx, after);
  });
  return getQuote(db, c.p, id);
}

/** `POST /:id/decide`: a quote in approval that no flow took, decided by a quotes:approve holder (not its own). */
export async function decideQuote(db: Db, c: Caller, id: string, input: DecideQuote): Promise<Quote> {
  await db.transaction(async (tx) => {
    const before = await lockAt(tx, c.p, id, input.version);
    if (before.status !== 'in-approval' || before.approvalId)
      throw refuse(before.status, input.decision === 'approve' ? 'approved' : 'draft');
    if (before.ownerId === c.p.userId || before.createdBy === c.p.userId)
      throw new AppError('OWN_SUBMISSION');
    const after = await settle(
      tx,
      before,
      input.decision === 'approve' ? 'approved' : 'rejected',
      input.comment ?? null,
    );
    await audit(
      tx,
      c.actor,
      input.decision === 'approve' ? 'approve' : 'reject',
      before,
      after,
      {},
      input.comment,
    );
    await notifyOwner(tx, after, input.decision === 'approve' ? 'approved' : 'rejected', {
      userId: c.p.userId,
      name: c.p.name,
    });
  });
  return getQuote(db, c.p, id);
}

function settle(tx: Db, before: repo.QuoteRow, outcome: ApprovalOutcome, comment: string | null) {
  return repo.updateQuote(tx, before.id, {
    // rejected, returned or withdrawn: back to draft, changed and submitted again
    status: outcome === 'approved' ? 'approved' : 'draft',
    approvalOutcome: outcome,
    approvalComment: comment,
    approvedAt: outcome === 'approved' ? new Date() : null,
  });
}

/** The approval engine settled the quote's approval (manifest `approvalDocuments`). */
export async function onApprovalDecided(
  tx: Db,
  e: { tenantId: string; documentId: string; outcome: ApprovalOutcome; actor: Actor; comment: string | null },
) {
  const before = await repo.lockById(tx, e.tenantId, e.documentId);
  if (before?.status !== 'in-approval') return;
  const after = await settle(tx, before, e.outcome, e.comment);
  await audit(tx, e.actor, e.outcome, before, after, {}, e.comment);
  await notifyOwner(tx, after, e.outcome, { userId: e.actor.userId, name: e.actor.userName });
}

const moves: Record<'send' | 'accept' | 'reject', { from: QuoteStatus; to: QuoteStatus }> = {
  send: { from: 'approved', to: 'sent' },
  accept: { from: 'sent', to: 'accepted' },
  reject: { from: 'sent', to: 'rejected' },
};

/** `POST /:id/send|accept|reject`: only from the state before; anything else is INVALID_TRANSITION. */
export async function moveQuote(
  db: Db,
  c: Caller,
  id: string,
  action: keyof typeof moves,
  version: number,
  comment?: string,
): Promise<Quote> {
  const { from, to } = moves[action];
  await db.transaction(async (tx) => {
    const before = await lockAt(tx, c.p, id, version);
    if (before.status !== from) throw refuse(before.status, to);
    if (action === 'send' && String(before.validUntil) < todayIn(c.timeZone))
      throw invalid('validUntil', 'the validity has passed');
    const after = await repo.updateQuote(tx, id, {
      status: to,
      ...(action === 'send' ? { sentAt: new Date() } : { decidedAt: new Date() }),
    });
    await audit(tx, c.actor, action, before, after, {}, comment);
  });
  return getQuote(db, c.p, id);
}

// ---- settings ----

export async function getSettings(db: Db, tenantId: string): Promise<QuoteSettings> {
  const s = await repo.settingsOf(db, tenantId);
  return { discountThreshold: trimDecimal(String(s.discountThreshold)), version: s.version };
}

export async function saveSettings(
  db: Db,
  c: Caller,
  threshold: string,
  version: number,
): Promise<QuoteSettings> {
  await db.transaction(async (tx) => {
    const before = await repo.settingsOf(tx, c.p.tenantId);
    if (!(await repo.saveSettings(tx, c.p.tenantId, c.p.userId, threshold, version))) throw conflict();
    await writeAudit(tx, c.actor, {
      action: 'update',
      entity: 'quote-settings',
      entityId: c.p.tenantId,
      changes: { discountThreshold: [trimDecimal(String(before.discountThreshold)), trimDecimal(threshold)] },
    });
  });
  return getSettings(db, c.p.tenantId);
}

// ---- the nightly expiry ----

/** Sent quotes past their validity (each tenant's today) become expired, audited. */
export async function expireQuotes(
  db: Db,
  tenants: readonly { id: string; timezone: string }[],
  now = new Date(),
) {
  let expired = 0;
  for (const t of tenants) {
    await db.transaction(async (tx) => {
      const rows = await repo.expireDue(tx, t.id, todayIn(t.timezone, now));
      const actor: Actor = { tenantId: t.id, userId: null, userName: null };
      for (const r of rows)
        await writeAudit(tx, actor, {
          action: 'expire',
          entity: ENTITY,
          entityId: r.id,
          summary: r.number,
          changes: { status: ['sent', 'expired'] },
        });
      expired += rows.length;
    });
  }
  return expired;
}

// ---- into an order (the orders module asks) ----

/** Numbers of quotes by id (an order names the quote it came from). */
export const quoteNumbers = (db: Db, tenantId: string, ids: string[]) => repo.numbersOf(db, tenantId, ids);

/**
 * An accepted quote not yet ordered, in the caller's scope, locked (at `version` when given), with
 * its lines as priced — what `POST /quotes/:id/to-order` and `POST /orders {quoteId}` copy.
 * 404 out of scope, 409 stale, 409 INVALID_TRANSITION in any other state or once ordered.
 */
export async function lockQuoteForOrder(tx: Db, p: Principal, id: string, version?: number) {
  const row = can(p, 'quotes:view') ? await repo.lockVisible(tx, p, id) : undefined;
  if (!row) throw notFound();
  if (version !== undefined) checkVersion(row, version);
  if (row.status !== 'accepted' || row.orderId) throw refuse(row.status, 'ordered');
  const lines = await repo.pricedLinesOf(tx, p.tenantId, id);
  return { quote: row, lines };
}

/** Links the quote to the order made from it (in the order's transaction), audited. */
export async function linkOrder(
  tx: Db,
  actor: Actor,
  quoteId: string,
  order: { id: string; number: string },
) {
  const before = await repo.lockById(tx, actor.tenantId, quoteId);
  if (!before) throw notFound();
  await repo.updateQuote(tx, quoteId, { orderId: order.id });
  await writeAudit(tx, actor, {
    action: 'to-order',
    entity: ENTITY,
    entityId: quoteId,
    summary: `${before.number} → ${order.number}`,
    changes: { orderId: [null, order.id] },
  });
}
