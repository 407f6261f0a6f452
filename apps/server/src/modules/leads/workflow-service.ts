import type { Lead, SetLeadStatus } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import { assertChoosable } from '../dictionaries/service.ts';
import * as repo from './repository.ts';
import { ENTITY, getLead, leadActivities } from './service.ts';
import { activity, assignee, lockLead, lockOpen, logMove, tellOwner } from './write-steps.ts';

// A lead's way through: 分配, 抢单, 退回线索池, its status, and notes on its log.

/** 分配: gives an open lead (the caller's, in scope, or a pool lead) to a user in the caller's scope. */
export async function assignLead(db: Db, c: Caller, id: string, input: { userId: string; version?: number }) {
  await db.transaction(async (tx) => {
    const before = await lockOpen(tx, c.p, id);
    if (input.version !== undefined) checkVersion(before, input.version);
    const owner = await assignee(tx, c.p, input.userId, 'userId');
    if (owner.id === before.ownerId) return;
    const rows = await repo.updateLead(tx, id, before.version, {
      ownerId: owner.id,
      departmentId: owner.departmentId,
      assignedAt: new Date(),
      grabbedAt: null,
      status: before.status === 'new' ? 'assigned' : before.status,
    });
    const after = await requireUpdated(rows, async () => true);
    await logMove(tx, c.actor, before, after, 'assign', 'assigned', `user:${owner.id}`);
    await tellOwner(tx, c.actor, after, owner.id);
  });
  return getLead(db, c.p, id);
}

/**
 * 抢单: the caller takes a lead from the pool, up to the tenant's daily limit (409
 * LEAD_GRAB_LIMIT past it). A lead someone else took first: 409 CONFLICT. One user's grabs are
 * serialised, so two at once cannot both pass the limit.
 */
export async function grabLead(db: Db, c: Caller, id: string): Promise<Lead> {
  await db.transaction(async (tx) => {
    await repo.lockGrabber(tx, c.p.tenantId, c.p.userId);
    const before = await lockOpen(tx, c.p, id);
    if (before.ownerId) throw new AppError('CONFLICT');
    const { grabDailyLimit } = await repo.settingsOf(tx, c.p.tenantId);
    if ((await repo.grabbedToday(tx, c.p.tenantId, c.p.userId, c.timeZone)) >= grabDailyLimit)
      throw new AppError('LEAD_GRAB_LIMIT', { limit: grabDailyLimit });
    const now = new Date();
    const rows = await repo.updateLead(tx, id, before.version, {
      ownerId: c.p.userId,
      departmentId: c.p.departmentId,
      assignedAt: now,
      grabbedAt: now,
      status: 'assigned',
    });
    const after = await requireUpdated(rows, async () => true);
    await logMove(tx, c.actor, before, after, 'grab', 'grabbed', `user:${c.p.userId}`);
  });
  return getLead(db, c.p, id);
}

/** 退回线索池: an open lead goes back to the pool (nobody's). */
export async function releaseLead(db: Db, c: Caller, id: string, version: number): Promise<Lead> {
  await db.transaction(async (tx) => {
    const before = await lockOpen(tx, c.p, id);
    checkVersion(before, version);
    if (!before.ownerId) return;
    const rows = await repo.updateLead(tx, id, version, {
      ownerId: null,
      departmentId: null,
      assignedAt: null,
      grabbedAt: null,
      status: 'new',
    });
    const after = await requireUpdated(rows, async () => true);
    await logMove(tx, c.actor, before, after, 'release', 'assigned', 'pool');
  });
  return getLead(db, c.p, id);
}

/**
 * 跟进中 / 已确认 / 无效 (reason from `lead-disqualify-reason` required). A disqualified lead may be
 * taken up again (跟进中); a converted one is closed for good.
 */
export async function setLeadStatus(db: Db, c: Caller, id: string, input: SetLeadStatus): Promise<Lead> {
  await db.transaction(async (tx) => {
    const before = await lockLead(tx, c.p, id);
    checkVersion(before, input.version);
    if (before.status === 'converted') throw new AppError('LEAD_CLOSED');
    if (before.status === 'disqualified' && input.status !== 'following') throw new AppError('LEAD_CLOSED');
    if (!before.ownerId) throw invalid('status', 'assign or grab the lead first');
    let reasonId: string | null = null;
    if (input.status === 'disqualified') {
      if (!input.reasonId) throw invalid('reasonId', 'a reason is required');
      await assertChoosable(tx, c.p.tenantId, 'reasonId', 'lead-disqualify-reason', input.reasonId);
      reasonId = input.reasonId;
    }
    const rows = await repo.updateLead(tx, id, input.version, {
      status: input.status,
      disqualifyReasonId: reasonId,
    });
    const after = await requireUpdated(rows, async () => true);
    await logMove(tx, c.actor, before, after, 'status', 'status', input.status);
  });
  return getLead(db, c.p, id);
}

/** 跟进: a note on the lead's log; an assigned lead becomes 跟进中. */
export async function addLeadNote(db: Db, c: Caller, id: string, content: string) {
  await db.transaction(async (tx) => {
    const before = await lockLead(tx, c.p, id);
    if (before.status === 'converted') throw new AppError('LEAD_CLOSED');
    await activity(tx, c.actor, id, 'note', content);
    if (before.status === 'assigned') await repo.updateLead(tx, id, before.version, { status: 'following' });
    await writeAudit(tx, c.actor, { action: 'note', entity: ENTITY, entityId: id, summary: before.name });
  });
  return leadActivities(db, c.p, id);
}
