import { allPermissions, type DataScope, type DefaultRoleCode, scopedModules } from '@guanxi/contract';

type RoleSeed = {
  code: DefaultRoleCode;
  name: { 'zh-CN': string; 'en-US': string };
  description: string;
  permissions: string[];
  scope: DataScope;
};

const view = (modules: string[]) => modules.map((m) => `${m}:view`);
const contactsAll = ['contacts:view', 'contacts:create', 'contacts:edit', 'contacts:delete'];
const poolUser = ['pools:view', 'pools:claim', 'pools:release'];

/**
 * The six roles of SPEC §0, seeded for every tenant. Later modules add their permissions here
 * (e.g. the account manager gets `customers:*` with scope `own`).
 */
export const defaultRoles: RoleSeed[] = [
  {
    code: 'admin',
    name: { 'zh-CN': '系统管理员', 'en-US': 'System admin' },
    description: '用户、部门、角色、权限、数据字典、自定义字段、系统设置、备份还原',
    permissions: allPermissions,
    scope: 'all',
  },
  {
    code: 'executive',
    name: { 'zh-CN': '高管', 'en-US': 'Executive' },
    description: '查看范围内的全部数据、报表与看板',
    permissions: [
      ...view(['users', 'departments', 'roles', 'customers', 'contacts', 'pools']),
      'customers:export',
    ],
    scope: 'all',
  },
  {
    code: 'sales_supervisor',
    name: { 'zh-CN': '销售主管', 'en-US': 'Sales supervisor' },
    description: '分配商机与工单、审批计划、设定目标、查看下属报表',
    permissions: [
      ...view(['users', 'departments']),
      ...['view', 'create', 'edit', 'delete', 'export', 'import', 'transfer', 'assign', 'merge'].map(
        (a) => `customers:${a}`,
      ),
      ...contactsAll,
      ...poolUser,
    ],
    scope: 'department_and_children',
  },
  {
    code: 'account_manager',
    name: { 'zh-CN': '客户经理', 'en-US': 'Account manager' },
    description: '负责自己的客户、联系人、跟进、商机、开发计划、服务工单与流失处理',
    permissions: [
      ...view(['users', 'departments']),
      ...['view', 'create', 'edit', 'export'].map((a) => `customers:${a}`),
      ...contactsAll,
      ...poolUser,
    ],
    scope: 'own',
  },
  {
    code: 'marketing',
    name: { 'zh-CN': '市场专员', 'en-US': 'Marketing specialist' },
    description: '市场活动、线索、营销计划',
    permissions: [...view(['users', 'departments', 'customers', 'contacts']), 'customers:create'],
    scope: 'department',
  },
  {
    code: 'service',
    name: { 'zh-CN': '客服', 'en-US': 'Service agent' },
    description: '服务工单、知识库',
    permissions: [...view(['users', 'departments', 'customers', 'contacts'])],
    scope: 'department',
  },
];

export const scopesFor = (scope: DataScope) => Object.fromEntries(scopedModules.map((m) => [m, scope]));
