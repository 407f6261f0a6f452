import type { DefaultRoleCode, FieldAccess, Permission, PermissionModule } from '@guanxi/contract';
import type { Db } from './db/client.ts';
import type { ApprovalDocument } from './modules/approvals/service.ts';
import type { CustomFieldEntityDef } from './modules/custom-fields/service.ts';
import type { CustomerChild } from './modules/customers/service.ts';
import type { DictionaryReference } from './modules/dictionaries/service.ts';
import type { FileEntity } from './modules/files/service.ts';
import type { Api, Deps } from './platform/http.ts';
import type { JobDefinition } from './platform/jobs.ts';
import type { SealedColumn } from './platform/sealed-values.ts';
import type { ServerKey } from './platform/secrets.ts';
import type { UserLifecycle } from './platform/user-lifecycle.ts';

/** What the first start's demo data builds on: the demo tenant as the organisation seed left it. */
export type DemoTenant = {
  tenantId: string;
  rootDepartmentId: string;
  /** Ids of the default roles by code. */
  roleIds: Record<string, string>;
  /** Demo people sign in with the admin's first password. */
  password: string;
  /** The server key, for demo data holding sealed credentials (absent: such data is not made). */
  serverKey?: ServerKey;
};

/**
 * Everything a module brings, declared in one place: `modules/<m>/index.ts` exports one of these
 * and `app.ts` lists it once. Nothing registers itself when a file is imported.
 */
export type ModuleManifest = {
  /** The module's folder under `modules/`. */
  name: string;
  /** Route plugins, registered under `/api/v1` in this order. */
  routes?: readonly ((deps: Deps) => (api: Api) => Promise<void>)[];
  /** The modules of the permission catalogue (packages/contract, permissions.ts) this one owns. */
  permissions?: readonly PermissionModule[];
  /** What each default role is granted at tenant creation (the admin role gets everything). */
  defaultGrants?: Partial<Record<Exclude<DefaultRoleCode, 'admin'>, readonly Permission[]>>;
  /**
   * Field rules a default role starts with at tenant creation, per permission module and field
   * (`{account_manager: {products: {cost: 'hidden'}}}`); without one a field is editable.
   */
  defaultFieldRules?: Partial<
    Record<Exclude<DefaultRoleCode, 'admin'>, Partial<Record<PermissionModule, Record<string, FieldAccess>>>>
  >;
  /** Background jobs: queues the module sends to, and recurring schedules. */
  jobs?: readonly JobDefinition[];
  /** Runs at process start after migrations, before requests (e.g. marks interrupted work). */
  onStart?: (db: Db) => Promise<void>;
  /** What happens to the module's records when a user moves department or leaves. */
  userLifecycle?: UserLifecycle;
  /** Entities whose records carry custom fields. */
  customFieldEntities?: readonly CustomFieldEntityDef[];
  /** Columns that point at dictionary items (an item in use cannot be deleted). */
  dictionaryReferences?: readonly DictionaryReference[];
  /** Records that belong to a customer (moved by merge, shown on the 360 timeline). */
  customerChildren?: readonly CustomerChild[];
  /** Records that carry attached files, and who may see / change one (its files follow). */
  fileEntities?: readonly FileEntity[];
  /** Documents that go through the approval engine (审批): their type, who sees them, what a decision does. */
  approvalDocuments?: readonly ApprovalDocument[];
  /** Columns holding credentials sealed with the server key (checked at start, re-sealed by `rotate-key`). */
  sealedColumns?: readonly SealedColumn[];
  /** Data every tenant has: run in the tenant's creation transaction, and at start for what is missing. */
  seedTenant?: (tx: Db, tenantId: string) => Promise<void>;
  /** Demo data of the first start (unless GUANXI_DEMO=0), run in manifest order. */
  seedDemo?: (db: Db, demo: DemoTenant) => Promise<void>;
};

/** Identity, for the types: `export default defineModule({ name: 'pools', … })`. */
export const defineModule = (m: ModuleManifest): ModuleManifest => m;
