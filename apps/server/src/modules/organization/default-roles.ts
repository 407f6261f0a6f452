import {
  allPermissions,
  type DataScope,
  type DefaultRoleCode,
  type FieldAccess,
  type Permission,
  scopedModules,
} from '@guanxi/contract';

type RoleSeed = {
  code: DefaultRoleCode;
  name: { 'zh-CN': string; 'en-US': string };
  description: string;
  permissions: Permission[];
  scope: DataScope;
  /** Field rules per permission module: `{products: {cost: 'hidden'}}`. */
  fieldPermissions: Record<string, Record<string, FieldAccess>>;
};

/** What each default role is granted, gathered from every module's manifest (`defaultGrants`). */
export type DefaultGrants = Partial<Record<DefaultRoleCode, readonly Permission[]>>;

/** The field rules each default role starts with, gathered from the manifests (`defaultFieldRules`). */
export type DefaultFieldRules = Partial<Record<DefaultRoleCode, Record<string, Record<string, FieldAccess>>>>;

/** The six roles, seeded for every tenant; their permissions come from the modules. */
const roleDefinitions: Omit<RoleSeed, 'permissions' | 'fieldPermissions'>[] = [
  {
    code: 'admin',
    name: { 'zh-CN': '系统管理员', 'en-US': 'System admin' },
    description: '用户、部门、角色、权限、数据字典、自定义字段、系统设置、备份还原',
    scope: 'all',
  },
  {
    code: 'executive',
    name: { 'zh-CN': '高管', 'en-US': 'Executive' },
    description: '查看范围内的全部数据、报表与看板',
    scope: 'all',
  },
  {
    code: 'sales_supervisor',
    name: { 'zh-CN': '销售主管', 'en-US': 'Sales supervisor' },
    description: '分配商机与工单、审批计划、设定目标、查看下属报表',
    scope: 'department_and_children',
  },
  {
    code: 'account_manager',
    name: { 'zh-CN': '客户经理', 'en-US': 'Account manager' },
    description: '负责自己的客户、联系人、跟进、商机、开发计划、服务工单与流失处理',
    scope: 'own',
  },
  {
    code: 'marketing',
    name: { 'zh-CN': '市场专员', 'en-US': 'Marketing specialist' },
    description: '市场活动、线索、营销计划',
    scope: 'department',
  },
  {
    code: 'service',
    name: { 'zh-CN': '客服', 'en-US': 'Service agent' },
    description: '服务工单、知识库',
    scope: 'department',
  },
];

let grants: DefaultGrants | undefined;
let fieldRules: DefaultFieldRules = {};

/** Called once by the composition root with the grants and field rules of every manifest. */
export function installDefaultGrants(g: DefaultGrants, rules: DefaultFieldRules = {}) {
  grants = g;
  fieldRules = rules;
}

/** The default roles with today's grants; the admin role holds every permission. */
export function defaultRoles(): RoleSeed[] {
  if (!grants)
    throw new Error('Default grants are not installed: the composition root installs the modules first');
  const installed = grants;
  return roleDefinitions.map((r) => ({
    ...r,
    permissions: r.code === 'admin' ? allPermissions : [...new Set(installed[r.code] ?? [])],
    fieldPermissions: r.code === 'admin' ? {} : (fieldRules[r.code] ?? {}),
  }));
}

export const scopesFor = (scope: DataScope) => Object.fromEntries(scopedModules.map((m) => [m, scope]));
