import {
  type CreatePlanItem,
  type OpportunityPlanItem,
  opportunityLimits,
  type UpdatePlanItem,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { diff, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion } from '../../platform/optimistic.ts';
import { iso, isoOrNull, str } from './answers.ts';
import * as repo from './repository.ts';
import { lockOpen } from './service.ts';

// 客户开发计划: an opportunity's dated items of what to do, changed while it is open.

function toPlanItem(r: Record<string, unknown>): OpportunityPlanItem {
  return {
    id: r.id as string,
    version: Number(r.version),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    opportunityId: r.opportunity_id as string,
    dueDate: String(r.due),
    content: r.content as string,
    result: str(r.result),
    doneAt: isoOrNull(r.done_at),
    doneBy: str(r.done_by),
    doneByName: str(r.done_by_name),
    createdBy: str(r.created_by),
    createdByName: str(r.created_by_name),
  };
}

export async function listPlan(db: Db, p: Principal, id: string): Promise<OpportunityPlanItem[]> {
  if (!(await repo.findVisible(db, p, id))) throw notFound();
  return (await repo.planItemsOf(db, p.tenantId, id)).map(toPlanItem);
}

const PLAN_ENTITY = 'opportunity-plan-items';

/** A dated item of what to do, while the opportunity is open. */
export async function addPlanItem(db: Db, c: Caller, id: string, input: CreatePlanItem) {
  await db.transaction(async (tx) => {
    await lockOpen(tx, c.p, id);
    if ((await repo.planItemCount(tx, c.p.tenantId, id)) >= opportunityLimits.planItems)
      throw invalid('content', `at most ${opportunityLimits.planItems} items`);
    const row = await repo.insertPlanItem(tx, {
      id: uuidv7(),
      tenantId: c.p.tenantId,
      createdBy: c.p.userId,
      opportunityId: id,
      dueDate: input.dueDate,
      content: input.content,
    });
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: PLAN_ENTITY,
      entityId: row.id,
      summary: input.content.slice(0, 100),
      changes: diff(null, { opportunityId: id, dueDate: row.dueDate, content: row.content }),
    });
  });
  return listPlan(db, c.p, id);
}

/** Change an item or record its 执行结果 (a result marks it done by the caller; null reopens it). */
export async function updatePlanItem(db: Db, c: Caller, id: string, itemId: string, input: UpdatePlanItem) {
  await db.transaction(async (tx) => {
    await lockOpen(tx, c.p, id);
    const before = await repo.lockPlanItem(tx, c.p.tenantId, id, itemId);
    if (!before) throw notFound();
    checkVersion(before, input.version);
    const values: Parameters<typeof repo.updatePlanItem>[2] = {};
    if (input.dueDate !== undefined) values.dueDate = input.dueDate;
    if (input.content !== undefined) values.content = input.content;
    if (input.result !== undefined) {
      values.result = input.result;
      values.doneAt = input.result ? new Date() : null;
      values.doneBy = input.result ? c.p.userId : null;
    }
    const after = await repo.updatePlanItem(tx, itemId, values);
    const pick = (r: repo.PlanItemRow) => ({ dueDate: r.dueDate, content: r.content, result: r.result });
    await writeAudit(tx, c.actor, {
      action: input.result !== undefined && input.result !== before.result ? 'record-result' : 'update',
      entity: PLAN_ENTITY,
      entityId: itemId,
      summary: after.content.slice(0, 100),
      changes: diff(pick(before), pick(after)),
    });
  });
  return listPlan(db, c.p, id);
}

export async function deletePlanItem(db: Db, c: Caller, id: string, itemId: string, version: number) {
  await db.transaction(async (tx) => {
    await lockOpen(tx, c.p, id);
    const before = await repo.lockPlanItem(tx, c.p.tenantId, id, itemId);
    if (!before) throw notFound();
    checkVersion(before, version);
    await repo.updatePlanItem(tx, itemId, { deletedAt: new Date() });
    await writeAudit(tx, c.actor, {
      action: 'delete',
      entity: PLAN_ENTITY,
      entityId: itemId,
      summary: before.content.slice(0, 100),
    });
  });
  return listPlan(db, c.p, id);
}
