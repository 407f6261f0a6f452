import { defineModule } from '../../module-manifest.ts';
import { seedDemoMailings } from './demo-seed.ts';
import { mailingJobs } from './jobs.ts';
import { mailingRoutes } from './routes.ts';

/** 群发: bulk e-mail and SMS with merge fields, throttled sending, unsubscribe and suppression. */
export const manifest = defineModule({
  name: 'mailings',
  routes: [mailingRoutes],
  permissions: ['mailings'],
  // marketing runs mailings; supervisors and executives follow them (sending stays with marketing)
  defaultGrants: {
    executive: ['mailings:view'],
    sales_supervisor: ['mailings:view'],
    marketing: ['mailings:view', 'mailings:create', 'mailings:send'],
  },
  jobs: mailingJobs,
  // the SMTP password, the SMS signing secret and the key that signs unsubscribe links
  sealedColumns: [
    { table: 'mailing_settings', column: 'smtp_password' },
    { table: 'mailing_settings', column: 'sms_secret' },
    { table: 'mailing_settings', column: 'link_secret' },
  ],
  seedDemo: seedDemoMailings,
});
