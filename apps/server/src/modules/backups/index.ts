import { defineModule } from '../../module-manifest.ts';
import { backupJobs } from './jobs.ts';
import { backupRoutes } from './routes.ts';

/** 备份/还原: tenant and system archives (archive.ts), restores, the daily schedule with retention. */
export const manifest = defineModule({ name: 'backups', routes: [backupRoutes], jobs: backupJobs });
