import { defineModule } from '../../module-manifest.ts';
import { importJobs } from './jobs.ts';
import { importRoutes } from './routes.ts';
import { recoverInterrupted } from './run.ts';

/** XLSX/CSV imports of customers and contacts: preview, mapping, checks, a resumable job. */
export const manifest = defineModule({
  name: 'imports',
  routes: [importRoutes],
  jobs: importJobs,
  // an import cut off by a stop is marked interrupted (resumable) before anything else runs
  onStart: recoverInterrupted,
});
