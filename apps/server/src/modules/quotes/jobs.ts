import { defineJob } from '../../platform/jobs.ts';
import { allTenants } from '../organization/tenants-service.ts';
import { expireQuotes } from './service.ts';

/** Every night: sent quotes past their validity become expired (each tenant's date). */
export const quoteJobs = [
  defineJob<Record<string, never>>(
    'quotes.expire',
    async (_data, { db, log }) => {
      const expired = await expireQuotes(db, await allTenants(db));
      if (expired) log.info({ expired }, 'quotes expired');
    },
    { schedule: { cron: '5 0 * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
