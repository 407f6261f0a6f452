import { sql } from 'drizzle-orm';
import { documentLifecycle } from '../../platform/document-lifecycle.ts';
import { ENTITY } from './service.ts';

/** Quotes follow their owner (platform/document-lifecycle.ts): those still in play go to whoever takes over. */
export const quotesLifecycle = documentLifecycle({
  name: 'quotes',
  table: 'quotes',
  entity: ENTITY,
  open: ['draft', 'in-approval', 'approved', 'sent', 'accepted'],
  summary: sql`number`,
});
