import type { CampaignAction, CreateCampaignAction } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoOf, todayIn } from '../../platform/dates.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import * as repo from './repository.ts';
import { ENTITY, lockVisible } from './service.ts';

/** 活动记录: a campaign's action log — dated entries by the people working it, each audited on the campaign. */

/** Adds an entry to a campaign's action log, audited on the campaign (the route's and the demo's). */
export async function insertActionFor(
  tx: Db,
  actor: Actor & { userId: string },
  campaign: { id: string; number: string },
  occurredOn: string,
  content: string,
) {
  const id = uuidv7();
  await repo.insertAction(tx, {
    id,
    tenantId: actor.tenantId,
    campaignId: campaign.id,
    occurredOn,
    userId: actor.userId,
    content,
  });
  await writeAudit(tx, actor, {
    action: 'campaign-action',
    entity: ENTITY,
    entityId: campaign.id,
    summary: `${campaign.number} ${occurredOn} ${content.slice(0, 60)}`,
  });
  return id;
}

function toAction(p: Principal, r: Record<string, unknown>): CampaignAction {
  return {
    id: r.id as string,
    campaignId: r.campaign_id as string,
    occurredOn: r.occurred_on_text as string,
    userId: r.user_id as string,
    userName: (r.user_name as string | null) ?? '',
    content: r.content as string,
    createdAt: isoOf(r.created_at)!,
    canDelete: r.user_id === p.userId && can(p, 'campaigns:edit'),
  };
}

export async function listActions(db: Db, p: Principal, id: string): Promise<CampaignAction[]> {
  if (!(await repo.findVisible(db, p, id))) throw notFound();
  return (await repo.actionsOf(db, p.tenantId, id)).map((r) => toAction(p, r));
}

/** Adds an entry to the action log of a campaign in scope, by the caller; audited on the campaign. */
export async function addAction(
  db: Db,
  c: Caller,
  id: string,
  input: CreateCampaignAction,
): Promise<CampaignAction> {
  const occurredOn = input.occurredOn ?? todayIn(c.timeZone);
  if (occurredOn > todayIn(c.timeZone)) throw invalid('occurredOn', 'must not be in the future');
  const actionId = await db.transaction(async (tx) => {
    const campaign = await lockVisible(tx, c.p, id);
    return insertActionFor(tx, { ...c.actor, userId: c.p.userId }, campaign, occurredOn, input.content);
  });
  const all = await repo.actionsOf(db, c.p.tenantId, id);
  return toAction(c.p, all.find((r) => r.id === actionId)!);
}

/** Only its author removes an entry (403 for others who see the campaign). */
export async function deleteAction(db: Db, c: Caller, id: string, actionId: string) {
  await db.transaction(async (tx) => {
    const campaign = await lockVisible(tx, c.p, id);
    const action = await repo.findAction(tx, c.p.tenantId, id, actionId);
    if (!action) throw notFound();
    if (action.userId !== c.p.userId) throw forbidden();
    await repo.deleteAction(tx, actionId);
    await writeAudit(tx, c.actor, {
      action: 'campaign-action-delete',
      entity: ENTITY,
      entityId: id,
      summary: `${campaign.number} ${action.occurredOn} ${action.content.slice(0, 60)}`,
    });
  });
}
