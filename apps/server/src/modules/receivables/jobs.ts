import { defineJob } from '../../platform/jobs.ts';
import { sendOverdueReminders } from './reminders.ts';
import { refreshReceivableRollups } from './rollup-service.ts';

/**
 * Every morning: owners of overdue payment plans are reminded. Every 10 minutes: the monthly
 * rollup 回款分析 reads, its months written since the last run aggregated again.
 */
export const receivableJobs = [
  defineJob<Record<string, never>>(
    'receivables.overdue',
    async (_data, { db, log }) => {
      const sent = await sendOverdueReminders(db);
      if (sent) log.info({ sent }, 'overdue receivable reminders sent');
    },
    { schedule: { cron: '30 8 * * *', timeZone: 'Asia/Shanghai' } },
  ),
  defineJob<Record<string, never>>(
    'receivables.rollup',
    async (_data, { db, log }) => {
      const months = await refreshReceivableRollups(db);
      if (months) log.info({ months }, 'receivable rollup months refreshed');
    },
    { schedule: { cron: '*/10 * * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
