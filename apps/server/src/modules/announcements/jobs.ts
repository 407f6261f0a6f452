import { defineJob } from '../../platform/jobs.ts';
import { runDueReminders } from './receipts-service.ts';

/** Every 15 minutes: instructions due within a day, or overdue, remind whoever has not done them (once each). */
export const announcementJobs = [
  defineJob<Record<string, never>>(
    'announcements.due-reminders',
    async (_data, { db, log }) => {
      const { reminded } = await runDueReminders(db);
      if (reminded) log.info({ reminded }, 'instruction reminders sent');
    },
    { schedule: { cron: '*/15 * * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
