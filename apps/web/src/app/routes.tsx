import { reportCodes } from '@guanxi/contract';
import type { TFunction } from 'i18next';
import { settingsHubPermission } from '../features/system/settings-sections.ts';
import type { PermissionRule } from '../lib/access.ts';
import { CHANGE_PASSWORD_PATH } from './auth-gate.tsx';
import { type LazyPage, lazyPage } from './lazy-page.tsx';
import type { MenuIconName } from './menu-icons.tsx';

/** 统计报表 opens for whoever may run one report (each report checks its own permission). */
const anyReport: PermissionRule = reportCodes.map((code) => `reports:${code}` as const);

/** The sidebar's sections, in their order (entries without one come first: 首页). */
export const menuGroups = [
  'customers',
  'marketing',
  'sales',
  'service',
  'work',
  'field',
  'reports',
  'system',
] as const;
export type MenuGroup = (typeof menuGroups)[number];

/** A page's entry in the sidebar: in its section, in the order of the table below. */
export type MenuEntry = {
  /** Named, not imported here: the icons load with the signed-in layout, not on the login page. */
  icon: MenuIconName;
  label: (t: TFunction<'layout'>) => string;
  group?: MenuGroup;
};

export type PageRoute = {
  /** Absolute path as react-router matches it (`/customers/:id`); `*` is the not-found page. */
  path: string;
  /** The page, loaded in its own chunk on first use. */
  page: LazyPage;
  /** Who may open it (others see a 403 result; a list: any of them); without one, every signed-in user. */
  permission?: PermissionRule;
  /**
   * Where the page is shown: inside the app layout with sidebar and header (the default),
   * `plain` signed in but without them (paper, forced password change), `public` before sign-in.
   */
  frame?: 'layout' | 'plain' | 'public';
  menu?: MenuEntry;
};

// Pages used by two routes are declared once, so moving between those routes keeps the page
// mounted (as a shared component type) instead of starting it again.
const RoleEditPage = lazyPage(() =>
  import('../features/roles/role-edit-page.tsx').then((m) => m.RoleEditPage),
);

/**
 * Every page of the app: the router and the sidebar are both built from this table.
 * A module adds its pages here, one line each (or one imported array).
 */
export const pageRoutes: PageRoute[] = [
  {
    path: '/login',
    frame: 'public',
    page: lazyPage(() => import('../features/auth/login-page.tsx').then((m) => m.LoginPage)),
  },
  {
    path: '/f/:token',
    frame: 'public',
    page: lazyPage(() => import('../features/leads/public-form-page.tsx').then((m) => m.PublicFormPage)),
  },
  {
    // 工单进度: the customer's signed link (status, notes they may see, 评价), no account
    path: '/t/:token',
    frame: 'public',
    page: lazyPage(() =>
      import('../features/tickets/public-ticket-page.tsx').then((m) => m.PublicTicketPage),
    ),
  },
  {
    // 在线报修: the tenant's public ticket form, no account; the answer links to /t/:token
    path: '/submit/:token',
    frame: 'public',
    page: lazyPage(() => import('../features/tickets/ticket-form-page.tsx').then((m) => m.TicketFormPage)),
  },
  {
    path: CHANGE_PASSWORD_PATH,
    frame: 'plain',
    page: lazyPage(() =>
      import('../features/auth/change-password-page.tsx').then((m) => m.ChangePasswordPage),
    ),
  },
  {
    path: '/',
    page: lazyPage(() => import('../features/home/home-page.tsx').then((m) => m.HomePage)),
    menu: { icon: 'HomeOutlined', label: (t) => t('menu.home') },
  },
  {
    path: '/customers',
    permission: 'customers:view',
    page: lazyPage(() => import('../features/customers/customers-page.tsx').then((m) => m.CustomersPage)),
    menu: {
      icon: 'IdcardOutlined',
      label: (t) => t('modules.customers', { ns: 'common' }),
      group: 'customers',
    },
  },
  {
    // a plain page for paper: no sidebar or header
    path: '/customers/print',
    frame: 'plain',
    permission: 'customers:view',
    page: lazyPage(() =>
      import('../features/customers/customers-print-page.tsx').then((m) => m.CustomersPrintPage),
    ),
  },
  {
    // a quote, order or contract on paper (no sidebar or header); the document's own view permission and scope decide
    path: '/print/:type/:id',
    frame: 'plain',
    permission: ['quotes:view', 'orders:view', 'contracts:view'],
    page: lazyPage(() => import('../features/print-templates/print-page.tsx').then((m) => m.PrintPage)),
  },
  {
    path: '/customers/:id',
    permission: 'customers:view',
    page: lazyPage(() => import('../features/customers/customer-page.tsx').then((m) => m.CustomerPage)),
  },
  {
    path: '/contacts',
    permission: 'contacts:view',
    page: lazyPage(() => import('../features/contacts/contacts-page.tsx').then((m) => m.ContactsPage)),
    menu: {
      icon: 'ContactsOutlined',
      label: (t) => t('modules.contacts', { ns: 'common' }),
      group: 'customers',
    },
  },
  {
    path: '/leads',
    permission: 'leads:view',
    page: lazyPage(() => import('../features/leads/leads-page.tsx').then((m) => m.LeadsPage)),
    menu: {
      icon: 'FunnelPlotOutlined',
      label: (t) => t('menu.leads'),
      group: 'marketing',
    },
  },
  {
    path: '/leads/forms',
    permission: 'leads:admin',
    page: lazyPage(() => import('../features/leads/lead-forms-page.tsx').then((m) => m.LeadFormsPage)),
  },
  {
    path: '/pools',
    permission: 'pools:view',
    page: lazyPage(() => import('../features/pools/pools-page.tsx').then((m) => m.PoolsPage)),
    menu: {
      icon: 'GlobalOutlined',
      label: (t) => t('modules.pools', { ns: 'common' }),
      group: 'customers',
    },
  },
  {
    path: '/campaigns',
    permission: 'campaigns:view',
    page: lazyPage(() => import('../features/campaigns/campaigns-page.tsx').then((m) => m.CampaignsPage)),
    menu: {
      icon: 'NotificationOutlined',
      label: (t) => t('menu.campaigns'),
      group: 'marketing',
    },
  },
  {
    path: '/campaigns/roi',
    permission: 'campaigns:view',
    page: lazyPage(() => import('../features/campaigns/roi-page.tsx').then((m) => m.CampaignRoiPage)),
  },
  {
    path: '/marketing-plans',
    permission: 'marketing-plans:view',
    page: lazyPage(() =>
      import('../features/marketing-plans/marketing-plans-page.tsx').then((m) => m.MarketingPlansPage),
    ),
    menu: {
      icon: 'ScheduleOutlined',
      label: (t) => t('menu.marketingPlans'),
      group: 'marketing',
    },
  },
  {
    path: '/marketing-plans/summary',
    permission: 'marketing-plans:view',
    page: lazyPage(() =>
      import('../features/marketing-plans/summary-page.tsx').then((m) => m.PlanSummaryPage),
    ),
  },
  {
    // 销售机会: the list with the detail drawer (`?id=`), 指派, the development plan
    path: '/opportunities',
    permission: 'opportunities:view',
    page: lazyPage(() =>
      import('../features/opportunities/opportunities-page.tsx').then((m) => m.OpportunitiesPage),
    ),
    menu: { icon: 'RiseOutlined', label: (t) => t('menu.opportunities'), group: 'sales' },
  },
  {
    // 销售看板: the board by stage, the funnel and the forecast
    path: '/pipeline',
    permission: 'opportunities:view',
    page: lazyPage(() => import('../features/opportunities/pipeline-page.tsx').then((m) => m.PipelinePage)),
    menu: { icon: 'ProjectOutlined', label: (t) => t('menu.pipeline'), group: 'sales' },
  },
  {
    path: '/products',
    permission: 'products:view',
    page: lazyPage(() => import('../features/products/products-page.tsx').then((m) => m.ProductsPage)),
    menu: { icon: 'ShoppingOutlined', label: (t) => t('menu.products'), group: 'sales' },
  },
  {
    path: '/price-lists',
    permission: 'products:view',
    page: lazyPage(() => import('../features/products/price-lists-page.tsx').then((m) => m.PriceListsPage)),
    menu: { icon: 'TagsOutlined', label: (t) => t('menu.priceLists'), group: 'sales' },
  },
  {
    path: '/inventory',
    permission: 'inventory:view',
    page: lazyPage(() => import('../features/inventory/inventory-page.tsx').then((m) => m.InventoryPage)),
    menu: { icon: 'DatabaseOutlined', label: (t) => t('menu.inventory'), group: 'sales' },
  },
  {
    // 充值卡: batches (一次性导出卡密) and cards; a card's page has its ledger and actions
    path: '/cards',
    permission: 'cards:read',
    page: lazyPage(() => import('../features/cards/cards-page.tsx').then((m) => m.CardsPage)),
    menu: { icon: 'CreditCardOutlined', label: (t) => t('menu.cards'), group: 'sales' },
  },
  {
    path: '/cards/:number',
    permission: 'cards:read',
    page: lazyPage(() => import('../features/cards/card-page.tsx').then((m) => m.CardPage)),
  },
  {
    // 会员: members of the customers I see; a member's page (360) has its points ledger and actions
    path: '/members',
    permission: 'members:view',
    page: lazyPage(() => import('../features/members/members-page.tsx').then((m) => m.MembersPage)),
    menu: { icon: 'IdcardOutlined', label: (t) => t('menu.members'), group: 'sales' },
  },
  {
    path: '/members/:id',
    permission: 'members:view',
    page: lazyPage(() => import('../features/members/member-page.tsx').then((m) => m.MemberPage)),
  },
  {
    path: '/quotes',
    permission: 'quotes:view',
    page: lazyPage(() => import('../features/quotes/quotes-page.tsx').then((m) => m.QuotesPage)),
    menu: { icon: 'FileTextOutlined', label: (t) => t('menu.quotes'), group: 'sales' },
  },
  {
    path: '/orders',
    permission: 'orders:view',
    page: lazyPage(() => import('../features/orders/orders-page.tsx').then((m) => m.OrdersPage)),
    menu: { icon: 'ShoppingCartOutlined', label: (t) => t('menu.orders'), group: 'sales' },
  },
  {
    // 合同: the list, a contract's detail with its money, files and approval (`?id=`)
    path: '/contracts',
    permission: 'contracts:view',
    page: lazyPage(() => import('../features/contracts/contracts-page.tsx').then((m) => m.ContractsPage)),
    menu: { icon: 'SolutionOutlined', label: (t) => t('menu.contracts'), group: 'sales' },
  },
  {
    // 回款: payment plans, payments, the overdue list
    path: '/receivables',
    permission: 'receivables:view',
    page: lazyPage(() =>
      import('../features/receivables/receivables-page.tsx').then((m) => m.ReceivablesPage),
    ),
    menu: { icon: 'AccountBookOutlined', label: (t) => t('menu.receivables'), group: 'sales' },
  },
  {
    // 开票: invoice requests, approved and issued by holders of invoices:approve
    path: '/invoices',
    permission: 'invoices:view',
    page: lazyPage(() => import('../features/receivables/invoices-page.tsx').then((m) => m.InvoicesPage)),
    menu: { icon: 'AuditOutlined', label: (t) => t('menu.invoices'), group: 'sales' },
  },
  {
    path: '/mailings',
    permission: 'mailings:view',
    page: lazyPage(() => import('../features/mailings/mailings-page.tsx').then((m) => m.MailingsPage)),
    menu: { icon: 'MailOutlined', label: (t) => t('menu.mailings'), group: 'marketing' },
  },
  {
    path: '/settings/mailing',
    permission: 'mailings:admin',
    page: lazyPage(() =>
      import('../features/mailings/mailing-settings-page.tsx').then((m) => m.MailingSettingsPage),
    ),
  },
  {
    // 退订: the link in every mailing, opened by whoever received it (no account)
    path: '/u/:token',
    frame: 'public',
    page: lazyPage(() => import('../features/mailings/unsubscribe-page.tsx').then((m) => m.UnsubscribePage)),
  },
  {
    path: '/follow-ups',
    permission: 'follow-ups:view',
    page: lazyPage(() => import('../features/follow-ups/follow-ups-page.tsx').then((m) => m.FollowUpsPage)),
    menu: {
      icon: 'SolutionOutlined',
      label: (t) => t('modules.follow-ups', { ns: 'common' }),
      group: 'work',
    },
  },
  {
    path: '/schedule',
    permission: 'events:view',
    page: lazyPage(() => import('../features/events/schedule-page.tsx').then((m) => m.SchedulePage)),
    menu: {
      icon: 'CalendarOutlined',
      label: (t) => t('modules.events', { ns: 'common' }),
      group: 'work',
    },
  },
  {
    // the phone's field home; also in the menu for desk users who check in
    path: '/field',
    permission: 'check-ins:create',
    page: lazyPage(() => import('../features/field/field-page.tsx').then((m) => m.FieldPage)),
    menu: { icon: 'EnvironmentOutlined', label: (t) => t('menu.field'), group: 'field' },
  },
  {
    path: '/check-ins',
    permission: 'check-ins:view',
    page: lazyPage(() => import('../features/check-ins/check-ins-page.tsx').then((m) => m.CheckInsPage)),
    menu: { icon: 'CameraOutlined', label: (t) => t('menu.checkIns'), group: 'field' },
  },
  {
    path: '/monitoring',
    // the day's check-ins or the routes: either is reason to open it (each part shows by its own)
    permission: ['check-ins:view', 'tracks:view'],
    page: lazyPage(() => import('../features/monitoring/monitoring-page.tsx').then((m) => m.MonitoringPage)),
    menu: { icon: 'DashboardOutlined', label: (t) => t('menu.monitoring'), group: 'field' },
  },
  {
    // 工作汇报 (the icon is 自定义字段's: a new one would grow the first load)
    path: '/work-reports',
    permission: 'work-reports:view',
    page: lazyPage(() =>
      import('../features/work-reports/work-reports-page.tsx').then((m) => m.WorkReportsPage),
    ),
    menu: {
      icon: 'FormOutlined',
      label: (t) => t('modules.work-reports', { ns: 'common' }),
      group: 'work',
    },
  },
  {
    // 通知公告: notices and instructions with read and done receipts
    path: '/announcements',
    permission: 'announcements:view',
    page: lazyPage(() =>
      import('../features/announcements/announcements-page.tsx').then((m) => m.AnnouncementsPage),
    ),
    menu: { icon: 'NotificationOutlined', label: (t) => t('menu.announcements'), group: 'work' },
  },
  {
    // 销售任务: a period's targets down the department tree, attainment per level
    path: '/targets',
    permission: 'targets:view',
    page: lazyPage(() => import('../features/targets/targets-page.tsx').then((m) => m.TargetsPage)),
    menu: { icon: 'AimOutlined', label: (t) => t('menu.targets'), group: 'sales' },
  },
  {
    // 流失预警: warnings by status, highest risk first; 暂缓 / 确认流失; settings for churn:admin
    path: '/churn',
    permission: 'churn:view',
    page: lazyPage(() => import('../features/churn/churn-page.tsx').then((m) => m.ChurnPage)),
    menu: { icon: 'AlertOutlined', label: (t) => t('menu.churn'), group: 'service' },
  },
  {
    // 服务工单: 全部 / 我的 / 待领取, SLA countdowns, the workflow's moves in the detail drawer (`?id=`)
    path: '/tickets',
    permission: 'tickets:view',
    page: lazyPage(() => import('../features/tickets/tickets-page.tsx').then((m) => m.TicketsPage)),
    menu: { icon: 'CustomerServiceOutlined', label: (t) => t('menu.tickets'), group: 'service' },
  },
  {
    // 知识库: articles by category, search by two characters or pinyin, drafts and publishing, votes
    path: '/kb',
    permission: 'kb:view',
    page: lazyPage(() => import('../features/kb/kb-page.tsx').then((m) => m.KbPage)),
    menu: { icon: 'BookOutlined', label: (t) => t('menu.kb'), group: 'service' },
  },
  {
    // 审批中心: every signed-in user has an inbox (what waits for them, what they decided, what they submitted)
    path: '/approvals',
    page: lazyPage(() => import('../features/approvals/approvals-page.tsx').then((m) => m.ApprovalsPage)),
    menu: { icon: 'AuditOutlined', label: (t) => t('menu.approvals'), group: 'work' },
  },
  {
    // 统计报表: the reports of the framework the caller may run, and one report
    path: '/reports',
    permission: anyReport,
    page: lazyPage(() => import('../features/reports/reports-hub-page.tsx').then((m) => m.ReportsHubPage)),
    menu: { icon: 'RiseOutlined', label: (t) => t('menu.reportsHub'), group: 'reports' },
  },
  {
    // 我的订阅: my report subscriptions (anyone who may run a report may subscribe to it)
    path: '/reports/subscriptions',
    permission: anyReport,
    page: lazyPage(() =>
      import('../features/reports/subscription-list-page.tsx').then((m) => m.SubscriptionListPage),
    ),
  },
  {
    path: '/reports/:code',
    permission: anyReport,
    page: lazyPage(() => import('../features/reports/report-page.tsx').then((m) => m.ReportPage)),
  },
  {
    // 统计分析: contact compliance against the norms of the customer levels (the icon is 后台监控's:
    // a new one put the login page over its first-load goal)
    path: '/reports/contact-compliance',
    permission: 'follow-ups:view',
    page: lazyPage(() =>
      import('../features/reports/contact-compliance-page.tsx').then((m) => m.ContactCompliancePage),
    ),
    menu: {
      icon: 'DashboardOutlined',
      label: (t) => t('menu.contactCompliance'),
      group: 'reports',
    },
  },
  {
    path: '/imports',
    permission: ['customers:import', 'leads:import'],
    page: lazyPage(() => import('../features/imports/imports-page.tsx').then((m) => m.ImportsPage)),
    menu: { icon: 'ImportOutlined', label: (t) => t('menu.imports'), group: 'system' },
  },
  {
    path: '/departments',
    permission: 'departments:view',
    page: lazyPage(() =>
      import('../features/departments/departments-page.tsx').then((m) => m.DepartmentsPage),
    ),
    menu: { icon: 'ApartmentOutlined', label: (t) => t('menu.departments'), group: 'system' },
  },
  {
    path: '/users',
    permission: 'users:view',
    page: lazyPage(() => import('../features/users/users-page.tsx').then((m) => m.UsersPage)),
    menu: { icon: 'TeamOutlined', label: (t) => t('menu.users'), group: 'system' },
  },
  {
    path: '/roles',
    permission: 'roles:view',
    page: lazyPage(() => import('../features/roles/roles-page.tsx').then((m) => m.RolesPage)),
    menu: { icon: 'SafetyCertificateOutlined', label: (t) => t('menu.roles'), group: 'system' },
  },
  { path: '/roles/new', permission: 'roles:create', page: RoleEditPage },
  { path: '/roles/:id', permission: 'roles:view', page: RoleEditPage },
  {
    path: '/roles/:id/dashboard',
    permission: 'roles:view',
    page: lazyPage(() =>
      import('../features/dashboards/role-dashboard-page.tsx').then((m) => m.RoleDashboardPage),
    ),
  },
  {
    path: '/dictionaries',
    permission: 'dictionaries:admin',
    page: lazyPage(() =>
      import('../features/dictionaries/dictionaries-page.tsx').then((m) => m.DictionariesPage),
    ),
    // the module's name is shared with the permission matrix (common: modules.dictionaries)
    menu: {
      icon: 'BookOutlined',
      label: (t) => t('modules.dictionaries', { ns: 'common' }),
      group: 'system',
    },
  },
  {
    path: '/custom-fields',
    permission: 'custom-fields:admin',
    page: lazyPage(() =>
      import('../features/custom-fields/custom-fields-page.tsx').then((m) => m.CustomFieldsPage),
    ),
    // the module's name is shared with the permission matrix (common: modules.custom-fields)
    menu: {
      icon: 'FormOutlined',
      label: (t) => t('modules.custom-fields', { ns: 'common' }),
      group: 'system',
    },
  },
  {
    path: '/audit',
    permission: 'audit:view',
    page: lazyPage(() => import('../features/audit/audit-log-page.tsx').then((m) => m.AuditLogPage)),
    menu: { icon: 'AuditOutlined', label: (t) => t('menu.audit'), group: 'system' },
  },
  {
    path: '/settings/approval-flows',
    permission: 'approvals:admin',
    page: lazyPage(() =>
      import('../features/approvals/approval-flows-page.tsx').then((m) => m.ApprovalFlowsPage),
    ),
    menu: { icon: 'SettingOutlined', label: (t) => t('menu.approvalFlows'), group: 'system' },
  },
  {
    path: '/settings/print-templates',
    permission: 'print-templates:admin',
    page: lazyPage(() =>
      import('../features/print-templates/print-templates-page.tsx').then((m) => m.PrintTemplatesPage),
    ),
    // a settings page like the others: their icon (a new one costs the login page's first load)
    menu: { icon: 'SettingOutlined', label: (t) => t('menu.printTemplates'), group: 'system' },
  },
  {
    // 备份还原: the tenant's (or the system's) archives, restores and the daily schedule
    path: '/settings/backups',
    permission: 'system:backup',
    page: lazyPage(() => import('../features/backups/backups-page.tsx').then((m) => m.BackupsPage)),
    menu: { icon: 'SettingOutlined', label: (t) => t('menu.backups'), group: 'system' },
  },
  {
    // Webhook: record events pushed, signed, to other systems (the delivery log with it)
    path: '/settings/webhooks',
    permission: 'webhooks:manage',
    page: lazyPage(() => import('../features/webhooks/webhooks-page.tsx').then((m) => m.WebhooksPage)),
    menu: { icon: 'SettingOutlined', label: (t) => t('menu.webhooks'), group: 'system' },
  },
  {
    // 服务时限: the tickets' SLA targets and the business calendar they count in
    path: '/settings/sla',
    permission: 'tickets:admin',
    page: lazyPage(() => import('../features/sla/sla-settings-page.tsx').then((m) => m.SlaSettingsPage)),
    menu: { icon: 'SettingOutlined', label: (t) => t('menu.sla'), group: 'system' },
  },
  {
    // 工单设置: the reopen window and the public ticket form (在线报修表单)
    path: '/settings/tickets',
    permission: 'tickets:admin',
    page: lazyPage(() =>
      import('../features/tickets/ticket-settings-page.tsx').then((m) => m.TicketSettingsPage),
    ),
    menu: { icon: 'SettingOutlined', label: (t) => t('menu.ticketSettings'), group: 'system' },
  },
  {
    // 系统设置: every section the spec names, each linking to its own page (settings-sections.ts)
    path: '/settings/system',
    permission: settingsHubPermission,
    page: lazyPage(() => import('../features/system/settings-hub-page.tsx').then((m) => m.SettingsHubPage)),
    menu: { icon: 'SettingOutlined', label: (t) => t('menu.settingsHub'), group: 'system' },
  },
  {
    path: '/settings/security',
    permission: 'settings:security',
    page: lazyPage(() =>
      import('../features/system/security-settings-page.tsx').then((m) => m.SecuritySettingsPage),
    ),
  },
  {
    path: '/settings/numbering',
    permission: 'settings:numbering',
    page: lazyPage(() =>
      import('../features/system/single-setting-pages.tsx').then((m) => m.NumberingSettingsPage),
    ),
  },
  {
    path: '/settings/check-in',
    permission: 'settings:check-in',
    page: lazyPage(() =>
      import('../features/system/single-setting-pages.tsx').then((m) => m.CheckInSettingsPage),
    ),
  },
  {
    // 会员设置: points per ¥1, expiry, activity points, level thresholds (read-only without members:edit)
    path: '/settings/members',
    permission: 'members:view',
    page: lazyPage(() =>
      import('../features/members/member-settings-page.tsx').then((m) => m.MemberSettingsPage),
    ),
  },
  {
    path: '/settings',
    permission: 'system:admin',
    page: lazyPage(() =>
      import('../features/system/tenant-settings-page.tsx').then((m) => m.TenantSettingsPage),
    ),
    menu: { icon: 'SettingOutlined', label: (t) => t('menu.settings'), group: 'system' },
  },
  {
    path: '/profile',
    page: lazyPage(() => import('../features/profile/profile-page.tsx').then((m) => m.ProfilePage)),
  },
  { path: '*', page: lazyPage(() => import('./not-found-page.tsx').then((m) => m.NotFoundPage)) },
];
