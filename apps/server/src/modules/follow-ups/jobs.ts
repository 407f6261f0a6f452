import { defineJob } from '../../platform/jobs.ts';
import { refreshFollowUpRollups } from './rollup-service.ts';

/** Every 10 minutes: the monthly rollup of every tenant, its months written since the last run aggregated again. */
export const followUpJobs = [
  defineJob<Record<string, never>>(
    'follow-ups.rollup',
    async (_data, { db, log }) => {
      const months = await refreshFollowUpRollups(db);
      if (months) log.info({ months }, 'follow-up rollup months refreshed');
    },
    { schedule: { cron: '*/10 * * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
