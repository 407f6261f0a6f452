import { defineJob } from '../../platform/jobs.ts';
import { EMAIL_JOB, runEmailReminders } from './email-service.ts';

/** 邮件提醒 every 5 minutes (instant ones, and digests at their hour), once across replicas. */
export const notificationJobs = [
  defineJob<Record<string, never>>(
    EMAIL_JOB,
    async (_data, { db, log, serverKey }) => {
      await runEmailReminders(db, serverKey, new Date(), log);
    },
    { schedule: { cron: '*/5 * * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
