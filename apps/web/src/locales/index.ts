import enAudit from './en-US/audit.json';
import enAuth from './en-US/auth.json';
import enCommon from './en-US/common.json';
import enCustomers from './en-US/customers.json';
import enCustomFields from './en-US/customFields.json';
import enDepartments from './en-US/departments.json';
import enDictionaries from './en-US/dictionaries.json';
import enExports from './en-US/exports.json';
import enHome from './en-US/home.json';
import enImports from './en-US/imports.json';
import enLayout from './en-US/layout.json';
import enNotifications from './en-US/notifications.json';
import enPools from './en-US/pools.json';
import enProfile from './en-US/profile.json';
import enRoles from './en-US/roles.json';
import enSavedQueries from './en-US/savedQueries.json';
import enSystem from './en-US/system.json';
import enUsers from './en-US/users.json';
import zhAudit from './zh-CN/audit.json';
import zhAuth from './zh-CN/auth.json';
import zhCommon from './zh-CN/common.json';
import zhCustomers from './zh-CN/customers.json';
import zhCustomFields from './zh-CN/customFields.json';
import zhDepartments from './zh-CN/departments.json';
import zhDictionaries from './zh-CN/dictionaries.json';
import zhExports from './zh-CN/exports.json';
import zhHome from './zh-CN/home.json';
import zhImports from './zh-CN/imports.json';
import zhLayout from './zh-CN/layout.json';
import zhNotifications from './zh-CN/notifications.json';
import zhPools from './zh-CN/pools.json';
import zhProfile from './zh-CN/profile.json';
import zhRoles from './zh-CN/roles.json';
import zhSavedQueries from './zh-CN/savedQueries.json';
import zhSystem from './zh-CN/system.json';
import zhUsers from './zh-CN/users.json';

const zhCN = {
  common: zhCommon,
  auth: zhAuth,
  layout: zhLayout,
  home: zhHome,
  exports: zhExports,
  imports: zhImports,
  departments: zhDepartments,
  users: zhUsers,
  roles: zhRoles,
  savedQueries: zhSavedQueries,
  profile: zhProfile,
  audit: zhAudit,
  system: zhSystem,
  dictionaries: zhDictionaries,
  customFields: zhCustomFields,
  customers: zhCustomers,
  pools: zhPools,
  notifications: zhNotifications,
};

const enUS = {
  common: enCommon,
  auth: enAuth,
  layout: enLayout,
  home: enHome,
  exports: enExports,
  imports: enImports,
  departments: enDepartments,
  users: enUsers,
  roles: enRoles,
  savedQueries: enSavedQueries,
  profile: enProfile,
  audit: enAudit,
  system: enSystem,
  dictionaries: enDictionaries,
  customFields: enCustomFields,
  customers: enCustomers,
  pools: enPools,
  notifications: enNotifications,
};

/** Compile-time check that both languages have exactly the same keys. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
type Same<A extends Shape<B>, B extends Shape<A>> = [A, B];
export type LocalesHaveSameKeys = Same<typeof zhCN, typeof enUS>;

export const resources = { 'zh-CN': zhCN, 'en-US': enUS } as const;
export type Resources = typeof zhCN;
