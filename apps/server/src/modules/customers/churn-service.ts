/**
 * The customer side of churn (the churn module calls these): which customers a warning is raised
 * for, their risk score, and 确认流失 / recovery on the customer. The customers table is this
 * module's, so every statement over it is written here — the churn module composes them into its
 * own set-based statements (one statement per step, whatever the tenant's size).
 */
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import { poolForDepartment } from '../pools/published.ts';
import { moveToPool } from './pool-state-service.ts';
import { customers } from './schema.ts';
import { ENTITY } from './service.ts';

export type RiskWeights = { recency: number; frequency: number; monetary: number };

/**
 * `(customer_id, owner_id, department_id, risk, last_order_at)` of the tenant's owned, live
 * customers not confirmed lost whose last order — or, never ordered, whose ownership (else
 * creation) — is before `cutoff`.
 */
export const churnCandidates = (tenantId: string, cutoff: Date): SQL =>
  sql`SELECT c.id AS customer_id, c.owner_id, c.department_id, coalesce(c.risk_score, 0) AS risk, c.last_order_at
    FROM customers c
    WHERE c.tenant_id = ${tenantId} AND c.state = 'active' AND c.deleted_at IS NULL
      AND c.invalidated_at IS NULL AND c.churned_at IS NULL
      AND coalesce(c.last_order_at, c.owned_since, c.created_at) < ${cutoff.toISOString()}::timestamptz`;

/**
 * `(customer_id, risk, owner_id, department_id)` of the tenant's owned customers: what open churn
 * records take each night (a customer handed over or moved keeps its warning with its new owner).
 */
export const customerChurnFacts = (tenantId: string): SQL =>
  sql`SELECT c.id AS customer_id, coalesce(c.risk_score, 0) AS risk, c.owner_id, c.department_id FROM customers c
    WHERE c.tenant_id = ${tenantId} AND c.state = 'active' AND c.deleted_at IS NULL`;

/** The customer's name, for a list's page rows (`customerId` a column expression). */
export const customerName = (customerId: SQL): SQL =>
  sql`(SELECT c.name FROM customers c WHERE c.id = ${customerId})`;

const DAY = 86_400;

/**
 * 流失风险 0–100 of every active customer of the tenant, in ONE statement. Each part is a risk
 * between 0 and 1, weighed by the tenant's weights (summing to 100):
 * - recency: days since the last order over a year (never ordered: since owned or created),
 *   softened by a quarter for a recent follow-up (days since the last one over 180);
 * - frequency and monetary: 1 − the customer's percentile among the tenant's active customers by
 *   order count / amount over the last 12 months (`orderFacts`, the orders module's subquery) —
 *   relative, so a tenant of small orders is scored against itself.
 * Only changed scores are written. Answers how many changed.
 */
export async function setRiskScores(
  tx: Db,
  tenantId: string,
  weights: RiskWeights,
  now: Date,
  orderFacts: SQL,
): Promise<number> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const days = (col: SQL) => sql`greatest(0, extract(epoch FROM ${at} - ${col}) / ${DAY})`;
  const result = await tx.execute(sql`
    WITH changed AS (UPDATE customers c SET risk_score = s.score
    FROM (
      SELECT x.id, round(
        ${weights.recency} * (0.75 * least(1, ${days(sql`coalesce(x.last_order_at, x.owned_since, x.created_at)`)} / 365.0)
          + 0.25 * least(1, ${days(sql`coalesce(x.last_follow_up_at, x.owned_since, x.created_at)`)} / 180.0))
        + ${weights.frequency} * (1 - percent_rank() OVER (ORDER BY coalesce(f.order_count, 0)))
        + ${weights.monetary} * (1 - percent_rank() OVER (ORDER BY coalesce(f.order_amount, 0)))
      )::smallint AS score
      FROM customers x
      LEFT JOIN (${orderFacts}) f ON f.customer_id = x.id
      WHERE x.tenant_id = ${tenantId} AND x.state = 'active' AND x.deleted_at IS NULL
    ) s
    WHERE c.tenant_id = ${tenantId} AND c.id = s.id AND c.risk_score IS DISTINCT FROM s.score
    RETURNING 1)
    SELECT count(*)::int AS n FROM changed`);
  return Number((result.rows[0] as { n: number }).n);
}

/**
 * 确认流失 (`at`) or its end by a new order (null) on the customer, audited; `version` is not
 * bumped (as for 最近下单: the owner's open edit of the customer must not fail on it). False when
 * nothing changed.
 */
export async function markChurned(
  tx: Db,
  actor: Actor,
  customerId: string,
  at: Date | null,
  summary: string,
) {
  const where = and(eq(customers.tenantId, actor.tenantId), eq(customers.id, customerId));
  const [before] = await tx
    .select({ churnedAt: customers.churnedAt })
    .from(customers)
    .where(where)
    .for('update');
  if (!before || (before.churnedAt === null && at === null)) return false;
  await tx.update(customers).set({ churnedAt: at }).where(where);
  await writeAudit(tx, actor, {
    action: at ? 'churn' : 'recover',
    entity: ENTITY,
    entityId: customerId,
    summary,
    changes: { churnedAt: [before.churnedAt, at] },
  });
  return true;
}

/**
 * A customer confirmed lost goes into the pool covering its department (the tenant's setting):
 * false when it is not active any more or no pool covers it — it then stays with its owner.
 */
export async function moveChurnedToPool(tx: Db, actor: Actor, customerId: string, reason: string) {
  const [row] = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, customerId)))
    .for('update');
  if (row?.state !== 'active' || row.deletedAt) return false;
  const poolId = await poolForDepartment(tx, actor.tenantId, row.departmentId);
  if (!poolId) return false;
  await moveToPool(tx, actor, row, poolId, reason, 'release');
  return true;
}
