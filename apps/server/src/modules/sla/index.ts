import { defineModule } from '../../module-manifest.ts';
import { seedDemoSla } from './demo-seed.ts';
import { slaRoutes } from './routes.ts';
import { seedSlaSettings } from './service.ts';

/**
 * 服务时限 (SLA): the tenant's business calendar and the response / resolution targets of tickets.
 * Its permissions are the tickets module's (`tickets:view` reads, `tickets:admin` changes); tickets
 * compute their due instants through `published.ts`, and the tickets' SLA sweep
 * (`modules/tickets/sla-sweep.ts`) measures them with the same business time.
 */
export const manifest = defineModule({
  name: 'sla',
  routes: [slaRoutes],
  // a ticket type with a target of its own is in use
  dictionaryReferences: [{ type: 'service-type', table: 'sla_targets', column: 'type_id' }],
  seedTenant: seedSlaSettings,
  // before the demo tickets (app.ts order), which take their due instants from it
  seedDemo: seedDemoSla,
});
