import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { uuidList } from '../../platform/sql-lists.ts';

/** Payments per owner and department (targets' attainment). */
export type SalesFact = { userId: string; departmentId: string; amount: string; count: number };

/**
 * Payments that count (approved or needing no approval) per owner and department of their
 * contract or order, by paid date in [from, to) — the dates of the instants in the tenant's time
 * zone (a payment's date is a calendar day). Targets read it; stands alone (imports no module).
 */
export async function salesFacts(db: Db, tenantId: string, from: Date, to: Date): Promise<SalesFact[]> {
  const result = await db.execute(
    sql`WITH z AS (SELECT coalesce((SELECT t.timezone FROM tenants t WHERE t.id = ${tenantId}), 'Asia/Shanghai') AS tz)
      SELECT p.owner_id AS user_id, p.department_id, sum(p.amount)::text AS amount, count(*)::int AS count
      FROM payments p, z
      WHERE p.tenant_id = ${tenantId} AND p.status = 'counted'
        AND p.paid_at >= (${from.toISOString()}::timestamptz AT TIME ZONE z.tz)::date
        AND p.paid_at < (${to.toISOString()}::timestamptz AT TIME ZONE z.tz)::date
      GROUP BY p.owner_id, p.department_id`,
  );
  return (result.rows as { user_id: string; department_id: string; amount: string; count: number }[]).map(
    (r) => ({ userId: r.user_id, departmentId: r.department_id, amount: money(r.amount), count: r.count }),
  );
}

/** `"1200.5"` → `"1200.50"` (numeric text to money text). */
function money(text: string): string {
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** A document's receivable sums: plans, counted payments applied and prepaid, invoices not rejected. */
export type ReceivableSums = { planned: string; received: string; prepaid: string; invoiced: string };

/**
 * The sums of contracts or orders by id (absent ids had nothing recorded): what the contracts list
 * and a contract's answer show. Summed in SQL numeric.
 */
export async function receivableSums(
  db: Db,
  tenantId: string,
  kind: 'contract' | 'order',
  ids: readonly string[],
): Promise<Map<string, ReceivableSums>> {
  const out = new Map<string, ReceivableSums>();
  if (!ids.length) return out;
  const column = kind === 'contract' ? sql.raw('contract_id') : sql.raw('order_id');
  const list = uuidList([...new Set(ids)]);
  const result = await db.execute(
    sql`SELECT d.id,
        (SELECT coalesce(sum(x.amount), 0)::text FROM payment_plans x
          WHERE x.tenant_id = ${tenantId} AND x.${column} = d.id AND x.deleted_at IS NULL) AS planned,
        (SELECT coalesce(sum(x.applied), 0)::text FROM payments x
          WHERE x.tenant_id = ${tenantId} AND x.${column} = d.id AND x.status = 'counted') AS received,
        (SELECT coalesce(sum(x.prepaid), 0)::text FROM payments x
          WHERE x.tenant_id = ${tenantId} AND x.${column} = d.id AND x.status = 'counted') AS prepaid,
        (SELECT coalesce(sum(x.amount), 0)::text FROM invoices x
          WHERE x.tenant_id = ${tenantId} AND x.${column} = d.id AND x.status <> 'rejected') AS invoiced
      FROM unnest(${list}) AS d(id)`,
  );
  for (const r of result.rows as ({ id: string } & ReceivableSums)[])
    out.set(r.id, {
      planned: money(r.planned),
      received: money(r.received),
      prepaid: money(r.prepaid),
      invoiced: money(r.invoiced),
    });
  return out;
}

/**
 * A contract changed owner or customer: its plans, payments and invoices follow (they carry the
 * document's owner, department and customer for the receivables and invoices scopes).
 */
export async function reassignDocument(
  tx: Db,
  tenantId: string,
  kind: 'contract' | 'order',
  documentId: string,
  to: { ownerId: string; departmentId: string; customerId: string },
) {
  const column = kind === 'contract' ? sql.raw('contract_id') : sql.raw('order_id');
  for (const table of ['payment_plans', 'payments', 'invoices'])
    await tx.execute(
      sql`UPDATE ${sql.raw(table)} SET owner_id = ${to.ownerId}, department_id = ${to.departmentId},
          customer_id = ${to.customerId}, updated_at = now()
        WHERE tenant_id = ${tenantId} AND ${column} = ${documentId}`,
    );
}

/** A user moved to another department: the plans, payments and invoices they own follow (the department scopes). */
export async function reassignDepartment(tx: Db, tenantId: string, ownerId: string, departmentId: string) {
  for (const table of ['payment_plans', 'payments', 'invoices'])
    await tx.execute(
      sql`UPDATE ${sql.raw(table)} SET department_id = ${departmentId}, updated_at = now()
        WHERE tenant_id = ${tenantId} AND owner_id = ${ownerId} AND department_id <> ${departmentId}`,
    );
}
