import { toCents } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import { uuidv7 } from '../../platform/ids.ts';
import * as repo from './repository.ts';
import type { LevelRules } from './schema.ts';
import { memberSettingsOf } from './settings.ts';

export const MEMBER_ENTITY = 'members';

/** The highest level (in dictionary order) whose rule the member meets by lifetime points or spend. */
export function levelReached(
  levels: { id: string; code: string | null }[],
  rules: LevelRules,
  m: { lifetimePoints: number; lifetimeSpend: string },
): number {
  let reached = -1;
  levels.forEach((l, i) => {
    const rule = l.code ? rules[l.code] : undefined;
    if (!rule) return;
    const byPoints = rule.minPoints != null && m.lifetimePoints >= rule.minPoints;
    const bySpend = rule.minSpend != null && toCents(m.lifetimeSpend) >= toCents(rule.minSpend);
    if (byPoints || bySpend) reached = i;
  });
  return reached;
}

export async function recordLevelChange(
  tx: Db,
  actor: Actor,
  m: repo.MemberRow,
  toLevelId: string,
  cause: 'rule' | 'manual',
) {
  await repo.insertLevelChange(tx, {
    id: uuidv7(),
    tenantId: actor.tenantId,
    memberId: m.id,
    fromLevelId: m.level_id,
    toLevelId,
    cause,
    createdBy: actor.userId,
  });
  await writeAudit(tx, actor, {
    action: cause === 'rule' ? 'upgrade' : 'update',
    entity: MEMBER_ENTITY,
    entityId: m.id,
    summary: m.number,
    changes: { levelId: [m.level_id, toLevelId] },
  });
}

/**
 * After an earning (in its transaction, the member locked): upgrade to the highest level reached.
 * Never down — a level set by hand above the rules stays, and no rule takes a level away.
 */
export async function upgradeIfReached(tx: Db, actor: Actor, m: repo.MemberRow): Promise<void> {
  const all = await repo.levels(tx, actor.tenantId);
  const { levelRules } = await memberSettingsOf(tx, actor.tenantId);
  const reached = levelReached(all, levelRules, {
    lifetimePoints: Number(m.lifetime_points),
    lifetimeSpend: m.lifetime_spend,
  });
  const current = all.findIndex((l) => l.id === m.level_id);
  if (reached < 0 || reached <= current) return;
  await repo.setMember(tx, actor.tenantId, m.id, { levelId: all[reached].id });
  await recordLevelChange(tx, actor, m, all[reached].id, 'rule');
  m.level_id = all[reached].id;
}
