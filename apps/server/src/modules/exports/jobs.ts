import type { Locale } from '@guanxi/contract';
import { defineJob } from '../../platform/jobs.ts';
import { EXPORT_JOB, EXPORT_WORKERS, purgeOldExports, runExport } from './service.ts';

export const exportJobs = [
  defineJob<{ exportId: string; locale: Locale }>(
    EXPORT_JOB,
    async ({ exportId, locale }, { db, readDb }) => runExport(db, readDb, exportId, locale),
    // two files written at a time per process: the rest wait their turn (their progress says so)
    { workers: EXPORT_WORKERS },
  ),
  defineJob('exports.purge', async (_data, { db }) => purgeOldExports(db), {
    schedule: { cron: '30 3 * * *', timeZone: 'Asia/Shanghai' },
  }),
];
