import type {
  AddMemberParticipation,
  ChangeMemberPoints,
  ListResponse,
  MemberParticipation,
  MemberPointEntry,
  MemberPointsResponse,
} from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoOf, todayIn } from '../../platform/dates.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { campaignExists, campaignTitles } from '../campaigns/published.ts';
import { planForCheckIn, planTitles } from '../marketing-plans/published.ts';
import { credit, debit, expiryOf } from './ledger.ts';
import { MEMBER_ENTITY, upgradeIfReached } from './levels.ts';
import { toEntry } from './mapping.ts';
import * as repo from './repository.ts';
import { memberScope } from './scope.ts';
import { memberOf } from './service.ts';
import { memberSettingsOf } from './settings.ts';

export async function memberLedger(
  db: Db,
  c: Caller,
  id: string,
  q: { page: number; pageSize: number },
): Promise<ListResponse<MemberPointEntry>> {
  const m = await repo.findMember(db, c.p.tenantId, id, memberScope(c.p));
  if (!m) throw notFound();
  return repo.listEntries(db, c.p.tenantId, id, q, toEntry);
}

/** The member locked for a points change: in the caller's write scope, and active. */
async function lockedActive(tx: Db, c: Caller, id: string) {
  const m = await repo.findMember(tx, c.p.tenantId, id, memberScope(c.p, 'write'), true);
  if (!m) throw notFound();
  if (m.status !== 'active') throw new AppError('MEMBER_NOT_ACTIVE');
  return m;
}

/**
 * 积分调整 / 兑换: a positive delta is an `adjust` credit (it expires like an earning and counts
 * to the level), a negative one a `redeem` — past the balance 409 INSUFFICIENT_POINTS at `delta`.
 */
export async function changePoints(
  db: Db,
  c: Caller,
  id: string,
  input: ChangeMemberPoints,
): Promise<MemberPointsResponse> {
  const tenantId = c.p.tenantId;
  const { entry, row } = await db.transaction(async (tx) => {
    const m = await lockedActive(tx, c, id);
    const before = Number(m.points);
    let entry: repo.EntryRow;
    if (input.delta > 0) {
      const { expiryMonths } = await memberSettingsOf(tx, tenantId);
      entry = await credit(tx, tenantId, m, {
        kind: 'adjust',
        points: input.delta,
        reason: input.reason,
        sourceKind: 'manual',
        expiresAt: expiryOf(new Date(), expiryMonths),
        createdBy: c.p.userId,
      });
      await upgradeIfReached(tx, c.actor, m);
    } else {
      entry = await debit(tx, tenantId, m, {
        kind: 'redeem',
        points: -input.delta,
        reason: input.reason,
        sourceKind: 'manual',
        createdBy: c.p.userId,
      });
    }
    await writeAudit(tx, c.actor, {
      action: entry.kind,
      entity: MEMBER_ENTITY,
      entityId: id,
      summary: `${m.number}：${input.reason}`,
      changes: { points: [before, Number(m.points)] },
    });
    return { entry, row: (await repo.findMember(tx, tenantId, id, sql`TRUE`))! };
  });
  return { member: await memberOf(db, c, row), entry: toEntry(entry) };
}

/**
 * 参与活动: the member took part in a campaign or an approved marketing plan — once each
 * (409 MEMBER_ALREADY_PARTICIPATED) — and earns the tenant's activity points for it.
 */
export async function addParticipation(
  db: Db,
  c: Caller,
  id: string,
  input: AddMemberParticipation,
): Promise<MemberParticipation> {
  const tenantId = c.p.tenantId;
  const found =
    input.kind === 'campaign'
      ? await campaignExists(db, tenantId, input.activityId)
      : ['open', 'closed'].includes(await planForCheckIn(db, tenantId, input.activityId));
  if (!found)
    throw invalid('activityId', `no such ${input.kind === 'campaign' ? 'campaign' : 'approved plan'}`);
  const titles = await (input.kind === 'campaign' ? campaignTitles : planTitles)(db, tenantId, [
    input.activityId,
  ]);
  return db.transaction(async (tx) => {
    const m = await lockedActive(tx, c, id);
    const { participationPoints, expiryMonths } = await memberSettingsOf(tx, tenantId);
    const row = {
      id: uuidv7(),
      tenantId,
      memberId: id,
      kind: input.kind,
      activityId: input.activityId,
      participatedAt: input.participatedAt ?? todayIn(c.timeZone),
      points: participationPoints,
      createdBy: c.p.userId,
    };
    if (!(await repo.insertParticipation(tx, row))) throw new AppError('MEMBER_ALREADY_PARTICIPATED');
    if (participationPoints > 0) {
      await credit(tx, tenantId, m, {
        kind: 'earn',
        points: participationPoints,
        reason: input.kind === 'campaign' ? '参与市场活动' : '参与营销计划',
        sourceKind: input.kind,
        sourceId: input.activityId,
        expiresAt: expiryOf(new Date(), expiryMonths),
        createdBy: c.p.userId,
      });
      await upgradeIfReached(tx, c.actor, m);
    }
    await writeAudit(tx, c.actor, {
      action: 'participate',
      entity: MEMBER_ENTITY,
      entityId: id,
      summary: `${m.number} ${input.kind} +${participationPoints}`,
    });
    return {
      id: row.id,
      kind: row.kind,
      activityId: row.activityId,
      activityName: titles.get(row.activityId) ?? null,
      participatedAt: row.participatedAt,
      points: row.points,
      createdAt: isoOf(new Date())!,
    };
  });
}
