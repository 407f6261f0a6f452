import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { numberingRules } from '../db/schema/index.ts';

export type NumberingRule = {
  prefix: string;
  datePattern: '' | 'YYYY' | 'YYYYMM' | 'YYYYMMDD';
  sequenceWidth: number;
  resetPeriod: 'daily' | 'monthly' | 'yearly' | 'never';
  separator: string;
};

/** Defaults per entity; a tenant's own rule (numbering_rules) overrides them. */
export const defaultRules: Record<string, NumberingRule> = {
  customer: { prefix: 'KH', datePattern: 'YYYYMMDD', sequenceWidth: 4, resetPeriod: 'daily', separator: '-' },
  plan: { prefix: 'JH', datePattern: 'YYYYMMDD', sequenceWidth: 4, resetPeriod: 'daily', separator: '-' },
};

/** Date parts in the tenant's time zone. */
function dateParts(now: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, p) => {
      acc[p.type] = p.value;
      return acc;
    }, {});
  return { y: parts.year, m: parts.month, d: parts.day };
}

export function formatNumber(rule: NumberingRule, seq: number, now: Date, timeZone: string): string {
  const { y, m, d } = dateParts(now, timeZone);
  const date = { '': '', YYYY: y, YYYYMM: `${y}${m}`, YYYYMMDD: `${y}${m}${d}` }[rule.datePattern];
  const sequence = String(seq).padStart(rule.sequenceWidth, '0');
  return date ? `${rule.prefix}${date}${rule.separator}${sequence}` : `${rule.prefix}${sequence}`;
}

export function periodKey(rule: NumberingRule, now: Date, timeZone: string): string {
  const { y, m, d } = dateParts(now, timeZone);
  return { daily: `${y}${m}${d}`, monthly: `${y}${m}`, yearly: y, never: '-' }[rule.resetPeriod];
}

export async function ruleFor(tx: Db, tenantId: string, entity: string): Promise<NumberingRule> {
  const [own] = await tx
    .select()
    .from(numberingRules)
    .where(and(eq(numberingRules.tenantId, tenantId), eq(numberingRules.entity, entity)));
  const fallback = defaultRules[entity];
  if (!own && !fallback) throw new Error(`No numbering rule for ${entity}`);
  return own ? (own as unknown as NumberingRule) : fallback;
}

/**
 * Allocates the next number of `entity` for a tenant. Run it inside the transaction that
 * stores the record: the counter row's lock serialises concurrent callers, so numbers are
 * unique; a rolled-back transaction gives its number back (gaps are tolerated, not required).
 */
export async function nextNumber(
  tx: Db,
  tenantId: string,
  entity: string,
  timeZone: string,
  now = new Date(),
): Promise<string> {
  const rule = await ruleFor(tx, tenantId, entity);
  const key = periodKey(rule, now, timeZone);
  const result = await tx.execute(sql`
    INSERT INTO numbering_counters (tenant_id, entity, period_key, value) VALUES (${tenantId}, ${entity}, ${key}, 1)
    ON CONFLICT (tenant_id, entity, period_key) DO UPDATE SET value = numbering_counters.value + 1
    RETURNING value`);
  const seq = Number((result.rows[0] as { value: number }).value);
  return formatNumber(rule, seq, now, timeZone);
}
