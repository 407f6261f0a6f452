import { defineModule } from '../../module-manifest.ts';
import { auditRoutes } from './routes.ts';

/** The audit log (written by the platform in every change's transaction, read here). */
export const manifest = defineModule({
  name: 'audit',
  routes: [auditRoutes],
  permissions: ['audit'],
});
