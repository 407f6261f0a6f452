import { defineModule } from '../../module-manifest.ts';
import { seedDemoTickets } from './demo-seed.ts';
import { ticketRoutes } from './routes.ts';
import { ticketChangeable, ticketsOnTimeline, ticketVisible } from './service.ts';
import { ticketSlaJobs } from './sla-sweep.ts';
import { ticketsLifecycle } from './user-lifecycle.ts';

const desk = ['tickets:view', 'tickets:create', 'tickets:edit'] as const;

/** 服务工单: tickets from creation to archive, assignment rules, SLA due instants, the customer's signed link. */
export const manifest = defineModule({
  name: 'tickets',
  routes: [ticketRoutes],
  permissions: ['tickets'],
  // the service team runs the desk and supervisors assign (分配商机与工单); account managers open and
  // handle their customers' tickets; the role's data scope decides whose
  defaultGrants: {
    executive: ['tickets:view', 'tickets:export'],
    sales_supervisor: [...desk, 'tickets:assign', 'tickets:archive', 'tickets:export'],
    account_manager: desk,
    service: [...desk, 'tickets:assign', 'tickets:archive', 'tickets:export'],
  },
  dictionaryReferences: [
    { type: 'service-type', table: 'tickets', column: 'type_id' },
    { type: 'service-type', table: 'ticket_rules', column: 'type_id' },
    { type: 'region', table: 'ticket_rules', column: 'region_id' },
  ],
  // the SLA sweep (written by the sla module's owner): 80% warnings and breaches, every 5 minutes
  jobs: ticketSlaJobs,
  sealedColumns: [{ table: 'ticket_settings', column: 'link_secret' }],
  // merged with their customer, and on its 360 timeline within the tickets scope
  customerChildren: [
    { table: 'tickets', column: 'customer_id', entity: 'tickets', visibleTo: ticketsOnTimeline },
  ],
  fileEntities: [{ entity: 'tickets', canSee: ticketVisible, canChange: ticketChangeable }],
  // a handler's open tickets follow them to a new department and are handed over when they leave
  userLifecycle: ticketsLifecycle,
  seedDemo: seedDemoTickets,
});
