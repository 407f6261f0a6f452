import { defineModule } from '../../module-manifest.ts';
import { notificationJobs } from './jobs.ts';
import { notificationRoutes } from './routes.ts';
import { notificationSettingsRoutes } from './settings-routes.ts';

/** In-app notifications (the bell), also by e-mail per the reader's settings; modules send them through its service. */
export const manifest = defineModule({
  name: 'notifications',
  routes: [notificationRoutes, notificationSettingsRoutes],
  jobs: notificationJobs,
});
