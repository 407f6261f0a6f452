import { exportJobs } from './modules/exports/jobs.ts';
import { importJobs } from './modules/imports/jobs.ts';
import { poolJobs } from './modules/pools/jobs.ts';
import type { JobDefinition } from './platform/jobs.ts';
import { maintenanceJobs } from './platform/maintenance.ts';

/** Every module's background jobs, one line each (started by main.ts and job-enabled tests). */
export const allJobs: JobDefinition[] = [...poolJobs, ...importJobs, ...exportJobs, ...maintenanceJobs];
