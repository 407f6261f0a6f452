import { defineModule } from '../../module-manifest.ts';
import { seedDemoAnnouncements } from './demo-seed.ts';
import { announcementJobs } from './jobs.ts';
import { announcementRoutes } from './routes.ts';
import { announcementChangeable, announcementVisible } from './service.ts';

const send = ['announcements:view', 'announcements:send'] as const;

/** 通知 / 指令: notices and instructions to users and departments, with read and done receipts. */
export const manifest = defineModule({
  name: 'announcements',
  routes: [announcementRoutes],
  permissions: ['announcements'],
  // everyone reads what is addressed to them; those who lead send within their scope
  // (the default roles' scopes: executive all, supervisor department and children, others own)
  defaultGrants: {
    executive: send,
    sales_supervisor: send,
    account_manager: ['announcements:view'],
    marketing: ['announcements:view'],
    service: ['announcements:view'],
  },
  jobs: announcementJobs,
  fileEntities: [{ entity: 'announcements', canSee: announcementVisible, canChange: announcementChangeable }],
  seedDemo: seedDemoAnnouncements,
});
