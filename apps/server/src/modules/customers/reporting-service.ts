/**
 * Customers as the reports count them (统计分析): the active customers of the caller's scope, one
 * row each, with the columns reports group by. The reports module composes its GROUP BY over this
 * subquery — it never reads the customers table itself.
 */
import type { Locale } from '@guanxi/contract';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { regionLevels } from '../dictionaries/reporting-service.ts';
import { liveInScope } from './scope.ts';

/**
 * `at` is the customer's creation: a period counts the customers created in it. The region is
 * also given as its province, city and district (`regionLevels`).
 */
export const customerReportSource = (p: Principal, from: SQL | null, to: SQL | null): SQL =>
  sql`SELECT c.id, c.name, c.number, c.owner_id, c.department_id, c.level_id, c.industry_id, c.source_id,
      c.region_id, rl.province_id, rl.city_id, rl.district_id, c.credit, c.satisfaction, c.created_at AS at
    FROM customers c
    LEFT JOIN (${regionLevels(p.tenantId)}) rl ON rl.id = c.region_id
    WHERE ${liveInScope(p, 'read', 'active')}
      ${from && to ? sql`AND c.created_at >= ${from} AND c.created_at < ${to}` : sql``}`;

/** Customers' names for the groups a report shows (deleted ones too: their orders still count). */
export async function customerNames(
  db: Db,
  tenantId: string,
  ids: string[],
  _locale: Locale,
): Promise<Map<string, string>> {
  // the keys are the groups of a uuid column, so they are ids
  if (!ids.length) return new Map();
  const rows = await db.execute(
    sql`SELECT id::text, name FROM customers WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList(ids)})`,
  );
  return new Map((rows.rows as { id: string; name: string }[]).map((r) => [r.id, r.name]));
}

/**
 * Who answers for each customer (负责人 and department) and what people call it, for a report
 * that counts another module's records per customer (大客户). Not scoped: the counted records
 * carry their own scope; this only names and attributes the customers they point at.
 */
export const customerOwnership = (tenantId: string): SQL =>
  sql`SELECT c.id, c.name, c.number, c.owner_id, c.department_id FROM customers c WHERE c.tenant_id = ${tenantId}`;

/**
 * Where each customer is — `(id, region_id, province_id, city_id, district_id)`, the region as the
 * customer's record has it now — for a report that counts another module's records by their
 * customer's region (销售分析). Not scoped, deleted customers included: the counted records carry
 * their own scope; this only places the customers they point at.
 */
export const customerRegions = (tenantId: string): SQL =>
  sql`SELECT c.id, c.region_id, rl.province_id, rl.city_id, rl.district_id
    FROM customers c LEFT JOIN (${regionLevels(tenantId)}) rl ON rl.id = c.region_id
    WHERE c.tenant_id = ${tenantId}`;
