import type { LeadActivity } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, diff, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { notify } from '../notifications/service.ts';
import * as repo from './repository.ts';

// The steps the lead writes share: lock in scope, log an activity, tell the new owner, audit.

/** The leads' audit entity (what `service.ts` exports as ENTITY). */
export const ENTITY = 'leads';

export const auditable = (r: repo.LeadRow) => ({
  name: r.name,
  contactName: r.contactName,
  mobile: r.mobile,
  email: r.email,
  sourceId: r.sourceId,
  campaignId: r.campaignId,
  regionCode: r.regionCode,
  remark: r.remark,
  status: r.status,
  disqualifyReasonId: r.disqualifyReasonId,
  ownerId: r.ownerId,
  customerId: r.customerId,
  contactId: r.contactId,
  opportunityId: r.opportunityId,
});

/** The lead, locked, in the caller's scope (404 outside it). */
export async function lockLead(tx: Db, p: Principal, id: string) {
  const row = await repo.lockVisible(tx, p, id);
  if (!row) throw notFound();
  return row;
}

/** …and still open: converted and disqualified leads are closed (409 LEAD_CLOSED). */
export async function lockOpen(tx: Db, p: Principal, id: string) {
  const row = await lockLead(tx, p, id);
  if (row.status === 'converted' || row.status === 'disqualified') throw new AppError('LEAD_CLOSED');
  return row;
}

export async function activity(
  tx: Db,
  actor: Actor,
  leadId: string,
  kind: LeadActivity['kind'],
  content: string,
) {
  await repo.insertActivities(tx, [
    { id: uuidv7(), tenantId: actor.tenantId, leadId, kind, content, userId: actor.userId },
  ]);
}

/** Tells the new owner a lead is theirs (not when they took it themselves). */
export async function tellOwner(tx: Db, actor: Actor, lead: { id: string; name: string }, ownerId: string) {
  if (ownerId === actor.userId) return;
  await notify(tx, {
    tenantId: actor.tenantId,
    userId: ownerId,
    kind: 'lead.assigned',
    data: { leadId: lead.id, leadName: lead.name, by: actor.userName },
    title: `新线索：${lead.name}`,
    link: `/leads?id=${lead.id}`,
    entity: ENTITY,
    entityId: lead.id,
  });
}

/** Whom a lead may be given: an active user in the caller's leads scope (409 OWNER_INVALID else). */
export async function assignee(tx: Db, p: Principal, userId: string, path: string) {
  if (userId === p.userId) return { id: p.userId, departmentId: p.departmentId, name: null as string | null };
  const user = await repo.assignableUser(tx, p, userId);
  if (!user) throw new AppError('OWNER_INVALID', [{ path, message: 'not assignable' }]);
  return { id: user.id, departmentId: user.department_id, name: user.name };
}

/** A change of the lead on its log (`kind`, `content`) and in the audit (`action`, before → after). */
export async function logMove(
  tx: Db,
  actor: Actor,
  before: repo.LeadRow,
  after: repo.LeadRow,
  action: string,
  kind: LeadActivity['kind'],
  content: string,
) {
  await activity(tx, actor, after.id, kind, content);
  await writeAudit(tx, actor, {
    action,
    entity: ENTITY,
    entityId: after.id,
    summary: after.name,
    changes: diff(auditable(before), auditable(after)),
  });
}
