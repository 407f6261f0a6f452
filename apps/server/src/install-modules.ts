import type { ModuleManifest } from './module-manifest.ts';
import { installApprovalDocuments } from './modules/approvals/service.ts';
import { installCustomFieldEntities } from './modules/custom-fields/service.ts';
import { installCustomerChildren } from './modules/customers/service.ts';
import { installDictionaryReferences } from './modules/dictionaries/service.ts';
import { installFileEntities } from './modules/files/service.ts';
import type { DefaultFieldRules, DefaultGrants } from './modules/organization/roles-service.ts';
import { installDefaultGrants } from './modules/organization/roles-service.ts';
import { installTenantSeeds } from './modules/organization/tenants-service.ts';
import { installSealedColumns } from './platform/sealed-values.ts';
import { installUserLifecycles } from './platform/user-lifecycle.ts';

/**
 * Hands every module's declarations to the modules that offer the extension point (users leave →
 * customers move; custom fields; dictionary references; a customer's child records; default
 * grants; tenant seeds; sealed credentials; records that carry files; documents that go through approvals). Called by buildApp and by anything that creates tenants without an app;
 * idempotent.
 */
export function installModules(modules: readonly ModuleManifest[]) {
  const grants: DefaultGrants = {};
  const fieldRules: DefaultFieldRules = {};
  for (const m of modules) {
    for (const [role, list] of Object.entries(m.defaultGrants ?? {}) as [keyof DefaultGrants, string[]][])
      grants[role] = [...(grants[role] ?? []), ...(list as NonNullable<DefaultGrants[typeof role]>)];
    for (const [role, rules] of Object.entries(m.defaultFieldRules ?? {}) as [
      keyof DefaultFieldRules,
      object,
    ][])
      fieldRules[role] = { ...fieldRules[role], ...(rules as NonNullable<DefaultFieldRules[typeof role]>) };
  }
  installDefaultGrants(grants, fieldRules);
  installTenantSeeds(modules.flatMap((m) => (m.seedTenant ? [m.seedTenant] : [])));
  installUserLifecycles(modules.flatMap((m) => (m.userLifecycle ? [m.userLifecycle] : [])));
  installCustomFieldEntities(modules.flatMap((m) => m.customFieldEntities ?? []));
  installDictionaryReferences(modules.flatMap((m) => m.dictionaryReferences ?? []));
  installCustomerChildren(modules.flatMap((m) => m.customerChildren ?? []));
  installFileEntities(modules.flatMap((m) => m.fileEntities ?? []));
  installSealedColumns(modules.flatMap((m) => m.sealedColumns ?? []));
  installApprovalDocuments(modules.flatMap((m) => m.approvalDocuments ?? []));
}
