import { defineJob } from '../../platform/jobs.ts';
import { refreshCustomerRollups } from './rollup-service.ts';

/** Every 10 minutes: the monthly rollup of every tenant, its months written since the last run aggregated again. */
export const customerJobs = [
  defineJob<Record<string, never>>(
    'customers.rollup',
    async (_data, { db, log }) => {
      const months = await refreshCustomerRollups(db);
      if (months) log.info({ months }, 'customer rollup months refreshed');
    },
    { schedule: { cron: '*/10 * * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
