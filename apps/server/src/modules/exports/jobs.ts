import type { Locale } from '@guanxi/contract';
import { defineJob } from '../../platform/jobs.ts';
import { EXPORT_JOB, purgeOldExports, runExport } from './service.ts';

export const exportJobs = [
  defineJob<{ exportId: string; locale: Locale }>(EXPORT_JOB, async ({ exportId, locale }, { db }) => {
    await runExport(db, exportId, locale);
  }),
  defineJob('exports.purge', async (_data, { db }) => purgeOldExports(db), {
    cron: '30 3 * * *',
    timeZone: 'Asia/Shanghai',
  }),
];
