import type {
  CreateFollowUp,
  FollowUp,
  FollowUpComment,
  FollowUpListQuery,
  ListResponse,
  UpdateFollowUp,
} from '@guanxi/contract';
import { followUpLimits } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, diff, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { dayIn, isoOf } from '../../platform/dates.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import * as customFields from '../custom-fields/service.ts';
import { getContact } from '../customers/contacts-service.ts';
import { customerAndContactNames, noteFollowUp, retractFollowUp } from '../customers/follow-up-service.ts';
import { getCustomer } from '../customers/service.ts';
import { assertChoosable } from '../dictionaries/service.ts';
import { createTodoForOwner } from '../events/service.ts';
import { notify } from '../notifications/service.ts';
import * as repo from './repository.ts';
import { noteMove } from './rollup-service.ts';

export const ENTITY = 'follow-ups';

/** The dictionary each dictionary field takes its items from (manifest `dictionaryReferences` too). */
export const dictionaryFields = [
  ['type', 'follow-up-type', 'type_id'],
  ['topic', 'follow-up-topic', 'topic_id'],
  ['stage', 'customer-status', 'stage_id'],
] as const;

// ---- answers ----

function toFollowUp(p: Principal, r: Record<string, unknown>, names: Names): FollowUp {
  const mine = r.user_id === p.userId;
  return {
    id: r.id as string,
    version: r.version as number,
    createdAt: isoOf(r.created_at)!,
    updatedAt: isoOf(r.updated_at)!,
    customerId: r.customer_id as string,
    customerName: names.customers.get(r.customer_id as string) ?? '',
    contactId: (r.contact_id as string | null) ?? null,
    contactName: r.contact_id ? (names.contacts.get(r.contact_id as string) ?? null) : null,
    userId: r.user_id as string,
    userName: (r.user_name as string | null) ?? '',
    type: r.type_id as string,
    typeName: (r.type_name as string | null) ?? '',
    topic: (r.topic_id as string | null) ?? null,
    topicName: (r.topic_name as string | null) ?? null,
    stage: (r.stage_id as string | null) ?? null,
    stageName: (r.stage_name as string | null) ?? null,
    attitude: (r.attitude as FollowUp['attitude']) ?? null,
    occurredAt: isoOf(r.occurred_at)!,
    content: r.content as string,
    nextFollowUpAt: isoOf(r.next_follow_up_at),
    todoEventId: (r.todo_event_id as string | null) ?? null,
    customFields: (r.custom_fields as FollowUp['customFields']) ?? {},
    commentCount: Number(r.comment_count ?? 0),
    canEdit: mine && can(p, 'follow-ups:edit'),
    canDelete: can(p, 'follow-ups:delete'),
  };
}

type Names = Awaited<ReturnType<typeof customerAndContactNames>>;

const namesOf = (db: Db, tenantId: string, rows: Record<string, unknown>[]) =>
  customerAndContactNames(
    db,
    tenantId,
    rows.map((r) => r.customer_id as string),
    rows.filter((r) => r.contact_id).map((r) => r.contact_id as string),
  );

// ---- reads ----

/**
 * 跟进记录 in the caller's follow-ups scope (by author): the module's own scope, not the
 * customers one — a supervisor reads the team's follow-ups whoever owns the customer now.
 */
export async function listFollowUps(
  db: Db,
  c: Caller,
  q: FollowUpListQuery,
): Promise<ListResponse<FollowUp>> {
  const page = await repo.listFollowUps(db, c.p, q, c.timeZone);
  const names = await namesOf(db, c.p.tenantId, page.data);
  return { ...page, data: page.data.map((r) => toFollowUp(c.p, r, names)) };
}

export async function getFollowUp(db: Db, p: Principal, id: string): Promise<FollowUp> {
  const row = await repo.findVisible(db, p, id);
  if (!row) throw notFound();
  return toFollowUp(p, row, await namesOf(db, p.tenantId, [row]));
}

/** On a customer's timeline: the follow-ups (aliased `x`) the caller may read. */
export const followUpsOnTimeline = (p: Principal) =>
  can(p, 'follow-ups:view') && repo.followUpReadable(p, 'x');

/** Files on a follow-up (manifest `fileEntities`): seen by who sees it. */
export async function followUpVisible(db: Db, p: Principal, id: string): Promise<boolean> {
  return can(p, 'follow-ups:view') && Boolean(await repo.findVisible(db, p, id));
}

/** …and attached or removed by its author (who may edit follow-ups); the row is locked in `tx`. */
export async function followUpChangeable(tx: Db, p: Principal, id: string): Promise<boolean> {
  if (!can(p, 'follow-ups:edit')) return false;
  const row = await repo.lockVisible(tx, p, id);
  return row?.userId === p.userId;
}

/** For work reports: the author's follow-ups that happened in `[from, to)`. */
export function countFollowUps(
  db: Db,
  tenantId: string,
  userId: string,
  from: Date,
  to: Date,
): Promise<number> {
  return repo.countByAuthor(db, tenantId, userId, from, to);
}

// ---- writes ----

/**
 * The customer must be one the caller sees (customers:view and the customers read scope: 404
 * otherwise) — seeing it is enough to record a follow-up on it (a shared or pool customer is
 * worked too), but not once it is invalidated (view only, 409 CUSTOMER_INVALID).
 */
async function checkCustomer(db: Db, p: Principal, customerId: string) {
  if (!can(p, 'customers:view')) throw notFound();
  const customer = await getCustomer(db, p, customerId);
  if (customer.invalidatedAt) throw new AppError('CUSTOMER_INVALID');
  return customer;
}

/** A contact must be one of the follow-up's customer (400 on `contactId` otherwise). */
async function checkContact(db: Db, p: Principal, customerId: string, contactId: string | null | undefined) {
  if (!contactId) return;
  const contact = await getContact(db, p, contactId).catch((e) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
    throw e;
  });
  if (!contact || contact.customerId !== customerId)
    throw invalid('contactId', 'not a contact of this customer');
}

async function checkDictionaries(
  db: Db,
  tenantId: string,
  input: Pick<UpdateFollowUp, 'type' | 'topic' | 'stage'>,
  before?: repo.FollowUpRow,
) {
  const previous = { type: before?.typeId, topic: before?.topicId, stage: before?.stageId };
  for (const [field, type] of dictionaryFields)
    await assertChoosable(db, tenantId, field, type, input[field], previous[field]);
}

/** Not in the future (beyond a phone's clock skew); the next date after it. */
function checkTimes(occurredAt: Date, next: Date | null, now = new Date()) {
  if (occurredAt.getTime() > now.getTime() + followUpLimits.futureSkewMinutes * 60_000)
    throw invalid('occurredAt', 'must not be in the future');
  if (next && next <= occurredAt) throw invalid('nextFollowUpAt', 'must be after occurredAt');
  const limit = new Date(now);
  limit.setFullYear(limit.getFullYear() + followUpLimits.nextYears);
  if (next && next > limit)
    throw invalid('nextFollowUpAt', `at most ${followUpLimits.nextYears} years ahead`);
}

const auditable = (r: repo.FollowUpRow) => ({
  contactId: r.contactId,
  typeId: r.typeId,
  topicId: r.topicId,
  stageId: r.stageId,
  attitude: r.attitude,
  occurredAt: r.occurredAt,
  content: r.content,
  nextFollowUpAt: r.nextFollowUpAt,
  ...customFields.auditableCustom(r.customFields),
});

const summaryOf = (customerName: string, content: string) =>
  `${customerName}：${content.length > 40 ? `${content.slice(0, 40)}…` : content}`;

/**
 * A next date goes into the customer's owner's calendar as an all-day to-do with a reminder as
 * the day starts (日程 → the bell); a pool customer has no owner, and no to-do.
 */
async function todoForNext(
  tx: Db,
  c: Caller,
  customer: { ownerId: string | null; name: string },
  customerId: string,
  next: Date,
) {
  if (!customer.ownerId) return null;
  return createTodoForOwner(
    tx,
    {
      tenantId: c.p.tenantId,
      ownerId: customer.ownerId,
      customerId,
      date: dayIn(c.timeZone, next),
      title: `跟进客户：${customer.name}`,
      remindMinutesBefore: 0,
    },
    c.actor,
  );
}

/**
 * 写跟进. In one transaction: the record, the customer's 最近跟进 / 下次跟进 (the latest one
 * wins), the owner's to-do for a next date, and their audit rows.
 */
export async function createFollowUp(db: Db, c: Caller, input: CreateFollowUp): Promise<FollowUp> {
  const { p } = c;
  const customer = await checkCustomer(db, p, input.customerId);
  await checkContact(db, p, input.customerId, input.contactId);
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : new Date();
  const next = input.nextFollowUpAt ? new Date(input.nextFollowUpAt) : null;
  checkTimes(occurredAt, next);
  const id = uuidv7();
  await db.transaction(async (tx) => {
    await checkDictionaries(tx, p.tenantId, input);
    const custom = await customFields.validateCustomValues(tx, p.tenantId, ENTITY, input.customFields);
    const summary = summaryOf(customer.name, input.content);
    const owner = await noteFollowUp(
      tx,
      c.actor,
      input.customerId,
      { occurredAt, nextFollowUpAt: next },
      customer.name,
    );
    const todoEventId = next ? await todoForNext(tx, c, owner, input.customerId, next) : null;
    const row = await repo.insertFollowUp(tx, {
      id,
      tenantId: p.tenantId,
      customerId: input.customerId,
      contactId: input.contactId ?? null,
      userId: p.userId,
      typeId: input.type,
      topicId: input.topic ?? null,
      stageId: input.stage ?? null,
      attitude: input.attitude ?? null,
      occurredAt,
      content: input.content,
      nextFollowUpAt: next,
      todoEventId,
      customFields: custom,
      createdBy: p.userId,
    });
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: ENTITY,
      entityId: id,
      summary,
      changes: diff(null, auditable(row)),
    });
  });
  return getFollowUp(db, p, id);
}

/** Locks a follow-up the caller sees: 404 outside the scope. */
async function lockVisible(tx: Db, p: Principal, id: string) {
  const row = await repo.lockVisible(tx, p, id);
  if (!row) throw notFound();
  return row;
}

/**
 * Only its author changes a follow-up (what happened is their account; a supervisor comments
 * instead): 403 for others in scope. A new time or next date moves the customer's dates.
 */
export async function updateFollowUp(
  db: Db,
  c: Caller,
  id: string,
  input: UpdateFollowUp,
): Promise<FollowUp> {
  const { p } = c;
  await db.transaction(async (tx) => {
    const before = await lockVisible(tx, p, id);
    if (before.userId !== p.userId) throw forbidden();
    checkVersion(before, input.version);
    // the customer is not checked again: an author whose customer moved on still corrects their note
    const names = await customerAndContactNames(tx, p.tenantId, [before.customerId], []);
    const customer = { name: names.customers.get(before.customerId) ?? '' };
    if (input.contactId !== undefined && input.contactId !== before.contactId)
      await checkContact(tx, p, before.customerId, input.contactId);
    await checkDictionaries(tx, p.tenantId, input, before);
    const occurredAt = input.occurredAt ? new Date(input.occurredAt) : before.occurredAt;
    const next =
      input.nextFollowUpAt === undefined
        ? before.nextFollowUpAt
        : input.nextFollowUpAt
          ? new Date(input.nextFollowUpAt)
          : null;
    checkTimes(occurredAt, next);
    const custom =
      input.customFields === undefined
        ? before.customFields
        : await customFields.validateCustomValues(
            tx,
            p.tenantId,
            ENTITY,
            input.customFields,
            before.customFields,
          );
    const summary = summaryOf(customer.name, input.content ?? before.content);
    const moved = occurredAt.getTime() !== before.occurredAt.getTime();
    const newNext = next !== null && next.getTime() !== before.nextFollowUpAt?.getTime();
    let todoEventId = before.todoEventId;
    // the month it leaves is aggregated again by the reports' rollup
    if (moved) await noteMove(tx, p.tenantId, before.occurredAt);
    if (moved && occurredAt < before.occurredAt) {
      const others = await repo.latestOccurred(tx, p.tenantId, before.customerId, id);
      const latest = others && others > occurredAt ? others : occurredAt;
      await retractFollowUp(tx, c.actor, before.customerId, before.occurredAt, latest, customer.name);
    }
    if (moved || newNext) {
      const owner = await noteFollowUp(
        tx,
        c.actor,
        before.customerId,
        { occurredAt, nextFollowUpAt: newNext ? next : null },
        customer.name,
      );
      if (newNext && next) todoEventId = await todoForNext(tx, c, owner, before.customerId, next);
    }
    const rows = await repo.updateFollowUp(tx, p.tenantId, id, input.version, {
      contactId: input.contactId === undefined ? before.contactId : input.contactId,
      typeId: input.type ?? before.typeId,
      topicId: input.topic === undefined ? before.topicId : input.topic,
      stageId: input.stage === undefined ? before.stageId : input.stage,
      attitude: input.attitude === undefined ? before.attitude : input.attitude,
      occurredAt,
      content: input.content ?? before.content,
      nextFollowUpAt: next,
      todoEventId,
      customFields: custom,
    });
    const after = await requireUpdated(rows, async () => true);
    const changes = diff(auditable(before), auditable(after));
    if (Object.keys(changes).length)
      await writeAudit(tx, c.actor, { action: 'update', entity: ENTITY, entityId: id, summary, changes });
  });
  return getFollowUp(db, p, id);
}

/**
 * Soft delete, by who may delete follow-ups, in their scope. When it was the customer's latest,
 * 最近跟进 falls back to the latest of the others.
 */
export async function deleteFollowUp(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await lockVisible(tx, c.p, id);
    checkVersion(before, version);
    await repo.updateFollowUp(tx, c.p.tenantId, id, version, { deletedAt: new Date() });
    const summary = before.content.slice(0, 40);
    const latest = await repo.latestOccurred(tx, c.p.tenantId, before.customerId, id);
    const names = await customerAndContactNames(tx, c.p.tenantId, [before.customerId], []);
    const customerName = names.customers.get(before.customerId) ?? '';
    await retractFollowUp(tx, c.actor, before.customerId, before.occurredAt, latest, customerName);
    await writeAudit(tx, c.actor, { action: 'delete', entity: ENTITY, entityId: id, summary });
  });
}

// ---- comments (点评) ----

const toComment = (r: Record<string, unknown>): FollowUpComment => ({
  id: r.id as string,
  followUpId: r.follow_up_id as string,
  userId: r.user_id as string,
  userName: (r.user_name as string | null) ?? '',
  content: r.content as string,
  createdAt: isoOf(r.created_at)!,
});

export async function listComments(db: Db, p: Principal, id: string): Promise<FollowUpComment[]> {
  if (!(await repo.findVisible(db, p, id))) throw notFound();
  return (await repo.listComments(db, p.tenantId, id)).map(toComment);
}

/**
 * 点评: on a follow-up in the caller's scope (a supervisor's is their team's); the author is
 * notified (not when commenting on their own).
 */
export async function addComment(db: Db, c: Caller, id: string, content: string): Promise<FollowUpComment> {
  const commentId = uuidv7();
  await db.transaction(async (tx) => {
    const f = await lockVisible(tx, c.p, id);
    const names = await customerAndContactNames(tx, c.p.tenantId, [f.customerId], []);
    const customerName = names.customers.get(f.customerId) ?? '';
    await repo.insertComment(tx, {
      id: commentId,
      tenantId: c.p.tenantId,
      followUpId: id,
      userId: c.p.userId,
      content,
    });
    await writeAudit(tx, c.actor, {
      action: 'comment',
      entity: ENTITY,
      entityId: id,
      summary: content.length > 40 ? `${content.slice(0, 40)}…` : content,
    });
    if (f.userId !== c.p.userId) await notifyAuthor(tx, c.actor, f, customerName, content);
  });
  const all = await repo.listComments(db, c.p.tenantId, id);
  return toComment(all.find((r) => r.id === commentId)!);
}

function notifyAuthor(tx: Db, actor: Actor, f: repo.FollowUpRow, customerName: string, content: string) {
  const who = actor.userName ?? '';
  return notify(tx, {
    tenantId: f.tenantId,
    userId: f.userId,
    kind: 'follow-up.comment',
    data: {
      followUpId: f.id,
      customerId: f.customerId,
      customerName,
      commenter: who,
      content: content.slice(0, 100),
    },
    title: `${who} 点评了你对「${customerName}」的跟进：${content.slice(0, 60)}`,
    link: `/follow-ups?id=${f.id}`,
    entity: ENTITY,
    entityId: f.id,
  });
}
