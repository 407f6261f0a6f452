import { defineJob } from '../../platform/jobs.ts';
import { expireMemberPoints } from './expiry.ts';

/** Shortly after midnight (Asia/Shanghai): what is left of expired earnings goes with an `expire` entry. */
export const memberJobs = [
  defineJob<Record<string, never>>(
    'members.expire-points',
    async (_data, { db, log }) => {
      const members = await expireMemberPoints(db);
      if (members) log.info({ members }, 'member points expired');
    },
    { schedule: { cron: '20 0 * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
