import type {
  AssignTicket,
  CreateTicket,
  MergeTicket,
  PublicTicket,
  ResolveTicket,
  Ticket,
  TicketActivity,
  TicketFeedback,
  TicketListItem,
  TicketListQuery,
  TicketNote,
  TicketSettings,
  TicketStatus,
  TransferTicket,
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
import { linkTicketSolutions, ticketSolutions } from '../kb/published.ts';
import { notify } from '../notifications/service.ts';
import { orderForTicket } from '../orders/warranty-service.ts';
import { productsByIds } from '../products/published.ts';
import {
  addBusinessMinutes,
  businessCalendar,
  businessMinutesBetween,
  slaTargets,
} from '../sla/published.ts';
import * as repo from './repository.ts';
import { newLinkSecret, ticketOfToken, ticketToken, tokenValid } from './tokens.ts';

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

function allow(row: { status: TicketStatus }, move: Move) {
  if ((movesFrom[move] as readonly string[]).includes(row.status)) return;
  throw new AppError(row.status === 'archived' ? 'TICKET_ARCHIVED' : 'INVALID_TRANSITION', {
    status: row.status,
    move,
  });
}

/** Handling moves are the handler's, or a supervisor's (tickets:assign) who sees the ticket. */
function requireHandler(p: Principal, row: repo.TicketRow) {
  if (row.handlerId !== p.userId && !can(p, 'tickets:assign')) throw forbidden();
}

// ---- answers ----

const iso = (d: Date | null) => d?.toISOString() ?? null;

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
    customerId: r.customer_id as string,
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
    rows.map((r) => r.customerId),
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
    customerName: names.customers.get(r.customerId) ?? null,
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

async function secretOf(db: Db, key: ServerKey, tenantId: string) {
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

/** 客户的服务工单: the customer must be visible to the caller, and each ticket within the tickets scope. */
export async function customerTickets(db: Db, c: Caller, customerId: string, q: TicketListQuery) {
  if (!(await customerVisible(db, c.p, customerId))) throw notFound();
  return listTickets(db, c, { ...q, customerId });
}

const toActivity = (r: Record<string, unknown>): TicketActivity => ({
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
 * `service-type` item.
 */
async function checkReferences(db: Db, p: Principal, v: Refs) {
  if (!(await repo.dictionaryItemExists(db, p.tenantId, 'service-type', v.typeId)))
    throw invalid('typeId', 'not a service type');
  await getCustomer(db, p, v.customerId);
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

const activity = (
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
async function change(
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

async function lock(tx: Db, p: Principal, id: string) {
  const row = await repo.lockVisible(tx, p, id);
  if (!row) throw notFound();
  return row;
}

async function tellHandler(tx: Db, row: repo.TicketRow, userId: string, by: string | null) {
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
    const customer = await customerForTicket(tx, c.p.tenantId, input.customerId);
    const handler = await ruleHandler(tx, c.p.tenantId, input.typeId, customer?.regionId ?? null);
    const [due, validity, number] = await Promise.all([
      dueInstants(tx, c.p.tenantId, input, now, 0),
      validityOf(tx, c.p.tenantId, c.timeZone, refs, now),
      nextNumber(tx, c.p.tenantId, 'ticket', c.timeZone, now),
    ]);
    const row = await repo.insertTicket(tx, {
      id: uuidv7(),
      tenantId: c.p.tenantId,
      createdBy: c.p.userId,
      createdAt: now,
      updatedAt: now,
      number,
      ...refs,
      title: input.title,
      request: input.request,
      priority: input.priority,
      channel: input.channel ?? null,
      status: handler ? 'assigned' : 'new',
      handlerId: handler?.id ?? null,
      departmentId: handler?.departmentId ?? c.p.departmentId,
      assignedAt: handler ? now : null,
      ...due,
      withinWarranty: validity.withinWarranty,
      withinContract: validity.withinContract,
    });
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: ENTITY,
      entityId: row.id,
      summary: `${row.number} ${row.title}`,
      changes: diff(null, auditable(row)),
    });
    const lines = [activity(row, 'created', row.title, c.actor)];
    if (handler) {
      lines.push(activity(row, 'assigned', 'rule', c.actor, { toUserId: handler.id }));
      await tellHandler(tx, row, handler.id, null);
    }
    await repo.insertActivities(tx, lines);
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

/** The handler's department becomes the ticket's (its scope and supervisor follow the work). */
async function handTo(
  tx: Db,
  c: Caller,
  before: repo.TicketRow,
  version: number,
  user: { id: string; department_id: string | null },
  kind: 'assigned' | 'grabbed' | 'transferred',
  note?: string,
) {
  const now = new Date();
  const after = await change(
    tx,
    c.actor,
    before,
    version,
    {
      handlerId: user.id,
      departmentId: user.department_id ?? before.departmentId,
      assignedAt: now,
      status: before.status === 'new' ? 'assigned' : before.status,
    },
    kind === 'assigned' ? 'assign' : kind === 'grabbed' ? 'grab' : 'transfer',
    [activity(before, kind, note ?? '', c.actor, { fromUserId: before.handlerId, toUserId: user.id })],
  );
  if (user.id !== c.p.userId) await tellHandler(tx, after, user.id, c.actor.userName);
  return after;
}

/** 分派 by a supervisor: to an active user in their tickets scope; a ticket with a handler is transferred. */
export async function assignTicket(db: Db, c: Caller, links: Links, id: string, input: AssignTicket) {
  await db.transaction(async (tx) => {
    const before = await lock(tx, c.p, id);
    allow(before, 'assign');
    const user = await repo.assignableUser(tx, c.p, input.userId);
    if (!user) throw invalid('userId', 'not an active user within your reach');
    await handTo(tx, c, before, input.version, user, before.handlerId ? 'transferred' : 'assigned');
  });
  return getTicket(db, c.p, links, id);
}

/** 抢单: an unassigned ticket of the queue within the caller's reach. */
export async function grabTicket(db: Db, c: Caller, links: Links, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await lock(tx, c.p, id);
    allow(before, 'grab');
    // only from the queue: a ticket somebody handles is theirs (a supervisor reassigns it)
    if (before.handlerId) throw new AppError('INVALID_TRANSITION', { status: before.status, move: 'grab' });
    const me = await repo.activeUser(tx, c.p.tenantId, c.p.userId);
    if (!me) throw forbidden();
    await handTo(tx, c, before, version, me, 'grabbed');
  });
  return getTicket(db, c.p, links, id);
}

/** 转派: the handler (or a supervisor) hands the ticket to an active colleague, kept as history. */
export async function transferTicket(db: Db, c: Caller, links: Links, id: string, input: TransferTicket) {
  await db.transaction(async (tx) => {
    const before = await lock(tx, c.p, id);
    allow(before, 'transfer');
    requireHandler(c.p, before);
    if (input.userId === before.handlerId) throw invalid('userId', 'already the handler');
    const user = await repo.activeUser(tx, c.p.tenantId, input.userId);
    if (!user) throw invalid('userId', 'not an active user');
    await handTo(tx, c, before, input.version, user, 'transferred', input.note);
  });
  return getTicket(db, c.p, links, id);
}

/** 开始处理: counts as the response when none came before. */
export async function startTicket(db: Db, c: Caller, links: Links, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await lock(tx, c.p, id);
    allow(before, 'start');
    requireHandler(c.p, before);
    await change(
      tx,
      c.actor,
      before,
      version,
      { status: 'in-progress', respondedAt: before.respondedAt ?? new Date() },
      'start',
      [activity(before, 'status', 'in-progress', c.actor)],
    );
  });
  return getTicket(db, c.p, links, id);
}

/** 等待客户: the SLA clocks stop until the ticket is resumed (or resolved). */
export async function waitTicket(
  db: Db,
  c: Caller,
  links: Links,
  id: string,
  input: { version: number; note?: string },
) {
  await db.transaction(async (tx) => {
    const before = await lock(tx, c.p, id);
    allow(before, 'wait');
    requireHandler(c.p, before);
    await change(tx, c.actor, before, input.version, { status: 'waiting', pausedAt: new Date() }, 'wait', [
      activity(before, 'status', input.note ? `waiting: ${input.note}` : 'waiting', c.actor),
    ]);
  });
  return getTicket(db, c.p, links, id);
}

/**
 * The end of a wait: the business minutes waited are added to `paused_minutes`, and both due
 * instants move on by as many business minutes (counted on from the old due instant).
 */
async function unpause(tx: Db, tenantId: string, row: repo.TicketRow, now: Date) {
  if (!row.pausedAt) return {};
  const cal = await businessCalendar(tx, tenantId);
  const waited = businessMinutesBetween(cal, row.pausedAt, now);
  return {
    pausedAt: null,
    pausedMinutes: row.pausedMinutes + waited,
    ...(waited > 0
      ? {
          responseDueAt: row.respondedAt
            ? row.responseDueAt
            : addBusinessMinutes(cal, row.responseDueAt, waited),
          resolutionDueAt: addBusinessMinutes(cal, row.resolutionDueAt, waited),
        }
      : {}),
  };
}

export async function resumeTicket(db: Db, c: Caller, links: Links, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await lock(tx, c.p, id);
    allow(before, 'resume');
    requireHandler(c.p, before);
    const now = new Date();
    await change(
      tx,
      c.actor,
      before,
      version,
      { status: 'in-progress', ...(await unpause(tx, c.p.tenantId, before, now)) },
      'resume',
      [activity(before, 'status', 'in-progress', c.actor)],
    );
  });
  return getTicket(db, c.p, links, id);
}

/**
 * 处理记录: an internal note or one the customer sees on their link; the first customer-visible
 * note is the response. An archived ticket takes no note.
 */
export async function addNote(db: Db, c: Caller, id: string, input: TicketNote): Promise<TicketActivity> {
  const noteId = await db.transaction(async (tx) => {
    const before = await lock(tx, c.p, id);
    allow(before, 'note');
    const line = activity(before, 'note', input.content, c.actor, { internal: input.internal });
    if (!input.internal && !before.respondedAt)
      await change(tx, c.actor, before, before.version, { respondedAt: new Date() }, 'respond', [line]);
    else {
      await repo.insertActivities(tx, [line]);
      await writeAudit(tx, c.actor, {
        action: 'note',
        entity: ENTITY,
        entityId: id,
        summary: `${before.number} ${input.internal ? 'internal' : 'customer-visible'}`,
      });
    }
    return line.id;
  });
  const found = (await repo.activitiesOf(db, c.p.tenantId, id)).find((a) => a.id === noteId);
  return toActivity(found!);
}

/** 解决: with the resolution and the knowledge-base articles it was solved with (the kb module links them). */
export async function resolveTicket(db: Db, c: Caller, links: Links, id: string, input: ResolveTicket) {
  await db.transaction(async (tx) => {
    const before = await lock(tx, c.p, id);
    allow(before, 'resolve');
    requireHandler(c.p, before);
    const now = new Date();
    const resumed = await unpause(tx, c.p.tenantId, before, now);
    await change(
      tx,
      c.actor,
      before,
      input.version,
      {
        ...resumed,
        status: 'resolved',
        resolution: input.resolution,
        resolvedAt: now,
        respondedAt: before.respondedAt ?? now,
      },
      'resolve',
      [activity(before, 'resolved', input.resolution, c.actor, { internal: false })],
    );
    if (input.articleIds?.length) await linkTicketSolutions(tx, c.actor, id, input.articleIds);
  });
  return getTicket(db, c.p, links, id);
}

async function recordFeedback(
  tx: Db,
  actor: Actor,
  before: repo.TicketRow,
  input: TicketFeedback,
  by: 'customer' | 'agent',
) {
  allow(before, 'feedback');
  await change(
    tx,
    actor,
    before,
    before.version,
    {
      status: 'feedback',
      satisfaction: input.satisfaction,
      feedbackComment: input.comment ?? null,
      feedbackAt: new Date(),
      feedbackBy: by,
    },
    'feedback',
    [activity(before, 'feedback', `${input.satisfaction}${input.comment ? ` ${input.comment}` : ''}`, actor)],
  );
}

/** 回访: the agent records the customer's result and satisfaction (once, on a resolved ticket). */
export async function feedbackTicket(db: Db, c: Caller, links: Links, id: string, input: TicketFeedback) {
  await db.transaction(async (tx) => recordFeedback(tx, c.actor, await lock(tx, c.p, id), input, 'agent'));
  return getTicket(db, c.p, links, id);
}

/** 归档: read-only afterwards. */
export async function archiveTicket(db: Db, c: Caller, links: Links, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await lock(tx, c.p, id);
    allow(before, 'archive');
    await change(tx, c.actor, before, version, { status: 'archived', archivedAt: new Date() }, 'archive', [
      activity(before, 'archived', '', c.actor),
    ]);
  });
  return getTicket(db, c.p, links, id);
}

/** 重开: within the tenant's days after the resolution, back to 处理中; the resolution clock runs on. */
export async function reopenTicket(db: Db, c: Caller, links: Links, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await lock(tx, c.p, id);
    allow(before, 'reopen');
    const { reopenDays } = await repo.settingsOf(tx, c.p.tenantId, () => links.key.seal(newLinkSecret()));
    const resolvedAt = before.resolvedAt ?? before.updatedAt;
    if (Date.now() - resolvedAt.getTime() > reopenDays * 86_400_000)
      throw new AppError('TICKET_REOPEN_EXPIRED', { reopenDays });
    await change(
      tx,
      c.actor,
      before,
      version,
      {
        status: 'in-progress',
        resolvedAt: null,
        satisfaction: null,
        feedbackComment: null,
        feedbackAt: null,
        feedbackBy: null,
        reopenedCount: before.reopenedCount + 1,
      },
      'reopen',
      [activity(before, 'reopened', '', c.actor, { internal: false })],
    );
  });
  return getTicket(db, c.p, links, id);
}

/**
 * 合并重复工单: the duplicate closes as `merged` pointing at the kept ticket (same customer, both
 * within reach, the kept one still open to changes); its notes move there. Its clocks stop: a
 * duplicate neither responds nor breaches on its own.
 */
export async function mergeTicket(db: Db, c: Caller, links: Links, id: string, input: MergeTicket) {
  if (input.intoId === id) throw invalid('intoId', 'a ticket cannot be merged into itself');
  await db.transaction(async (tx) => {
    const before = await lock(tx, c.p, id);
    allow(before, 'merge');
    const kept = await repo.lockVisible(tx, c.p, input.intoId);
    if (!kept) throw invalid('intoId', 'no such ticket within your reach');
    if (kept.status === 'archived' || kept.status === 'merged')
      throw invalid('intoId', 'the kept ticket is closed');
    if (kept.customerId !== before.customerId) throw invalid('intoId', 'a ticket of another customer');
    const now = new Date();
    await change(
      tx,
      c.actor,
      before,
      input.version,
      {
        status: 'merged',
        mergedIntoId: kept.id,
        pausedAt: null,
        respondedAt: before.respondedAt ?? now,
        resolvedAt: before.resolvedAt ?? now,
      },
      'merge',
      [activity(before, 'merged', kept.number, c.actor, { internal: false })],
    );
    await repo.moveNotes(tx, c.p.tenantId, before.id, kept.id);
    await repo.insertActivities(tx, [activity(kept, 'merged', before.number, c.actor)]);
  });
  return getTicket(db, c.p, links, id);
}

// ---- the customer's signed link ----

async function byToken(db: Db, key: ServerKey, token: string, lock = false) {
  const id = ticketOfToken(token);
  const found = id ? await repo.findAnyTenant(db, id) : undefined;
  if (!found || !tokenValid(await secretOf(db, key, found.tenantId), found.id, token)) throw notFound();
  return lock ? (await repo.findById(db, found.tenantId, found.id, true))! : found;
}

/** What the customer's link shows: status, the resolution, customer-visible notes; never internal ones. */
export async function publicTicket(db: Db, key: ServerKey, token: string): Promise<PublicTicket> {
  const row = await byToken(db, key, token);
  const notes = await repo.activitiesOf(db, row.tenantId, row.id, true);
  return {
    number: row.number,
    title: row.title,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: iso(row.resolvedAt),
    resolution: row.resolvedAt ? row.resolution : null,
    notes: notes.map((n) => ({ content: n.content as string, createdAt: isoOf(n.created_at) as string })),
    satisfaction: row.satisfaction,
    canGiveFeedback: row.status === 'resolved',
  };
}

export async function publicFeedback(
  db: Db,
  key: ServerKey,
  token: string,
  input: TicketFeedback,
  ip: string,
) {
  await db.transaction(async (tx) => {
    const row = await byToken(tx, key, token, true);
    await recordFeedback(
      tx,
      { tenantId: row.tenantId, userId: null, userName: null, ip },
      row,
      input,
      'customer',
    );
  });
  return publicTicket(db, key, token);
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
