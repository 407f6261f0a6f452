import { defineJob } from '../../platform/jobs.ts';
import { runNightly } from './service.ts';

/** Every night: risk scores, then 流失预警 raised and delayed ones whose date came back, per tenant. */
export const churnJobs = [
  defineJob<Record<string, never>>(
    'churn.daily',
    async (_data, { db, log }) => {
      const created = await runNightly(db);
      if (created) log.info({ created }, 'churn warnings raised');
    },
    { schedule: { cron: '30 2 * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
