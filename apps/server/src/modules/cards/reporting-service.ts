/**
 * Cards as the reports count them (发卡与销售, 激活, 消费, 余额负债, 即将过期): subqueries within the
 * caller's cards scope, one row per card or per ledger entry. The reports module groups over them —
 * it never reads the cards tables itself.
 */
import type { Locale } from '@guanxi/contract';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { cardScope } from './scope.ts';

const monthOf = (p: Principal, at: SQL) =>
  sql`to_char(${at} AT TIME ZONE ${p.profile.tenant.timezone}, 'YYYY-MM')`;
const inPeriod = (at: SQL, from: SQL | null, to: SQL | null) =>
  from && to ? sql`AND ${at} >= ${from} AND ${at} < ${to}` : sql``;

/**
 * The cards issued (made) in the period, by `at` = the card's creation: face value as issued (its
 * `issue` entry), channel, batch, and whether it has been activated since (at any time up to now:
 * the activation rate is of the cards issued in the period, a cohort).
 */
export const cardIssueSource = (p: Principal, from: SQL | null, to: SQL | null): SQL =>
  sql`SELECT c.id, c.number, c.batch_id, c.channel, c.status, c.department_id, c.owner_id,
      b.face_value, c.created_at AS at, ${monthOf(p, sql`c.created_at`)} AS month,
      EXISTS (SELECT 1 FROM card_entries a WHERE a.tenant_id = c.tenant_id AND a.card_id = c.id
        AND a.kind = 'activate') AS activated
    FROM cards c JOIN card_batches b ON b.tenant_id = c.tenant_id AND b.id = c.batch_id
    WHERE c.tenant_id = ${p.tenantId} AND ${cardScope(p)} ${inPeriod(sql`c.created_at`, from, to)}`;

/**
 * Payments by card (`consume`) and their refunds made in the period, one row per entry, by the
 * entry's time: `consumed` is what a payment took, `refunded` what a refund gave back; a refund
 * counts at the store of the payment it returns (a refund names no store of its own).
 */
export const cardConsumptionSource = (p: Principal, from: SQL | null, to: SQL | null): SQL =>
  sql`SELECT e.id, c.number, c.batch_id, c.channel, c.department_id,
      coalesce(e.store_department_id, paid.store_department_id) AS store_department_id,
      e.kind, CASE WHEN e.kind = 'consume' THEN -e.amount ELSE 0 END AS consumed,
      CASE WHEN e.kind = 'refund' THEN e.amount ELSE 0 END AS refunded,
      e.created_at AS at, ${monthOf(p, sql`e.created_at`)} AS month
    FROM card_entries e
      JOIN cards c ON c.tenant_id = e.tenant_id AND c.id = e.card_id
      LEFT JOIN card_entries paid ON paid.tenant_id = e.tenant_id AND paid.id = e.refund_of
    WHERE e.tenant_id = ${p.tenantId} AND e.kind IN ('consume', 'refund') AND ${cardScope(p)}
      ${inPeriod(sql`e.created_at`, from, to)}`;

/**
 * The cards holding value now (not scrapped or expired, balance above 0): what the tenant still
 * owes its card holders. `days_left` counts from the tenant's today to the card's last day (below 0:
 * past it, until the daily expiry ends the card); `expiry_month` is the month of that day.
 */
export const cardHoldingSource = (p: Principal): SQL =>
  sql`SELECT c.id, c.number, c.batch_id, c.channel, c.status, c.department_id, c.balance, c.expires_at,
      to_char(c.expires_at, 'YYYY-MM') AS expiry_month,
      c.expires_at - (now() AT TIME ZONE ${p.profile.tenant.timezone})::date AS days_left
    FROM cards c
    WHERE c.tenant_id = ${p.tenantId} AND c.status IN ('issued', 'active', 'frozen') AND c.balance > 0
      AND ${cardScope(p)}`;

/** Batches' names for the groups shown (names are not translated). */
export async function batchNames(
  db: Db,
  tenantId: string,
  ids: string[],
  _locale: Locale,
): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.execute(
    sql`SELECT id::text, name FROM card_batches WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList(ids)})`,
  );
  return new Map((rows.rows as { id: string; name: string }[]).map((r) => [r.id, r.name]));
}
