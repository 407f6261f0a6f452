import { defineJob } from '../../platform/jobs.ts';
import { refreshOrderLineRollups } from './line-rollup-service.ts';
import { refreshOrderRollups } from './rollup-service.ts';

/**
 * Every 10 minutes: the orders' and their lines' monthly rollups of every tenant, their months
 * written since the last run aggregated again (each rollup keeps its own watermark).
 */
export const orderJobs = [
  defineJob<Record<string, never>>(
    'orders.rollup',
    async (_data, { db, log }) => {
      const months = await refreshOrderRollups(db);
      const lineMonths = await refreshOrderLineRollups(db);
      if (months || lineMonths) log.info({ months, lineMonths }, 'order rollup months refreshed');
    },
    { schedule: { cron: '*/10 * * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
