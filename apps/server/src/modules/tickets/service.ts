import type {
  CreateTicket,
  Ticket,
  TicketActivity,
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
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { nextNumber } from '../../platform/numbering.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import type { ServerKey } from '../../platform/secrets.ts';
import { customerVisible } from '../customers/service.ts';
import { customerForTicket } from '../customers/tickets-service.ts';
import { ticketSolutions } from '../kb/published.ts';
import { notify } from '../notifications/service.ts';
import { toListItems } from './answers.ts';
import { checkReferences, dueInstants, type Refs, validityOf } from './references.ts';
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

// ---- reads ----

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
