import { defineJob } from '../../platform/jobs.ts';
import { runContractReminders } from './reminders.ts';

/** Every morning: expiries and 到期提醒 of contracts. */
export const contractJobs = [
  defineJob<Record<string, never>>(
    'contracts.expiry',
    async (_data, { db, log }) => {
      const done = await runContractReminders(db);
      if (done.reminded || done.expired) log.info(done, 'contract expiries and reminders');
    },
    { schedule: { cron: '0 7 * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
