/**
 * The customers module's published interface: what other modules' SQL may say about customers
 * without knowing their table. Stands alone (imports no other module).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal.ts';

/** Ids of the customers the caller owns now (a subquery, by customers_owner_idx). */
export const customersOwnedBy = (p: Principal): SQL =>
  sql`SELECT oc.id FROM customers oc
    WHERE oc.tenant_id = ${p.tenantId} AND oc.owner_id = ${p.userId} AND oc.deleted_at IS NULL`;
