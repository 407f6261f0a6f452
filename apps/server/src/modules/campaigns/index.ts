import { defineModule } from '../../module-manifest.ts';
import { seedDemoCampaigns } from './demo-seed.ts';
import { campaignRoutes } from './routes.ts';
import { CHANNEL_DICTIONARY, campaignChangeable, campaignVisible } from './service.ts';
import { campaignsLifecycle } from './user-lifecycle.ts';

/** 市场活动: campaigns with participants, action log, expense lines and ROI (leads counted by the leads module). */
export const manifest = defineModule({
  name: 'campaigns',
  routes: [campaignRoutes],
  permissions: ['campaigns'],
  // marketing runs campaigns; managers read them (whose is the role's data scope)
  defaultGrants: {
    executive: ['campaigns:view'],
    sales_supervisor: ['campaigns:view'],
    marketing: ['campaigns:view', 'campaigns:create', 'campaigns:edit', 'campaigns:delete'],
  },
  userLifecycle: campaignsLifecycle,
  dictionaryReferences: [{ type: CHANNEL_DICTIONARY, table: 'campaigns', column: 'channel_id' }],
  fileEntities: [{ entity: 'campaigns', canSee: campaignVisible, canChange: campaignChangeable }],
  seedDemo: seedDemoCampaigns,
});
