import type { MemberSettings } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/audit.ts';
import { writeAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { LevelRules } from './schema.ts';

/** Thresholds of the seeded levels by code; a level without a rule is only ever set by hand. */
const defaultLevelRules: LevelRules = {
  standard: { minPoints: 0, minSpend: null },
  silver: { minPoints: 1_000, minSpend: '10000.00' },
  gold: { minPoints: 5_000, minSpend: '50000.00' },
  diamond: { minPoints: 20_000, minSpend: '200000.00' },
};

/** A tenant without a settings row: 1 point per ¥1, earnings expire after 24 months, 10 points an activity. */
export const defaultMemberSettings: MemberSettings = {
  pointsPerYuan: '1.00',
  expiryMonths: 24,
  participationPoints: 10,
  levelRules: defaultLevelRules,
};

export async function memberSettingsOf(
  db: Db,
  tenantId: string,
): Promise<MemberSettings & { version: number }> {
  const r = await db.execute(
    sql`SELECT points_per_yuan::text AS points_per_yuan, expiry_months, participation_points, level_rules, version
      FROM member_settings WHERE tenant_id = ${tenantId}`,
  );
  const row = r.rows[0] as
    | {
        points_per_yuan: string;
        expiry_months: number;
        participation_points: number;
        level_rules: LevelRules | string;
        version: number;
      }
    | undefined;
  if (!row) return { ...defaultMemberSettings, version: 0 };
  return {
    pointsPerYuan: row.points_per_yuan,
    expiryMonths: row.expiry_months,
    participationPoints: row.participation_points,
    levelRules: typeof row.level_rules === 'string' ? JSON.parse(row.level_rules) : row.level_rules,
    version: row.version,
  };
}

/** Saves the settings whole; `version` 0 is the first save (a second first save is 409). */
export async function saveMemberSettings(db: Db, actor: Actor, input: MemberSettings & { version: number }) {
  return db.transaction(async (tx) => {
    const before = await memberSettingsOf(tx, actor.tenantId);
    const values = sql`${input.pointsPerYuan}::numeric, ${input.expiryMonths}, ${input.participationPoints},
      ${JSON.stringify(input.levelRules)}::jsonb`;
    const r = await tx.execute(
      input.version === 0
        ? sql`INSERT INTO member_settings (tenant_id, points_per_yuan, expiry_months, participation_points, level_rules)
            VALUES (${actor.tenantId}, ${values}) ON CONFLICT (tenant_id) DO NOTHING RETURNING 1`
        : sql`UPDATE member_settings SET (points_per_yuan, expiry_months, participation_points, level_rules) =
            (${values}), version = version + 1, updated_at = now()
            WHERE tenant_id = ${actor.tenantId} AND version = ${input.version} RETURNING 1`,
    );
    if (!r.rows.length) throw new AppError('CONFLICT');
    const { version: _v, ...old } = before;
    const { version: _n, ...now } = input;
    await writeAudit(tx, actor, {
      action: 'update',
      entity: 'member-settings',
      summary: '会员设置',
      changes: { settings: [old, now] },
    });
    return memberSettingsOf(tx, actor.tenantId);
  });
}
