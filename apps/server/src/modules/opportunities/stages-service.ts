import {
  type CreateOpportunityStage,
  normalizeMoney,
  type OpportunityStage,
  opportunityLimits,
  type UpdateOpportunityStage,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { diff, writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion } from '../../platform/optimistic.ts';
import * as repo from './repository.ts';

/**
 * 销售阶段: a tenant's stages in board order, each with the probability new deals in it get and
 * the days without progress after which a deal there is stalled. Changed by holders of
 * opportunities:assign (the sales supervisors who run the pipeline) and admins.
 */

const ENTITY = 'opportunity-stages';

/** What every tenant starts with (the board's columns; changed under 销售机会 → 阶段设置). */
export const defaultStages: readonly [string, string, number][] = [
  ['初步接洽', '10', 14],
  ['需求确认', '30', 14],
  ['方案报价', '50', 21],
  ['谈判审核', '70', 21],
  ['赢单前', '90', 14],
];

export async function seedStages(tx: Db, tenantId: string) {
  if (await repo.hasStages(tx, tenantId)) return;
  await repo.insertStages(
    tx,
    defaultStages.map(([name, probability, stalledDays], i) => ({
      id: uuidv7(),
      tenantId,
      name,
      position: i + 1,
      probability,
      stalledDays,
    })),
  );
}

const toStage = (r: Record<string, unknown>): OpportunityStage => ({
  id: r.id as string,
  version: Number(r.version),
  createdAt: new Date(r.created_at as string).toISOString(),
  updatedAt: new Date(r.updated_at as string).toISOString(),
  name: r.name as string,
  position: Number(r.position),
  probability: normalizeMoney(String(r.probability_text ?? r.probability)),
  stalledDays: Number(r.stalled_days),
  openCount: Number(r.open_count ?? 0),
});

export async function listStages(db: Db, tenantId: string): Promise<OpportunityStage[]> {
  return (await repo.listStages(db, tenantId)).map(toStage);
}

/** The named live stage (400 on `path` when unknown), or the first. */
export async function stageByIdOrFirst(tx: Db, tenantId: string, id?: string, path = 'stageId') {
  const stages = await repo.stagesOf(tx, tenantId);
  const stage = id ? stages.find((s) => s.id === id) : stages[0];
  if (!stage) throw invalid(path, 'no such stage');
  return stage;
}

const nameTaken = () => new AppError('NAME_TAKEN', [{ path: 'name', message: 'taken' }]);

/** Renumbers the stages 1…n with `moved` at `position` (clamped). */
async function renumber(tx: Db, stages: repo.StageRow[], moved?: { id: string; position: number }) {
  const others = stages.filter((s) => s.id !== moved?.id);
  const ordered = [...others];
  if (moved)
    ordered.splice(Math.min(Math.max(moved.position - 1, 0), others.length), 0, {
      id: moved.id,
    } as repo.StageRow);
  for (const [i, s] of ordered.entries())
    if (s.position !== i + 1 || s.id === moved?.id) await repo.setPosition(tx, s.id, i + 1);
}

const auditable = (s: repo.StageRow) => ({
  name: s.name,
  position: s.position,
  probability: normalizeMoney(String(s.probability)),
  stalledDays: s.stalledDays,
});

export async function createStage(db: Db, c: Caller, input: CreateOpportunityStage) {
  await db.transaction(async (tx) => {
    const stages = await repo.lockStages(tx, c.p.tenantId);
    if (stages.length >= opportunityLimits.stages)
      throw invalid('name', `at most ${opportunityLimits.stages} stages`);
    if (stages.some((s) => s.name === input.name)) throw nameTaken();
    const id = uuidv7();
    await repo.insertStages(tx, [
      {
        id,
        tenantId: c.p.tenantId,
        createdBy: c.p.userId,
        name: input.name,
        position: stages.length + 1,
        probability: input.probability,
        stalledDays: input.stalledDays,
      },
    ]);
    await renumber(tx, stages, { id, position: input.position ?? stages.length + 1 });
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: ENTITY,
      entityId: id,
      summary: input.name,
      changes: diff(null, {
        name: input.name,
        probability: input.probability,
        stalledDays: input.stalledDays,
      }),
    });
  });
  return listStages(db, c.p.tenantId);
}

export async function updateStage(db: Db, c: Caller, id: string, input: UpdateOpportunityStage) {
  await db.transaction(async (tx) => {
    const stages = await repo.lockStages(tx, c.p.tenantId);
    const before = stages.find((s) => s.id === id);
    if (!before) throw notFound();
    checkVersion(before, input.version);
    if (input.name && input.name !== before.name && stages.some((s) => s.name === input.name))
      throw nameTaken();
    const after = await repo.updateStage(tx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.probability !== undefined ? { probability: input.probability } : {}),
      ...(input.stalledDays !== undefined ? { stalledDays: input.stalledDays } : {}),
    });
    if (input.position !== undefined && input.position !== before.position)
      await renumber(tx, stages, { id, position: input.position });
    await writeAudit(tx, c.actor, {
      action: 'update',
      entity: ENTITY,
      entityId: id,
      summary: after.name,
      changes: diff(auditable(before), { ...auditable(after), position: input.position ?? before.position }),
    });
  });
  return listStages(db, c.p.tenantId);
}

/** Deleted while no open opportunity is in it (409 STAGE_IN_USE); the last stage stays. */
export async function deleteStage(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const stages = await repo.lockStages(tx, c.p.tenantId);
    const before = stages.find((s) => s.id === id);
    if (!before) throw notFound();
    checkVersion(before, version);
    if (stages.length === 1) throw new AppError('STAGE_IN_USE');
    if ((await repo.countOpenInStage(tx, c.p.tenantId, id)) > 0) throw new AppError('STAGE_IN_USE');
    await repo.updateStage(tx, id, { deletedAt: new Date() });
    await renumber(
      tx,
      stages.filter((s) => s.id !== id),
    );
    await writeAudit(tx, c.actor, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      summary: before.name,
      changes: diff(auditable(before), null),
    });
  });
}
