import { defineJob } from '../../platform/jobs.ts';
import { expireCards } from './expiry.ts';

/** Shortly after midnight (Asia/Shanghai): cards past their date end with an `expire` entry. */
export const cardJobs = [
  defineJob<Record<string, never>>(
    'cards.expire',
    async (_data, { db, log }) => {
      const expired = await expireCards(db);
      if (expired) log.info({ expired }, 'cards expired');
    },
    { schedule: { cron: '10 0 * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
