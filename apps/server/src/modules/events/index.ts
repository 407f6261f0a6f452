import { defineModule } from '../../module-manifest.ts';
import { seedDemoEvents } from './demo-seed.ts';
import { eventJobs } from './jobs.ts';
import { eventRoutes } from './routes.ts';
import { eventsOnTimeline } from './service.ts';
import { eventsLifecycle } from './user-lifecycle.ts';

const ownEvents = ['events:view', 'events:create', 'events:edit', 'events:delete'] as const;

/** 日程: meetings, visit and call plans (联系客户计划), to-dos; reminders into notifications. */
export const manifest = defineModule({
  name: 'events',
  routes: [eventRoutes],
  permissions: ['events'],
  // everyone who sells or serves keeps their own calendar (an event is seen by its owner and participants)
  defaultGrants: {
    executive: ownEvents,
    sales_supervisor: ownEvents,
    account_manager: ownEvents,
    marketing: ownEvents,
    service: ownEvents,
  },
  jobs: eventJobs,
  // a leaving user's open events go to whoever takes over their customers
  userLifecycle: eventsLifecycle,
  // merged with their customer
  customerChildren: [
    { table: 'events', column: 'customer_id', entity: 'events', visibleTo: eventsOnTimeline },
  ],
  seedDemo: seedDemoEvents,
});
