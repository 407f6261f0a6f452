import { defineJob } from '../../platform/jobs.ts';
import { sendOverdueReminders } from './reminders.ts';

/** Every morning: owners of overdue payment plans are reminded. */
export const receivableJobs = [
  defineJob<Record<string, never>>(
    'receivables.overdue',
    async (_data, { db, log }) => {
      const sent = await sendOverdueReminders(db);
      if (sent) log.info({ sent }, 'overdue receivable reminders sent');
    },
    { schedule: { cron: '30 8 * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
