import { defineModule } from '../../module-manifest.ts';
import { organizationRoutes } from './routes.ts';
import { securitySettingsRoutes } from './security-settings-routes.ts';
import { seedDemoOrganization } from './tenants-service.ts';

const everyone = ['users:view', 'departments:view'] as const;

/** Tenants, departments, users, roles and the tenant's settings. */
export const manifest = defineModule({
  name: 'organization',
  routes: [organizationRoutes, securitySettingsRoutes],
  permissions: ['users', 'departments', 'roles', 'system', 'settings'],
  defaultGrants: {
    executive: [...everyone, 'roles:view'],
    sales_supervisor: everyone,
    account_manager: everyone,
    marketing: everyone,
    service: everyone,
  },
  // two-factor secrets, sealed with the server key (the auth module reads and writes them)
  sealedColumns: [
    { table: 'users', column: 'totp_secret' },
    { table: 'users', column: 'totp_pending_secret' },
  ],
  seedDemo: seedDemoOrganization,
});
