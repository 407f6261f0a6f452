import { defineJob } from '../../platform/jobs.ts';
import { refreshOrderRollups } from './rollup-service.ts';

/** Every 10 minutes: the monthly rollup of every tenant, its months written since the last run aggregated again. */
export const orderJobs = [
  defineJob<Record<string, never>>(
    'orders.rollup',
    async (_data, { db, log }) => {
      const months = await refreshOrderRollups(db);
      if (months) log.info({ months }, 'order rollup months refreshed');
    },
    { schedule: { cron: '*/10 * * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
