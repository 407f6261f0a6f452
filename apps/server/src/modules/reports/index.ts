import { type ReportCode, reportCodes } from '@guanxi/contract';
import { defineModule } from '../../module-manifest.ts';
import { reportCatalogRoutes } from './catalog-routes.ts';
import { reportRoutes } from './routes.ts';
import { seedContactNorms } from './service.ts';
import { subscriptionJobs } from './subscriptions-job.ts';
import { reportSubscriptionRoutes } from './subscriptions-routes.ts';

/** The reports of the sales desk. */
const selling: ReportCode[] = [
  'customer-contribution',
  'customer-composition',
  'sales-ranking',
  'product-sales',
  'top-customers',
  'receivables',
  'funnel',
  'forecast',
  'target-attainment',
  'activity',
];
/** The card reports: for whoever runs the cards (stores, service). */
const cardReports: ReportCode[] = [
  'card-sales',
  'card-activation',
  'card-consumption',
  'card-liability',
  'card-expiring',
];
const grants = (codes: ReportCode[], ...more: ReportCode[]) =>
  [...codes, ...more].map((code) => `reports:${code}` as const);

/**
 * 统计分析: reports across the business — the report framework (kit/: one definition per report in
 * definitions/, over sources the owning modules publish) and contact compliance against the norms
 * per customer level.
 * It reads customers and follow-ups read-only in SQL and writes only its own settings
 * (architecture.md, Boundaries). The report's permission is follow-ups:view, its scope the
 * follow-ups data scope over the customers' owners.
 */
export const manifest = defineModule({
  name: 'reports',
  routes: [reportRoutes, reportCatalogRoutes, reportSubscriptionRoutes],
  // 报表订阅: the subscriptions due, every 5 minutes
  jobs: subscriptionJobs,
  permissions: ['reports'],
  // each report is `reports:<code>`; its source's view permission and data scope apply as well
  defaultGrants: {
    executive: reportCodes.map((code) => `reports:${code}` as const),
    // a manager's home shows SLA breaches (dashboards)
    sales_supervisor: grants(selling, 'churn', 'sales-pivot', 'service'),
    account_manager: grants(selling, 'churn'),
    service: grants(['service', 'customer-composition'], ...cardReports),
    marketing: grants(['expenses', 'marketing-plans', 'campaign-roi', 'customer-composition']),
  },

  // a level with a norm is in use: deleting it would leave a norm for nothing
  dictionaryReferences: [{ type: 'customer-level', table: 'contact_norms', column: 'level_id' }],
  // after the dictionaries' seed (app.ts order): the seeded levels get their defaults
  seedTenant: seedContactNorms,
});
