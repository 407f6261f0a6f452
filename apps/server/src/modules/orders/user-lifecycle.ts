import { sql } from 'drizzle-orm';
import { documentLifecycle } from '../../platform/document-lifecycle.ts';
import { reassignDepartment, reassignDocument } from '../receivables/published.ts';
import { ENTITY } from './service.ts';

/**
 * Orders follow their owner (platform/document-lifecycle.ts): those not yet completed or cancelled
 * go to whoever takes over the leaver's customers, with the plans, payments and invoices recorded
 * on the order itself.
 */
export const ordersLifecycle = documentLifecycle({
  name: 'orders',
  table: 'orders',
  entity: ENTITY,
  open: ['new', 'confirmed', 'paid', 'delivered'],
  summary: sql`number`,
  moved: (tx, tenantId, id, to) => reassignDocument(tx, tenantId, 'order', id, to),
  departmentChanged: reassignDepartment,
});
