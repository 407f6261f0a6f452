import { sql } from 'drizzle-orm';
import { documentLifecycle } from '../../platform/document-lifecycle.ts';
import { reassignDepartment, reassignDocument } from '../receivables/published.ts';
import { ENTITY } from './service.ts';

/**
 * Contracts follow their owner (platform/document-lifecycle.ts): those not yet ended go to whoever
 * takes over the leaver's customers, their plans, payments and invoices with them.
 */
export const contractsLifecycle = documentLifecycle({
  name: 'contracts',
  table: 'contracts',
  entity: ENTITY,
  open: ['draft', 'in-approval', 'active'],
  summary: sql`number || ' ' || title`,
  moved: (tx, tenantId, id, to) => reassignDocument(tx, tenantId, 'contract', id, to),
  departmentChanged: reassignDepartment,
});
