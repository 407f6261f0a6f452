import { defineModule } from '../../module-manifest.ts';
import { webhookJobs } from './jobs.ts';
import { webhookRoutes } from './routes.ts';

/** Webhooks: record events POSTed, signed, to other systems, driven by the audit log as an outbox. */
export const manifest = defineModule({
  name: 'webhooks',
  routes: [webhookRoutes],
  permissions: ['webhooks'],
  // only the admin role (which holds every permission) manages them by default
  jobs: webhookJobs,
  sealedColumns: [
    { table: 'webhook_subscriptions', column: 'secret' },
    { table: 'webhook_subscriptions', column: 'previous_secret' },
  ],
});
