import type { Locale } from '@guanxi/contract';
import type zhAnnouncements from './zh-CN/announcements.json';
import type zhApprovals from './zh-CN/approvals.json';
import type zhAudit from './zh-CN/audit.json';
import zhAuth from './zh-CN/auth.json';
import type zhBackups from './zh-CN/backups.json';
import type zhCampaigns from './zh-CN/campaigns.json';
import type zhCards from './zh-CN/cards.json';
import type zhCheckIns from './zh-CN/checkIns.json';
import type zhChurn from './zh-CN/churn.json';
import zhCommon from './zh-CN/common.json';
import type zhContracts from './zh-CN/contracts.json';
import type zhCustomers from './zh-CN/customers.json';
import type zhCustomFields from './zh-CN/customFields.json';
import type zhDashboards from './zh-CN/dashboards.json';
import type zhDepartments from './zh-CN/departments.json';
import type zhDictionaries from './zh-CN/dictionaries.json';
import type zhEvents from './zh-CN/events.json';
import zhExports from './zh-CN/exports.json';
import type zhField from './zh-CN/field.json';
import zhFiles from './zh-CN/files.json';
import type zhFollowUps from './zh-CN/followUps.json';
import type zhImports from './zh-CN/imports.json';
import type zhInventory from './zh-CN/inventory.json';
import type zhKb from './zh-CN/kb.json';
import zhLayout from './zh-CN/layout.json';
import type zhLeads from './zh-CN/leads.json';
import type zhMailings from './zh-CN/mailings.json';
import type zhMaps from './zh-CN/maps.json';
import type zhMarketingPlans from './zh-CN/marketingPlans.json';
import type zhMembers from './zh-CN/members.json';
import type zhMonitoring from './zh-CN/monitoring.json';
import zhNotifications from './zh-CN/notifications.json';
import type zhOpportunities from './zh-CN/opportunities.json';
import type zhOrders from './zh-CN/orders.json';
import type zhPools from './zh-CN/pools.json';
import type zhPrintTemplates from './zh-CN/printTemplates.json';
import type zhProducts from './zh-CN/products.json';
import type zhProfile from './zh-CN/profile.json';
import type zhQuotes from './zh-CN/quotes.json';
import type zhReceivables from './zh-CN/receivables.json';
import type zhReports from './zh-CN/reports.json';
import type zhRoles from './zh-CN/roles.json';
import zhSavedQueries from './zh-CN/savedQueries.json';
import type zhSla from './zh-CN/sla.json';
import type zhSystem from './zh-CN/system.json';
import type zhTargets from './zh-CN/targets.json';
import type zhTickets from './zh-CN/tickets.json';
import zhUsers from './zh-CN/users.json';
import type zhWebhooks from './zh-CN/webhooks.json';
import type zhWorkReports from './zh-CN/workReports.json';

const zhCN = {
  common: zhCommon,
  auth: zhAuth,
  layout: zhLayout,
  exports: zhExports,
  users: zhUsers,
  savedQueries: zhSavedQueries,
  files: zhFiles,
  notifications: zhNotifications,
};

/**
 * Chinese texts of pages that most users never open, or not every day (field pages, reports,
 * imports, one's profile, the audit log): not part of the first load, each comes with its page's code (lib/i18n.ts
 * `addDefaultTexts`). English has them in its own chunk like every other namespace.
 */
type LaterResources = {
  events: typeof zhEvents;
  pools: typeof zhPools;
  customers: typeof zhCustomers;
  dictionaries: typeof zhDictionaries;
  customFields: typeof zhCustomFields;
  system: typeof zhSystem;
  departments: typeof zhDepartments;
  roles: typeof zhRoles;
  approvals: typeof zhApprovals;
  field: typeof zhField;
  checkIns: typeof zhCheckIns;
  monitoring: typeof zhMonitoring;
  followUps: typeof zhFollowUps;
  announcements: typeof zhAnnouncements;
  reports: typeof zhReports;
  dashboards: typeof zhDashboards;
  workReports: typeof zhWorkReports;
  maps: typeof zhMaps;
  imports: typeof zhImports;
  leads: typeof zhLeads;
  profile: typeof zhProfile;
  audit: typeof zhAudit;
  marketingPlans: typeof zhMarketingPlans;
  contracts: typeof zhContracts;
  receivables: typeof zhReceivables;
  campaigns: typeof zhCampaigns;
  mailings: typeof zhMailings;
  products: typeof zhProducts;
  inventory: typeof zhInventory;
  cards: typeof zhCards;
  members: typeof zhMembers;
  kb: typeof zhKb;
  tickets: typeof zhTickets;
  targets: typeof zhTargets;
  printTemplates: typeof zhPrintTemplates;
  quotes: typeof zhQuotes;
  orders: typeof zhOrders;
  opportunities: typeof zhOpportunities;
  churn: typeof zhChurn;
  sla: typeof zhSla;
  webhooks: typeof zhWebhooks;
  backups: typeof zhBackups;
};

/** Compile-time check that both languages have exactly the same keys. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
type Same<A extends Shape<B>, B extends Shape<A>> = [A, B];
export type LocalesHaveSameKeys = Same<typeof zhCN & LaterResources, typeof import('./en-US.ts').enUS>;

export type Resources = typeof zhCN & LaterResources;

/** Chinese, the default, is part of the first load; every other language is a chunk of its own. */
export const defaultResources: Omit<Resources, keyof LaterResources> = zhCN;
export const loadResources: Record<Exclude<Locale, 'zh-CN'>, () => Promise<Resources>> = {
  'en-US': () => import('./en-US.ts').then((m) => m.enUS),
};
