import { defineModule } from '../../module-manifest.ts';
import { seedDemoWorkReports } from './demo-seed.ts';
import { workReportRoutes } from './routes.ts';

const write = [
  'work-reports:view',
  'work-reports:create',
  'work-reports:edit',
  'work-reports:delete',
] as const;
const writeAndComment = [...write, 'work-reports:comment'] as const;

/** 工作汇报: day to year reports prefilled from the records, comments (点评), who has not reported. */
export const manifest = defineModule({
  name: 'work-reports',
  routes: [workReportRoutes],
  permissions: ['work-reports'],
  // everyone reports; those who lead read their scope's reports and comment on them
  defaultGrants: {
    executive: writeAndComment,
    sales_supervisor: writeAndComment,
    account_manager: write,
    marketing: write,
    service: write,
  },
  seedDemo: seedDemoWorkReports,
});
