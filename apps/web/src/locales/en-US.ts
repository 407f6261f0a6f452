/** English texts: loaded when a user chooses English (most never do), see ./index.ts. */
import enAnnouncements from './en-US/announcements.json';
import enApprovals from './en-US/approvals.json';
import enAudit from './en-US/audit.json';
import enAuth from './en-US/auth.json';
import enBackups from './en-US/backups.json';
import enCampaigns from './en-US/campaigns.json';
import enCards from './en-US/cards.json';
import enCheckIns from './en-US/checkIns.json';
import enChurn from './en-US/churn.json';
import enCommon from './en-US/common.json';
import enContracts from './en-US/contracts.json';
import enCustomers from './en-US/customers.json';
import enCustomFields from './en-US/customFields.json';
import enDashboards from './en-US/dashboards.json';
import enDepartments from './en-US/departments.json';
import enDictionaries from './en-US/dictionaries.json';
import enEvents from './en-US/events.json';
import enExports from './en-US/exports.json';
import enField from './en-US/field.json';
import enFiles from './en-US/files.json';
import enFollowUps from './en-US/followUps.json';
import enImports from './en-US/imports.json';
import enInventory from './en-US/inventory.json';
import enKb from './en-US/kb.json';
import enLayout from './en-US/layout.json';
import enLeads from './en-US/leads.json';
import enMailings from './en-US/mailings.json';
import enMaps from './en-US/maps.json';
import enMarketingPlans from './en-US/marketingPlans.json';
import enMembers from './en-US/members.json';
import enMonitoring from './en-US/monitoring.json';
import enNotifications from './en-US/notifications.json';
import enOpportunities from './en-US/opportunities.json';
import enOrders from './en-US/orders.json';
import enPools from './en-US/pools.json';
import enPrintTemplates from './en-US/printTemplates.json';
import enProducts from './en-US/products.json';
import enProfile from './en-US/profile.json';
import enQuotes from './en-US/quotes.json';
import enReceivables from './en-US/receivables.json';
import enReports from './en-US/reports.json';
import enRoles from './en-US/roles.json';
import enSavedQueries from './en-US/savedQueries.json';
import enSla from './en-US/sla.json';
import enSystem from './en-US/system.json';
import enTargets from './en-US/targets.json';
import enTickets from './en-US/tickets.json';
import enUsers from './en-US/users.json';
import enWebhooks from './en-US/webhooks.json';
import enWorkReports from './en-US/workReports.json';

export const enUS = {
  backups: enBackups,
  approvals: enApprovals,
  common: enCommon,
  auth: enAuth,
  layout: enLayout,
  exports: enExports,
  imports: enImports,
  leads: enLeads,
  departments: enDepartments,
  users: enUsers,
  roles: enRoles,
  savedQueries: enSavedQueries,
  profile: enProfile,
  audit: enAudit,
  files: enFiles,
  system: enSystem,
  dictionaries: enDictionaries,
  customFields: enCustomFields,
  customers: enCustomers,
  pools: enPools,
  notifications: enNotifications,
  events: enEvents,
  field: enField,
  checkIns: enCheckIns,
  monitoring: enMonitoring,
  maps: enMaps,
  workReports: enWorkReports,
  followUps: enFollowUps,
  announcements: enAnnouncements,
  reports: enReports,
  dashboards: enDashboards,
  marketingPlans: enMarketingPlans,
  contracts: enContracts,
  receivables: enReceivables,
  campaigns: enCampaigns,
  mailings: enMailings,
  products: enProducts,
  inventory: enInventory,
  cards: enCards,
  members: enMembers,
  kb: enKb,
  tickets: enTickets,
  targets: enTargets,
  printTemplates: enPrintTemplates,
  quotes: enQuotes,
  orders: enOrders,
  opportunities: enOpportunities,
  churn: enChurn,
  sla: enSla,
  webhooks: enWebhooks,
};
