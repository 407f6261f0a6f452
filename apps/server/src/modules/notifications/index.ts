import { defineModule } from '../../module-manifest.ts';
import { notificationRoutes } from './routes.ts';

/** In-app notifications (the bell); modules send them through its service. */
export const manifest = defineModule({ name: 'notifications', routes: [notificationRoutes] });
