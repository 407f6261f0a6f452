import type {
  CreateTicket,
  Ticket,
  TicketActivity,
  TicketListItem,
  TicketListQuery,
  TicketSettings,
  TicketStatus,
  TicketSubmitter,
  UpdateTicket,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, diff, fieldHistory, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoOf } from '../../platform/dates.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { nextNumber } from '../../platform/numbering.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import type { ServerKey } from '../../platform/secrets.ts';
import { contractForTicket } from '../contracts/ticket-service.ts';
import { getContact } from '../customers/contacts-service.ts';
import { customerAndContactNames } from '../customers/follow-up-service.ts';
import { customerVisible, getCustomer } from '../customers/service.ts';
import { customerForTicket } from '../customers/tickets-service.ts';
import { ticketSolutions } from '../kb/published.ts';
import { notify } from '../notifications/service.ts';
import { orderForTicket } from '../orders/warranty-service.ts';
import { productsByIds } from '../products/published.ts';
import { addBusinessMinutes, businessCalendar, slaTargets } from '../sla/published.ts';
import * as repo from './repository.ts';
import { newLinkSecret, ticketToken } from './tokens.ts';

export const ENTITY = 'tickets';

/** What answers need besides the database: the server key (signed links) and the site's origin. */
export type Links = { key: ServerKey; origin: string };

// ---- the workflow ----

/**
 * Where each move may start (创建 → 分派 → 处理中 ⇄ 等待客户 → 已解决 → 已评价 → 已归档; reopen back to
 * 处理中 within N days of the resolution). Anything else is 409 INVALID_TRANSITION; an archived
 * ticket refuses every change with 409 TICKET_ARCHIVED.
 */
const movesFrom = {
  assign: ['new', 'assigned', 'in-progress', 'waiting'],
  grab: ['new', 'assigned', 'in-progress', 'waiting'],
  transfer: ['assigned', 'in-progress', 'waiting'],
  start: ['assigned'],
  wait: ['in-progress'],
  resume: ['waiting'],
  resolve: ['assigned', 'in-progress', 'waiting'],
  feedback: ['resolved'],
  archive: ['resolved', 'feedback'],
  reopen: ['resolved', 'feedback'],
  merge: ['new', 'assigned', 'in-progress', 'waiting'],
  note: ['new', 'assigned', 'in-progress', 'waiting', 'resolved', 'feedback'],
  edit: ['new', 'assigned', 'in-progress', 'waiting', 'resolved', 'feedback'],
  delete: ['new', 'assigned', 'in-progress', 'waiting', 'resolved', 'feedback', 'merged'],
} as const satisfies Record<string, readonly TicketStatus[]>;
type Move = keyof typeof movesFrom;

export function allow(row: { status: TicketStatus }, move: Move) {
  if ((movesFrom[move] as readonly string[]).includes(row.status)) return;
  throw new AppError(row.status === 'archived' ? 'TICKET_ARCHIVED' : 'INVALID_TRANSITION', {
    status: row.status,
    move,
  });
}

/** Handling moves are the handler's, or a supervisor's (tickets:assign) who sees the ticket. */
export function requireHandler(p: Principal, row: repo.TicketRow) {
  if (row.handlerId !== p.userId && !can(p, 'tickets:assign')) throw forbidden();
}

// ---- answers ----

export const iso = (d: Date | null) => d?.toISOString() ?? null;

function slaOf(r: repo.TicketRow) {
  const met = (doneAt: Date | null, due: Date, breached: boolean) =>
    doneAt ? !breached && doneAt.getTime() <= due.getTime() : breached ? false : null;
  return {
    responseDueAt: r.responseDueAt.toISOString(),
    resolutionDueAt: r.resolutionDueAt.toISOString(),
    respondedAt: iso(r.respondedAt),
    resolvedAt: iso(r.resolvedAt),
    pausedAt: iso(r.pausedAt),
    pausedMinutes: r.pausedMinutes,
    responseBreached: r.responseBreached,
    resolutionBreached: r.resolutionBreached,
    responseMet: met(r.respondedAt, r.responseDueAt, r.responseBreached),
    resolutionMet: met(r.resolvedAt, r.resolutionDueAt, r.resolutionBreached),
  };
}

/** A raw row (snake_case, from the decorated SQL) as the table's row type. */
function fromRaw(r: Record<string, unknown>): repo.TicketRow & { names: Record<string, string | null> } {
  const d = (k: string) => (r[k] == null ? null : new Date(r[k] as string));
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    createdAt: d('created_at')!,
    updatedAt: d('updated_at')!,
    createdBy: (r.created_by as string | null) ?? null,
    version: Number(r.version),
    number: r.number as string,
    typeId: r.type_id as string,
    title: r.title as string,
    customerId: (r.customer_id as string | null) ?? null,
    submitter: (r.submitter as TicketSubmitter | null) ?? null,
    contactId: (r.contact_id as string | null) ?? null,
    request: r.request as string,
    priority: r.priority as repo.TicketRow['priority'],
    channel: (r.channel as repo.TicketRow['channel']) ?? null,
    orderId: (r.order_id as string | null) ?? null,
    contractId: (r.contract_id as string | null) ?? null,
    productId: (r.product_id as string | null) ?? null,
    status: r.status as TicketStatus,
    handlerId: (r.handler_id as string | null) ?? null,
    departmentId: (r.department_id as string | null) ?? null,
    assignedAt: d('assigned_at'),
    withinWarranty: (r.within_warranty as boolean | null) ?? null,
    withinContract: (r.within_contract as boolean | null) ?? null,
    responseDueAt: d('response_due_at')!,
    resolutionDueAt: d('resolution_due_at')!,
    respondedAt: d('responded_at'),
    resolvedAt: d('resolved_at'),
    resolution: (r.resolution as string | null) ?? null,
    pausedAt: d('paused_at'),
    pausedMinutes: Number(r.paused_minutes),
    responseWarnedAt: d('response_warned_at'),
    resolutionWarnedAt: d('resolution_warned_at'),
    responseBreached: Boolean(r.response_breached),
    resolutionBreached: Boolean(r.resolution_breached),
    satisfaction: r.satisfaction == null ? null : Number(r.satisfaction),
    feedbackComment: (r.feedback_comment as string | null) ?? null,
    feedbackAt: d('feedback_at'),
    feedbackBy: (r.feedback_by as repo.TicketRow['feedbackBy']) ?? null,
    archivedAt: d('archived_at'),
    reopenedCount: Number(r.reopened_count),
    mergedIntoId: (r.merged_into_id as string | null) ?? null,
    deletedAt: d('deleted_at'),
    names: {
      handler: (r.handler_name as string | null) ?? null,
      department: (r.department_name as string | null) ?? null,
      type: (r.type_name as string | null) ?? null,
    },
  };
}

async function toListItems(
  db: Db,
  tenantId: string,
  raws: Record<string, unknown>[],
): Promise<TicketListItem[]> {
  const rows = raws.map(fromRaw);
  const names = await customerAndContactNames(
    db,
    tenantId,
    rows.flatMap((r) => (r.customerId ? [r.customerId] : [])),
    rows.flatMap((r) => (r.contactId ? [r.contactId] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    number: r.number,
    typeId: r.typeId,
    typeName: r.names.type,
    title: r.title,
    customerId: r.customerId,
    customerName: r.customerId ? (names.customers.get(r.customerId) ?? null) : null,
    submitter: r.submitter,
    contactId: r.contactId,
    contactName: r.contactId ? (names.contacts.get(r.contactId) ?? null) : null,
    priority: r.priority,
    channel: r.channel,
    orderId: r.orderId,
    contractId: r.contractId,
    productId: r.productId,
    status: r.status,
    handlerId: r.handlerId,
    handlerName: r.names.handler,
    departmentId: r.departmentId,
    departmentName: r.names.department,
    createdBy: r.createdBy,
    assignedAt: iso(r.assignedAt),
    validity: { withinWarranty: r.withinWarranty, withinContract: r.withinContract },
    sla: slaOf(r),
    satisfaction: r.satisfaction,
    feedbackComment: r.feedbackComment,
    feedbackAt: iso(r.feedbackAt),
    feedbackBy: r.feedbackBy,
    archivedAt: iso(r.archivedAt),
    reopenedCount: r.reopenedCount,
    mergedIntoId: r.mergedIntoId,
  }));
}

export async function secretOf(db: Db, key: ServerKey, tenantId: string) {
  const settings = await repo.settingsOf(db, tenantId, () => key.seal(newLinkSecret()));
  return key.open(settings.linkSecret);
}

export async function getTicket(db: Db, p: Principal, links: Links, id: string): Promise<Ticket> {
  const raw = await repo.findVisible(db, p, id);
  if (!raw) throw notFound();
  const [item] = await toListItems(db, p.tenantId, [raw]);
  const [solutions, secret] = await Promise.all([
    ticketSolutions(db, p.tenantId, id),
    secretOf(db, links.key, p.tenantId),
  ]);
  return {
    ...item,
    request: raw.request as string,
    resolution: (raw.resolution as string | null) ?? null,
    solutions,
    publicUrl: `${links.origin}/t/${ticketToken(secret, id)}`,
  };
}

/** Does the caller see the ticket (files on tickets, the customer's timeline)? */
export async function ticketVisible(db: Db, p: Principal, id: string) {
  return can(p, 'tickets:view') && Boolean(await repo.findVisible(db, p, id));
}

/** On a customer's timeline: the tickets the caller sees, with tickets:view. */
export const ticketsOnTimeline = (p: Principal) => can(p, 'tickets:view') && repo.ticketScope(p, 'x');

export async function listTickets(db: Db, c: Caller, q: TicketListQuery) {
  const page = await repo.listTickets(db, c.p, q);
  return { ...page, data: await toListItems(db, c.p.tenantId, page.data) };
}

/** Tickets in scope for an export, a block at a time (as the list answers them). */
export async function* ticketExportRows(db: Db, c: Caller, q: Partial<TicketListQuery>, block = 500) {
  let after: string | undefined;
  for (;;) {
    const rows = await repo.exportBlock(db, c.p, q, block, after);
    if (!rows.length) return;
    yield await toListItems(db, c.p.tenantId, rows);
    if (rows.length < block) return;
    after = rows[rows.length - 1].id as string;
  }
}

/** 客户的服务工单: the customer must be visible to the caller, and each ticket within the tickets scope. */
export async function customerTickets(db: Db, c: Caller, customerId: string, q: TicketListQuery) {
  if (!(await customerVisible(db, c.p, customerId))) throw notFound();
  return listTickets(db, c, { ...q, customerId });
}

export const toActivity = (r: Record<string, unknown>): TicketActivity => ({
  id: r.id as string,
  kind: r.kind as TicketActivity['kind'],
  content: r.content as string,
  internal: Boolean(r.internal),
  userId: (r.user_id as string | null) ?? null,
  userName: (r.user_name as string | null) ?? null,
  fromUserId: (r.from_user_id as string | null) ?? null,
  toUserId: (r.to_user_id as string | null) ?? null,
  createdAt: isoOf(r.created_at) as string,
});

export async function ticketActivities(db: Db, p: Principal, id: string): Promise<TicketActivity[]> {
  if (!(await repo.findVisible(db, p, id))) throw notFound();
  return (await repo.activitiesOf(db, p.tenantId, id)).map(toActivity);
}

export async function ticketHistory(db: Db, p: Principal, id: string) {
  if (!(await repo.findVisible(db, p, id))) throw notFound();
  return fieldHistory(db, p.tenantId, ENTITY, id);
}

// ---- references, validity, SLA ----

type Refs = Pick<
  repo.TicketRow,
  'customerId' | 'contactId' | 'orderId' | 'contractId' | 'productId' | 'typeId'
>;

/**
 * The customer must be one the caller sees (404 through the customers service); the contact, order
 * and contract must be that customer's, the product on the order when both are given; the type a
 * `service-type` item. A public-form ticket may still have no customer: then nothing of one either.
 */
async function checkReferences(db: Db, p: Principal, v: Refs) {
  if (!(await repo.dictionaryItemExists(db, p.tenantId, 'service-type', v.typeId)))
    throw invalid('typeId', 'not a service type');
  if (!v.customerId) {
    if (v.contactId || v.orderId || v.contractId)
      throw invalid('customerId', 'link the customer first (关联客户)');
  } else await getCustomer(db, p, v.customerId);
  if (v.contactId) {
    const contact = await getContact(db, p, v.contactId).catch((e) => {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
      throw e;
    });
    if (!contact || contact.customerId !== v.customerId)
      throw invalid('contactId', 'not a contact of the customer');
  }
  const order = v.orderId ? await orderForTicket(db, p.tenantId, v.orderId) : null;
  if (v.orderId && (!order || order.customerId !== v.customerId))
    throw invalid('orderId', 'not an order of the customer');
  if (v.contractId) {
    const contract = await contractForTicket(db, p.tenantId, v.contractId);
    if (!contract || contract.customerId !== v.customerId)
      throw invalid('contractId', 'not a contract of the customer');
  }
  if (v.productId) {
    if (!(await productsByIds(db, p.tenantId, [v.productId])).has(v.productId))
      throw invalid('productId', 'no such product');
    if (order && !order.productIds.includes(v.productId)) throw invalid('productId', 'not on the order');
  }
}

/** `YYYY-MM-DD` plus whole months, clamped to the month's end (Jan 31 + 1 month = Feb 28/29). */
function addMonths(date: string, months: number) {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const dateIn = (timeZone: string, at: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );

/**
 * 保修期内: the product's warranty months from the order's delivery (in the tenant's days) still
 * include today — null without an order and a product, or before delivery, or when the product has
 * no warranty. 合同期内: the contract is active, today is within its term, and it is the customer's.
 */
export async function validityOf(
  db: Db,
  tenantId: string,
  timeZone: string,
  v: Pick<Refs, 'customerId' | 'orderId' | 'contractId' | 'productId'>,
  now = new Date(),
) {
  const today = dateIn(timeZone, now);
  let withinWarranty: boolean | null = null;
  if (v.orderId && v.productId) {
    const [order, products] = await Promise.all([
      orderForTicket(db, tenantId, v.orderId),
      productsByIds(db, tenantId, [v.productId]),
    ]);
    const months = products.get(v.productId)?.warrantyMonths;
    if (order?.deliveredAt && months != null)
      withinWarranty = today < addMonths(dateIn(timeZone, order.deliveredAt), months);
  }
  let withinContract: boolean | null = null;
  if (v.contractId) {
    const contract = await contractForTicket(db, tenantId, v.contractId);
    withinContract =
      !!contract &&
      contract.customerId === v.customerId &&
      contract.status === 'active' &&
      contract.startDate <= today &&
      today <= contract.endDate;
  }
  return { withinWarranty, withinContract };
}

/** Both due instants from `from` by the tenant's SLA targets, pushed by the business minutes already paused. */
async function dueInstants(
  db: Db,
  tenantId: string,
  r: Pick<repo.TicketRow, 'priority' | 'typeId'>,
  from: Date,
  pausedMinutes: number,
) {
  const [cal, targets] = await Promise.all([
    businessCalendar(db, tenantId),
    slaTargets(db, tenantId, r.priority, r.typeId),
  ]);
  return {
    responseDueAt: addBusinessMinutes(cal, from, targets.responseMinutes + pausedMinutes),
    resolutionDueAt: addBusinessMinutes(cal, from, targets.resolutionMinutes + pausedMinutes),
  };
}

// ---- writes ----

const auditable = (r: repo.TicketRow) => ({
  typeId: r.typeId,
  title: r.title,
  customerId: r.customerId,
  contactId: r.contactId,
  request: r.request,
  priority: r.priority,
  channel: r.channel,
  orderId: r.orderId,
  contractId: r.contractId,
  productId: r.productId,
  status: r.status,
  handlerId: r.handlerId,
  departmentId: r.departmentId,
  responseDueAt: r.responseDueAt,
  resolutionDueAt: r.resolutionDueAt,
  respondedAt: r.respondedAt,
  resolvedAt: r.resolvedAt,
  resolution: r.resolution,
  pausedMinutes: r.pausedMinutes,
  withinWarranty: r.withinWarranty,
  withinContract: r.withinContract,
  satisfaction: r.satisfaction,
  feedbackComment: r.feedbackComment,
  archivedAt: r.archivedAt,
  reopenedCount: r.reopenedCount,
  mergedIntoId: r.mergedIntoId,
});

export const activity = (
  row: { tenantId: string; id: string },
  kind: TicketActivity['kind'],
  content: string,
  actor: Actor,
  extra: { internal?: boolean; fromUserId?: string | null; toUserId?: string | null } = {},
): repo.ActivityRow => ({
  id: uuidv7(),
  tenantId: row.tenantId,
  ticketId: row.id,
  kind,
  content,
  internal: extra.internal ?? true,
  userId: actor.userId,
  fromUserId: extra.fromUserId ?? null,
  toUserId: extra.toUserId ?? null,
});

/**
 * Writes a change of a locked ticket: the versioned update, its audit row (the fields that moved)
 * and its history line, in the caller's transaction.
 */
export async function change(
  tx: Db,
  actor: Actor,
  before: repo.TicketRow,
  version: number,
  values: Partial<repo.NewTicketRow>,
  action: string,
  activities: repo.ActivityRow[] = [],
) {
  checkVersion(before, version);
  const after = await requireUpdated(
    await repo.updateTicket(tx, before.id, version, values),
    async () => true,
  );
  await writeAudit(tx, actor, {
    action,
    entity: ENTITY,
    entityId: before.id,
    summary: `${after.number} ${after.title}`,
    changes: diff(auditable(before), auditable(after)),
  });
  await repo.insertActivities(tx, activities);
  return after;
}

export async function lock(tx: Db, p: Principal, id: string) {
  const row = await repo.lockVisible(tx, p, id);
  if (!row) throw notFound();
  return row;
}

export async function tellHandler(tx: Db, row: repo.TicketRow, userId: string, by: string | null) {
  await notify(tx, {
    tenantId: row.tenantId,
    userId,
    kind: 'ticket.assigned',
    title: `服务工单 ${row.number} 已分派给您：${row.title}`,
    data: { number: row.number, title: row.title, by },
    link: `/tickets/${row.id}`,
    entity: ENTITY,
    entityId: row.id,
  });
}

/**
 * A rule's handler for a new ticket: the first matching rule (type, the customer's region or one
 * above it) gives it round-robin to its department's active people; none → the queue.
 */
async function ruleHandler(tx: Db, tenantId: string, typeId: string, regionId: string | null) {
  const ruleId = await repo.matchingRule(tx, tenantId, typeId, regionId);
  return ruleId ? repo.advanceRoundRobin(tx, tenantId, ruleId) : undefined;
}

/**
 * Who opens a ticket and where it goes when no rule takes it: a signed-in user (their department's
 * queue) or the public form (an anonymous actor, the form's department, what the submitter typed).
 */
export type Opening = {
  tenantId: string;
  actor: Actor;
  timeZone: string;
  createdBy: string | null;
  departmentId: string | null;
  submitter?: TicketSubmitter | null;
};

export type OpenTicketInput = Refs &
  Pick<repo.NewTicketRow, 'title' | 'request' | 'priority'> & { channel: repo.TicketRow['channel'] };

/**
 * Opens a ticket whose references are already checked, in the caller's transaction: numbered, its
 * validity and due instants computed, a matching rule's handler given it (else the queue),
 * audited, the handler told. Every way in (the desk, the public form) comes through here.
 */
export async function openTicket(tx: Db, o: Opening, input: OpenTicketInput, now = new Date()) {
  const customer = input.customerId ? await customerForTicket(tx, o.tenantId, input.customerId) : null;
  const handler = await ruleHandler(tx, o.tenantId, input.typeId, customer?.regionId ?? null);
  const [due, validity, number] = await Promise.all([
    dueInstants(tx, o.tenantId, input, now, 0),
    validityOf(tx, o.tenantId, o.timeZone, input, now),
    nextNumber(tx, o.tenantId, 'ticket', o.timeZone, now),
  ]);
  const row = await repo.insertTicket(tx, {
    id: uuidv7(),
    tenantId: o.tenantId,
    createdBy: o.createdBy,
    createdAt: now,
    updatedAt: now,
    number,
    typeId: input.typeId,
    customerId: input.customerId,
    contactId: input.contactId,
    orderId: input.orderId,
    contractId: input.contractId,
    productId: input.productId,
    submitter: o.submitter ?? null,
    title: input.title,
    request: input.request,
    priority: input.priority,
    channel: input.channel,
    status: handler ? 'assigned' : 'new',
    handlerId: handler?.id ?? null,
    departmentId: handler?.departmentId ?? o.departmentId,
    assignedAt: handler ? now : null,
    ...due,
    withinWarranty: validity.withinWarranty,
    withinContract: validity.withinContract,
  });
  await writeAudit(tx, o.actor, {
    action: 'create',
    entity: ENTITY,
    entityId: row.id,
    summary: `${row.number} ${row.title}`,
    changes: diff(null, auditable(row)),
  });
  const lines = [activity(row, 'created', row.title, o.actor)];
  if (handler) {
    lines.push(activity(row, 'assigned', 'rule', o.actor, { toUserId: handler.id }));
    await tellHandler(tx, row, handler.id, null);
  }
  await repo.insertActivities(tx, lines);
  return row;
}

export async function createTicket(db: Db, c: Caller, links: Links, input: CreateTicket, now = new Date()) {
  const refs: Refs = {
    typeId: input.typeId,
    customerId: input.customerId,
    contactId: input.contactId ?? null,
    orderId: input.orderId ?? null,
    contractId: input.contractId ?? null,
    productId: input.productId ?? null,
  };
  const id = await db.transaction(async (tx) => {
    await checkReferences(tx, c.p, refs);
    const opening: Opening = {
      tenantId: c.p.tenantId,
      actor: c.actor,
      timeZone: c.timeZone,
      createdBy: c.p.userId,
      departmentId: c.p.departmentId,
    };
    const row = await openTicket(
      tx,
      opening,
      {
        ...refs,
        title: input.title,
        request: input.request,
        priority: input.priority,
        channel: input.channel ?? null,
      },
      now,
    );
    return row.id;
  });
  return getTicket(db, c.p, links, id);
}

export async function updateTicket(db: Db, c: Caller, links: Links, id: string, input: UpdateTicket) {
  const { version, ...values } = input;
  await db.transaction(async (tx) => {
    const before = await lock(tx, c.p, id);
    allow(before, 'edit');
    const refs: Refs = {
      typeId: values.typeId ?? before.typeId,
      customerId: values.customerId ?? before.customerId,
      contactId: values.contactId === undefined ? before.contactId : values.contactId,
      orderId: values.orderId === undefined ? before.orderId : values.orderId,
      contractId: values.contractId === undefined ? before.contractId : values.contractId,
      productId: values.productId === undefined ? before.productId : values.productId,
    };
    await checkReferences(tx, c.p, refs);
    const set: Partial<repo.NewTicketRow> = {
      ...refs,
      title: values.title ?? before.title,
      request: values.request ?? before.request,
      priority: values.priority ?? before.priority,
      channel: values.channel === undefined ? before.channel : values.channel,
    };
    // validity is re-checked when what it rests on changes
    if (
      refs.customerId !== before.customerId ||
      refs.orderId !== before.orderId ||
      refs.contractId !== before.contractId ||
      refs.productId !== before.productId
    )
      Object.assign(set, await validityOf(tx, c.p.tenantId, c.timeZone, refs));
    // a new priority or type is a new target, from the creation, keeping the time waited
    if (set.priority !== before.priority || refs.typeId !== before.typeId)
      Object.assign(
        set,
        await dueInstants(
          tx,
          c.p.tenantId,
          { priority: set.priority!, typeId: refs.typeId },
          before.createdAt,
          before.pausedMinutes,
        ),
      );
    await change(tx, c.actor, before, version, set, 'update');
  });
  return getTicket(db, c.p, links, id);
}

export async function deleteTicket(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await lock(tx, c.p, id);
    allow(before, 'delete');
    await change(tx, c.actor, before, version, { deletedAt: new Date() }, 'delete');
  });
}

// ---- settings ----

export async function getSettings(db: Db, p: Principal, key: ServerKey): Promise<TicketSettings> {
  const row = await repo.settingsOf(db, p.tenantId, () => key.seal(newLinkSecret()));
  return { reopenDays: row.reopenDays, version: row.version };
}

export async function updateSettings(db: Db, c: Caller, key: ServerKey, input: TicketSettings) {
  await db.transaction(async (tx) => {
    const before = await repo.settingsOf(tx, c.p.tenantId, () => key.seal(newLinkSecret()));
    checkVersion(before, input.version);
    await requireUpdated(
      await repo.updateSettings(tx, c.p.tenantId, input.version, input.reopenDays),
      async () => true,
    );
    await writeAudit(tx, c.actor, {
      action: 'update',
      entity: 'ticket-settings',
      entityId: c.p.tenantId,
      changes: diff({ reopenDays: before.reopenDays }, { reopenDays: input.reopenDays }),
    });
  });
  return getSettings(db, c.p, key);
}

/** Files on a ticket may change while the ticket may (tickets:edit, in scope, not archived or merged). */
export async function ticketChangeable(tx: Db, p: Principal, id: string) {
  if (!can(p, 'tickets:edit')) return false;
  const row = await repo.lockVisible(tx, p, id);
  return !!row && (movesFrom.note as readonly string[]).includes(row.status);
}
