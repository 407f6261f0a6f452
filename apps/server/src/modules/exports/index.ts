import { defineModule } from '../../module-manifest.ts';
import { exportJobs } from './jobs.ts';
import { exportRoutes } from './routes.ts';

/** Exports of lists to XLSX/CSV: streamed, or as a job with progress when large. */
export const manifest = defineModule({ name: 'exports', routes: [exportRoutes], jobs: exportJobs });
