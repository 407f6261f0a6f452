import { defineJob } from '../../platform/jobs.ts';
import { runReminders } from './reminders.ts';

/** Every minute: reminders whose time has come, once per occurrence across replicas. */
export const eventJobs = [
  defineJob<Record<string, never>>(
    'events.remind',
    async (_data, { db, log }) => {
      const { sent } = await runReminders(db);
      if (sent) log.info({ sent }, 'event reminders sent');
    },
    { schedule: { cron: '* * * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
