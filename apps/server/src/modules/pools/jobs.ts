import { defineJob } from '../../platform/jobs.ts';
import { runRecycle } from './recycle.ts';

/** Every night at 02:00 (China time): recycle what is due and remind owners. */
export const poolJobs = [
  defineJob<Record<string, never>>(
    'pools.recycle',
    async (_data, { db, log }) => {
      log.info(await runRecycle(db), 'pool recycle done');
    },
    { schedule: { cron: '0 2 * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
