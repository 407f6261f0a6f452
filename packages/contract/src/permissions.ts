import { reportCodes } from './report-codes.ts';

/**
 * Permissions are `<module>:<action>`; every role holds a set of them and one data scope per
 * module. Later modules add their entries to `permissionCatalog`.
 */
export const dataScopes = [
  'own',
  'own_and_subordinates',
  'department',
  'department_and_children',
  'all',
] as const;
export type DataScope = (typeof dataScopes)[number];

export const fieldAccessLevels = ['hidden', 'read', 'edit', 'masked'] as const;
export type FieldAccess = (typeof fieldAccessLevels)[number];

/**
 * Fields whose access is another field's, module by module: a customer's coordinates say where
 * its address is, so a role that hides or masks the address hides them too (a number cannot be
 * masked), and a read-only address makes them read-only. A role's own rule on the field wins.
 */
export const fieldFollowers: Record<string, Record<string, string>> = {
  customers: { lat: 'address', lng: 'address' },
};

/** Modules, the actions each offers, whether it has a data scope and which fields can be restricted. */
export const permissionCatalog = {
  users: {
    actions: ['view', 'create', 'edit', 'delete'],
    scoped: true,
    fields: ['phone', 'email', 'employeeCode'],
  },
  departments: { actions: ['view', 'create', 'edit', 'delete'], scoped: false, fields: [] },
  roles: { actions: ['view', 'create', 'edit', 'delete'], scoped: false, fields: [] },
  sessions: { actions: ['admin'], scoped: false, fields: [] },
  audit: { actions: ['view'], scoped: false, fields: [] },
  customers: {
    actions: [
      'view',
      'create',
      'edit',
      'delete',
      'export',
      'import',
      'transfer',
      'assign',
      'merge',
      'force_duplicate',
    ],
    scoped: true,
    fields: [
      'phone',
      'mobile',
      'email',
      'taxNumber',
      'bankAccount',
      'address',
      'registeredCapital',
      'annualTurnover',
      'legalRepresentative',
    ],
  },
  contacts: {
    actions: ['view', 'create', 'edit', 'delete'],
    scoped: false,
    fields: ['mobile', 'phone', 'email', 'wechat', 'birthday'],
  },
  pools: { actions: ['view', 'claim', 'release', 'admin'], scoped: false, fields: [] },
  /** 日程: an event is seen by its owner and its participants (no data scope). */
  events: { actions: ['view', 'create', 'edit', 'delete'], scoped: false, fields: [] },
  /** 跟进记录: scoped by the follow-up's author; `comment` is a supervisor's 点评. */
  'follow-ups': { actions: ['view', 'create', 'edit', 'delete', 'comment'], scoped: true, fields: [] },
  /** 签到: scoped by the person who checked in. */
  'check-ins': { actions: ['view', 'create'], scoped: true, fields: [] },
  /** 轨迹: whose day's route the caller may see. */
  tracks: { actions: ['view'], scoped: true, fields: [] },
  /** 考勤: whose attendance the caller may see. */
  attendance: { actions: ['view'], scoped: true, fields: [] },
  /** 工作汇报: scoped by the report's author; `comment` is a supervisor's 点评. */
  'work-reports': { actions: ['view', 'create', 'edit', 'delete', 'comment'], scoped: true, fields: [] },
  /** 审批: the inbox needs no permission (everyone sees what waits for them); `admin` edits the flows. */
  approvals: { actions: ['admin'], scoped: false, fields: [] },
  /** 营销计划: scoped by the plan's owner and department; `review` is 审核 (approve / reject). */
  'marketing-plans': { actions: ['view', 'create', 'edit', 'delete', 'review'], scoped: true, fields: [] },
  /** 市场活动: scoped by the campaign's owner and department. */
  campaigns: { actions: ['view', 'create', 'edit', 'delete'], scoped: true, fields: [] },
  /** 线索: scoped by the lead's owner (assignee) and department; `admin` edits web forms and assignment rules. */
  leads: {
    actions: ['view', 'create', 'edit', 'delete', 'assign', 'convert', 'import', 'admin'],
    scoped: true,
    fields: ['mobile', 'email'],
  },
  /** 群发: scoped by the mailing's creator; `admin` edits the e-mail / SMS settings. */
  mailings: { actions: ['view', 'create', 'send', 'admin'], scoped: true, fields: [] },
  /** 产品 and 价格表: not scoped (the catalogue is the company's); `cost` can be hidden. */
  products: { actions: ['view', 'create', 'edit', 'delete', 'export'], scoped: false, fields: ['cost'] },
  /** 充值卡: batches and cards, scoped by the batch's creator and department; `manage` makes batches, freezes and scraps, `use` recharges and consumes at a store. */
  cards: { actions: ['read', 'manage', 'use'], scoped: true, fields: [] },
  /** 会员: not scoped of its own — a member is seen exactly when its customer is (the customers scope); `points` adjusts and redeems, `export` downloads the list. */
  members: { actions: ['view', 'create', 'edit', 'delete', 'points', 'export'], scoped: false, fields: [] },
  /** 库存: the stock ledger and warehouses; `create` records moves, `admin` edits warehouses. */
  inventory: { actions: ['view', 'create', 'admin'], scoped: false, fields: [] },
  /** 销售机会: scoped by the assignee (or the creator while unassigned) and department; `assign` is 指派. */
  opportunities: {
    actions: ['view', 'create', 'edit', 'delete', 'assign', 'export'],
    scoped: true,
    fields: [],
  },
  /** 报价单: scoped by the owner and department; cost and margin can be hidden. */
  quotes: {
    actions: ['view', 'create', 'edit', 'delete', 'approve', 'export'],
    scoped: true,
    fields: ['cost', 'margin'],
  },
  /** 订单: scoped by the owner and department; cost and margin can be hidden. */
  orders: {
    actions: ['view', 'create', 'edit', 'delete', 'approve', 'export'],
    scoped: true,
    fields: ['cost', 'margin'],
  },
  /** 合同: scoped by the owner and department; `admin` sets the expiry reminder days. */
  contracts: {
    actions: ['view', 'create', 'edit', 'delete', 'approve', 'export', 'admin'],
    scoped: true,
    fields: [],
  },
  /** 回款: payment plans and payment records, scoped by the owner of their contract or order. */
  receivables: {
    actions: ['view', 'create', 'edit', 'delete', 'approve', 'export'],
    scoped: true,
    fields: [],
  },
  /** 开票: invoice requests; `approve` approves a request and marks it issued. */
  invoices: { actions: ['view', 'create', 'approve', 'export'], scoped: true, fields: [] },
  /** 销售任务: targets per department and person; scope decides whose attainment is seen; `admin` sets what attainment counts. */
  targets: { actions: ['view', 'create', 'edit', 'delete', 'admin'], scoped: true, fields: [] },
  /** 打印模板 of quotes, orders and contracts. */
  'print-templates': { actions: ['admin'], scoped: false, fields: [] },
  /** 统计分析: one action per report of the framework (its source module's view and scope apply too). */
  reports: {
    actions: reportCodes,
    scoped: false,
    fields: [],
  },
  /** 服务工单: scoped by the handler, creator and department; `assign` assigns and transfers, `archive` archives, `admin` sets SLA and rules. */
  tickets: {
    actions: ['view', 'create', 'edit', 'delete', 'assign', 'archive', 'export', 'admin'],
    scoped: true,
    fields: [],
  },
  /** 知识库: articles for everyone who may view; `publish` publishes drafts. */
  kb: { actions: ['view', 'create', 'edit', 'delete', 'publish'], scoped: false, fields: [] },
  /** 客户流失: warnings on customers in scope; `handle` delays or confirms, `admin` sets the rules and runs the job. */
  churn: { actions: ['view', 'handle', 'admin'], scoped: true, fields: [] },
  /** 通知/指令: everyone reads what is addressed to them; `send` sends within the scope's departments. */
  announcements: { actions: ['view', 'send'], scoped: true, fields: [] },
  dictionaries: { actions: ['admin'], scoped: false, fields: [] },
  'custom-fields': { actions: ['admin'], scoped: false, fields: [] },
  /** `backup`: 备份/还原 of the tenant (the default tenant's holder: of the whole system too). */
  system: { actions: ['admin', 'backup'], scoped: false, fields: [] },
  /** 系统设置 sections that had only `system:admin`: each its own, so a role can be given one. */
  settings: { actions: ['security', 'numbering', 'check-in'], scoped: false, fields: [] },
  /** Webhooks: subscriptions that POST record events to another system; `manage` does everything. */
  webhooks: { actions: ['manage'], scoped: false, fields: [] },
} as const satisfies Record<
  string,
  { actions: readonly string[]; scoped: boolean; fields: readonly string[] }
>;

export type PermissionModule = keyof typeof permissionCatalog;
export type ScopedModule = {
  [K in PermissionModule]: (typeof permissionCatalog)[K]['scoped'] extends true ? K : never;
}[PermissionModule];

/** Every permission of the catalogue as a string literal type: `'customers:view' | …`; a typo does not compile. */
export type Permission = {
  [K in PermissionModule]: `${K}:${(typeof permissionCatalog)[K]['actions'][number]}`;
}[PermissionModule];

export const allPermissions: Permission[] = Object.entries(permissionCatalog).flatMap(([m, def]) =>
  def.actions.map((a) => `${m}:${a}` as Permission),
);
export const scopedModules: ScopedModule[] = Object.entries(permissionCatalog)
  .filter(([, def]) => def.scoped)
  .map(([m]) => m as ScopedModule);

const permissionSet: ReadonlySet<string> = new Set(allPermissions);
/** A string from outside (a request, the database) that names a permission of the catalogue. */
export const isPermission = (s: string): s is Permission => permissionSet.has(s);
export const isScopedModule = (s: string): s is ScopedModule => (scopedModules as string[]).includes(s);

/** Codes of the six roles seeded for every tenant. */
const defaultRoleCodes = [
  'admin',
  'executive',
  'sales_supervisor',
  'account_manager',
  'marketing',
  'service',
] as const;
export type DefaultRoleCode = (typeof defaultRoleCodes)[number];
