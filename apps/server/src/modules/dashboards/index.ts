import { defineModule } from '../../module-manifest.ts';
import { dashboardRoutes } from './routes.ts';

/**
 * 经理看台: home dashboards of report cards — a user's own layout, the tenant's default per role,
 * the built-in default of each seeded role (defaults.ts). Uses the report framework through its
 * catalog-service and the roles through organization's roles-service.
 */
export const manifest = defineModule({ name: 'dashboards', routes: [dashboardRoutes] });
