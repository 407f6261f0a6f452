/** What the migrated test template holds: two tenants, each with its admin and default roles. */
export const TEST_PASSWORD = 'Passw0rd-test';
export const tenantsInTemplate = [
  { code: 'acme', name: 'Acme 测试公司', isDefault: true },
  { code: 'other', name: 'Other 公司', isDefault: false },
] as const;

export type TemplateTenant = {
  code: string;
  id: string;
  adminId: string;
  rootDepartmentId: string;
  roleIds: Record<string, string>;
};
