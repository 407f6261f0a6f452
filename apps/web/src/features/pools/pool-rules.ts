import './texts.ts';
import type { Pool } from '@guanxi/contract';
import type { TFunction } from 'i18next';

/** A pool's rules in short phrases (30 天未跟进回收 · 提前 3 天提醒 …); empty rules are left out. */
export function poolRuleSummary(t: TFunction<'pools'>, pool: Pool): string[] {
  const out: string[] = [];
  if (pool.recycleNoFollowUpDays != null)
    out.push(t('rules.noFollowUp', { count: pool.recycleNoFollowUpDays }));
  if (pool.recycleNoDealDays != null) out.push(t('rules.noDeal', { count: pool.recycleNoDealDays }));
  if (pool.remindDaysBefore != null) out.push(t('rules.remind', { count: pool.remindDaysBefore }));
  if (pool.holdLimit != null) out.push(t('rules.hold', { count: pool.holdLimit }));
  if (pool.dailyClaimLimit != null) out.push(t('rules.daily', { count: pool.dailyClaimLimit }));
  if (pool.cooldownDays != null) out.push(t('rules.cooldown', { count: pool.cooldownDays }));
  return out;
}
