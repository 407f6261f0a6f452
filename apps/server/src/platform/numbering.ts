import type { NumberedEntity, NumberingRuleSettings } from '@guanxi/contract';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { numberingRules } from '../db/schema/platform.ts';

export type NumberingRule = NumberingRuleSettings;

/**
 * Defaults per entity (every entity of the contract's `numberedEntities` has one); a tenant's
 * own rule (numbering_rules) overrides them.
 */
export const defaultRules: Record<NumberedEntity, NumberingRule> = {
  customer: { prefix: 'KH', datePattern: 'YYYYMMDD', sequenceWidth: 4, resetPeriod: 'daily', separator: '-' },
  plan: { prefix: 'JH', datePattern: 'YYYYMMDD', sequenceWidth: 4, resetPeriod: 'daily', separator: '-' },
  campaign: { prefix: 'HD', datePattern: 'YYYYMMDD', sequenceWidth: 4, resetPeriod: 'daily', separator: '-' },
  quote: { prefix: 'BJ', datePattern: 'YYYYMMDD', sequenceWidth: 4, resetPeriod: 'daily', separator: '-' },
  order: { prefix: 'DD', datePattern: 'YYYYMMDD', sequenceWidth: 4, resetPeriod: 'daily', separator: '-' },
  contract: { prefix: 'HT', datePattern: 'YYYYMMDD', sequenceWidth: 4, resetPeriod: 'daily', separator: '-' },
  ticket: { prefix: 'GD', datePattern: 'YYYYMMDD', sequenceWidth: 4, resetPeriod: 'daily', separator: '-' },
  member: { prefix: 'HY', datePattern: 'YYYYMMDD', sequenceWidth: 4, resetPeriod: 'daily', separator: '-' },
};

/** The rule's own fields of a numbering_rules row (or a default). */
export const ruleOf = (r: NumberingRule): NumberingRule => ({
  prefix: r.prefix,
  datePattern: r.datePattern,
  sequenceWidth: r.sequenceWidth,
  resetPeriod: r.resetPeriod,
  separator: r.separator,
});

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
  return numberFormat(rule, now, timeZone)(seq);
}

/**
 * `formatNumber` for many sequences of the same moment: the date part is worked out once
 * (building the time-zone formatter costs more than everything else of a number).
 */
function numberFormat(rule: NumberingRule, now: Date, timeZone: string): (seq: number) => string {
  const { y, m, d } = dateParts(now, timeZone);
  const date = { '': '', YYYY: y, YYYYMM: `${y}${m}`, YYYYMMDD: `${y}${m}${d}` }[rule.datePattern];
  const stem = date ? `${rule.prefix}${date}${rule.separator}` : rule.prefix;
  return (seq) => stem + String(seq).padStart(rule.sequenceWidth, '0');
}

export function periodKey(rule: Pick<NumberingRule, 'resetPeriod'>, now: Date, timeZone: string): string {
  const { y, m, d } = dateParts(now, timeZone);
  return { daily: `${y}${m}${d}`, monthly: `${y}${m}`, yearly: y, never: '-' }[rule.resetPeriod];
}

/** Keys of the counters whose period contains `now`: never, this year, this month, today. */
function currentPeriodKeys(now: Date, timeZone: string): string[] {
  return (['never', 'yearly', 'monthly', 'daily'] as const).map((resetPeriod) =>
    periodKey({ resetPeriod }, now, timeZone),
  );
}

// Two-int advisory locks, first int = this space (the migrator's one-bigint lock is apart).
const LOCK_SPACE = 7_346_113;

/**
 * Allocations of an entity hold this lock shared (from reading the rule to taking the number);
 * a rule change holds it exclusively, so it never interleaves with an allocation still using the
 * old rule. Released at the end of the transaction.
 */
async function lockEntity(tx: Db, tenantId: string, entity: string, mode: 'shared' | 'exclusive') {
  const fn = mode === 'shared' ? sql`pg_advisory_xact_lock_shared` : sql`pg_advisory_xact_lock`;
  await tx.execute(sql`SELECT ${fn}(${LOCK_SPACE}::int, hashtext(${`${tenantId}:${entity}`}::text))`);
}

/**
 * Call in the transaction that stores a changed rule, before `nextNumber` can see it. Numbers
 * already given out in the current period may share the new rule's text up to the sequence
 * (e.g. reset daily → monthly, same date part) while they came from another period's counter;
 * so the new rule's counter for the current period starts above every counter of a period that
 * contains `now`. The price is a gap in the current period; later periods start at 1 as usual.
 */
export async function prepareRuleChange(
  tx: Db,
  tenantId: string,
  entity: string,
  rule: Pick<NumberingRule, 'resetPeriod'>,
  timeZone: string,
  now = new Date(),
): Promise<void> {
  await lockEntity(tx, tenantId, entity, 'exclusive');
  const current = currentPeriodKeys(now, timeZone);
  await tx.execute(sql`
    INSERT INTO numbering_counters (tenant_id, entity, period_key, value)
    SELECT ${tenantId}::uuid, ${entity}::text, ${periodKey(rule, now, timeZone)}::text, max(value)
      FROM numbering_counters
      WHERE tenant_id = ${tenantId} AND entity = ${entity}
        AND period_key IN (${sql.join(
          current.map((k) => sql`${k}`),
          sql`, `,
        )})
      HAVING max(value) IS NOT NULL
    ON CONFLICT (tenant_id, entity, period_key)
      DO UPDATE SET value = greatest(numbering_counters.value, EXCLUDED.value)`);
}

export async function ruleFor(tx: Db, tenantId: string, entity: string): Promise<NumberingRule> {
  const [own] = await tx
    .select()
    .from(numberingRules)
    .where(and(eq(numberingRules.tenantId, tenantId), eq(numberingRules.entity, entity)));
  const fallback = (defaultRules as Record<string, NumberingRule | undefined>)[entity];
  if (!own && !fallback) throw new Error(`No numbering rule for ${entity}`);
  return own ? ruleOf(own as NumberingRule) : fallback!;
}

/**
 * Allocates the next number of `entity` for a tenant. Run it inside the transaction that
 * stores the record: the counter row's lock serialises concurrent callers, so numbers are
 * unique; a rolled-back transaction gives its number back (gaps are tolerated, not required).
 * Rule changes wait for allocations in flight (see `prepareRuleChange`).
 */
export async function nextNumber(
  tx: Db,
  tenantId: string,
  entity: string,
  timeZone: string,
  now = new Date(),
): Promise<string> {
  return (await nextNumbers(tx, tenantId, entity, timeZone, 1, now))[0];
}

/** `count` consecutive numbers in one counter update (imports number thousands of rows). */
export async function nextNumbers(
  tx: Db,
  tenantId: string,
  entity: string,
  timeZone: string,
  count: number,
  now = new Date(),
): Promise<string[]> {
  if (count <= 0) return [];
  await lockEntity(tx, tenantId, entity, 'shared');
  const rule = await ruleFor(tx, tenantId, entity);
  const key = periodKey(rule, now, timeZone);
  const result = await tx.execute(sql`
    INSERT INTO numbering_counters (tenant_id, entity, period_key, value) VALUES (${tenantId}, ${entity}, ${key}, ${count})
    ON CONFLICT (tenant_id, entity, period_key) DO UPDATE SET value = numbering_counters.value + ${count}
    RETURNING value`);
  const last = Number((result.rows[0] as { value: number }).value);
  const format = numberFormat(rule, now, timeZone);
  return Array.from({ length: count }, (_, i) => format(last - count + 1 + i));
}
