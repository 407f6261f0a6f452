import { defineJob } from '../../platform/jobs.ts';
import { runSchedule, SCHEDULE_JOB } from './schedule-service.ts';
import { BACKUP_JOB, RESTORE_JOB, runBackup, runRestore } from './service.ts';

export const backupJobs = [
  defineJob<{ backupId: string }>(BACKUP_JOB, async ({ backupId }, { db, config, serverKey }) =>
    runBackup(db, config, serverKey.id, backupId),
  ),
  defineJob<{ restoreId: string; confirm: string | null }>(
    RESTORE_JOB,
    async ({ restoreId, confirm }, { db, config }) => runRestore(db, config, restoreId, confirm),
  ),
  // hourly: each tenant's daily hour is in its own time zone
  defineJob(SCHEDULE_JOB, async (_data, { db, config, serverKey }) => runSchedule(db, config, serverKey.id), {
    schedule: { cron: '5 * * * *', timeZone: 'UTC' },
  }),
];
