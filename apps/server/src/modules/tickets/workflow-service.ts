/**
 * 工单流转: the moves of a ticket after its creation — assign, grab, transfer, start, wait, resume,
 * notes, resolve, feedback, archive, reopen, merge — each on the locked row, versioned, audited and
 * written to its history in one transaction (the table of allowed moves is in service.ts).
 */
import type {
  AssignTicket,
  MergeTicket,
  ResolveTicket,
  TicketActivity,
  TicketFeedback,
  TicketNote,
  TransferTicket,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, forbidden, invalid } from '../../platform/errors.ts';
import { linkTicketSolutions } from '../kb/published.ts';
import { addBusinessMinutes, businessCalendar, businessMinutesBetween } from '../sla/published.ts';
import * as repo from './repository.ts';
import {
  activity,
  allow,
  change,
  ENTITY,
  getTicket,
  type Links,
  lock,
  requireHandler,
  tellHandler,
  toActivity,
} from './service.ts';
import { newLinkSecret } from './tokens.ts';

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

export async function recordFeedback(
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

/**
 * 重开: within the tenant's days after the resolution, back to 处理中; the resolution clock runs on,
 * its 80% warning cleared so the handler is warned again.
 */
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
        // the resolution clock runs again: its 80% warning may fire again (a breach stays recorded)
        resolutionWarnedAt: null,
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
    // a duplicate with no customer yet (from the public form) may go into the customer's ticket
    if (before.customerId && kept.customerId !== before.customerId)
      throw invalid('intoId', 'a ticket of another customer');
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
