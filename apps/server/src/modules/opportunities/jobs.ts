import { defineJob } from '../../platform/jobs.ts';
import { notifyStalled } from './stalled-service.ts';

/** Every morning: owners hear of their stalled deals (停滞预警). */
export const opportunityJobs = [
  defineJob<Record<string, never>>(
    'opportunities.stalled',
    async (_data, { db, log }) => {
      const sent = await notifyStalled(db);
      if (sent) log.info({ sent }, 'stalled-deal warnings sent');
    },
    { schedule: { cron: '30 8 * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
