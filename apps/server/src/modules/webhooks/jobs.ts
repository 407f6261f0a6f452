import { defineJob } from '../../platform/jobs.ts';
import { deliverDue, purgeOld, runOutboxes } from './delivery-service.ts';

export const DELIVER_JOB = 'webhooks.deliver';

/**
 * Every minute: the outbox turns new audit rows into deliveries, then the due ones are posted
 * (first tries and retries alike). A ping or a replay sends `webhooks.deliver` to go at once.
 */
export const webhookJobs = [
  defineJob<Record<string, never>>(
    'webhooks.dispatch',
    async (_data, { db, config, log }) => {
      const made = await runOutboxes(db);
      const tried = await deliverDue(db, config);
      if (made || tried) log.info({ made, tried }, 'webhooks dispatched');
    },
    { schedule: { cron: '* * * * *', timeZone: 'UTC' } },
  ),
  defineJob<Record<string, never>>(DELIVER_JOB, async (_data, { db, config }) => {
    await deliverDue(db, config);
  }),
  // 清理 (daily, at night): old deliveries beyond what the log keeps, and rotated secrets past their day
  defineJob<Record<string, never>>(
    'webhooks.purge',
    async (_data, { db, log }) => {
      const purged = await purgeOld(db);
      if (purged.deliveries || purged.secrets) log.info(purged, 'webhooks purged');
    },
    { schedule: { cron: '40 3 * * *', timeZone: 'UTC' } },
  ),
];
