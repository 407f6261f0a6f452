/**
 * What a service ticket checks of a contract (服务工单 合同期内): its customer, status and term —
 * the tickets module reads no contract table itself.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

export type ContractForTicket = {
  customerId: string;
  status: 'draft' | 'in-approval' | 'active' | 'expired' | 'terminated';
  /** `YYYY-MM-DD`, inclusive. */
  startDate: string;
  endDate: string;
};

/** A live (not deleted) contract of the tenant, or null. */
export async function contractForTicket(
  db: Db,
  tenantId: string,
  contractId: string,
): Promise<ContractForTicket | null> {
  const result = await db.execute(sql`SELECT c.customer_id, c.status, c.start_date::text AS start_date,
      c.end_date::text AS end_date
    FROM contracts c WHERE c.tenant_id = ${tenantId} AND c.id = ${contractId} AND c.deleted_at IS NULL`);
  const row = result.rows[0] as
    | { customer_id: string; status: ContractForTicket['status']; start_date: string; end_date: string }
    | undefined;
  return row
    ? { customerId: row.customer_id, status: row.status, startDate: row.start_date, endDate: row.end_date }
    : null;
}
