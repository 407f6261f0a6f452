import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    timezone: text('timezone').notNull().default('Asia/Shanghai'),
    employeeCodePattern: text('employee_code_pattern').notNull().default('^[A-Z]{2}[0-9]{4}$'),
    /** Rows one import file may have (see modules/imports/limits.ts). */
    importMaxRows: integer('import_max_rows').notNull().default(1_000_000),
    /** Bytes one attached file may have (20 MiB; see modules/files). */
    fileMaxBytes: integer('file_max_bytes').notNull().default(20_971_520),
    // ---- check-in rules (签到规则, GET/PATCH /settings/check-in) ----
    /** How far from the customer's location a check-in may be, in metres. */
    checkInRadiusMeters: integer('check_in_radius_meters').notNull().default(500),
    /** Beyond the radius: keep the check-in and flag it, or refuse it. */
    checkInOutOfRange: text('check_in_out_of_range', { enum: ['flag', 'reject'] })
      .notNull()
      .default('flag'),
    checkInPhotoRequired: boolean('check_in_photo_required').notNull().default(true),
    /** A position fix less accurate than this (metres) is not accepted. */
    checkInAccuracyLimitMeters: integer('check_in_accuracy_limit_meters').notNull().default(200),
    /** Working hours (HH:mm, the tenant's time zone): when field tracks are recorded. */
    workStart: text('work_start').notNull().default('09:00'),
    workEnd: text('work_end').notNull().default('18:00'),
    /** Seconds between two track points of a field rep during working hours. */
    trackIntervalSeconds: integer('track_interval_seconds').notNull().default(300),
    // ---- security (GET/PUT /settings/security; null: the server's GUANXI_* default) ----
    passwordMinLength: integer('password_min_length').notNull().default(8),
    passwordClasses: text('password_classes').array().notNull().default(sql`'{letter,digit}'::text[]`),
    passwordForbidUsername: boolean('password_forbid_username').notNull().default(true),
    lockoutAttempts: integer('lockout_attempts'),
    lockoutMinutes: integer('lockout_minutes'),
    /** Idle hours after which a session ends. */
    sessionHours: integer('session_hours'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('tenants_code_uq').on(t.code)],
);

export const departments = pgTable(
  'departments',
  {
    ...baseColumns(),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    /** Materialised path of ids, `/<root>/<child>/…/<self>/`: subtree = `path LIKE '<path>%'`. */
    path: text('path').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    index('departments_tenant_path_idx')
      .on(t.tenantId, t.path.op('text_pattern_ops'))
      .where(sql`${t.deletedAt} IS NULL`),
    uniqueIndex('departments_sibling_name_uq')
      .on(t.tenantId, sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.name)
      .where(sql`${t.deletedAt} IS NULL`),
  ],
);

export const users = pgTable(
  'users',
  {
    ...baseColumns(),
    username: text('username').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    employeeCode: text('employee_code'),
    departmentId: uuid('department_id').notNull(),
    supervisorId: uuid('supervisor_id'),
    jobTitle: text('job_title'),
    status: text('status', { enum: ['active', 'disabled', 'left'] })
      .notNull()
      .default('active'),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    totpSecret: text('totp_secret'),
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    lastLoginAt: tz('last_login_at'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    uniqueIndex('users_username_uq')
      .on(t.tenantId, sql`lower(${t.username})`)
      .where(sql`${t.deletedAt} IS NULL`),
    uniqueIndex('users_phone_uq').on(t.tenantId, t.phone).where(sql`${t.deletedAt} IS NULL`),
    uniqueIndex('users_employee_code_uq').on(t.tenantId, t.employeeCode).where(sql`${t.deletedAt} IS NULL`),
    index('users_tenant_department_idx').on(t.tenantId, t.departmentId).where(sql`${t.deletedAt} IS NULL`),
    index('users_tenant_supervisor_idx').on(t.tenantId, t.supervisorId).where(sql`${t.deletedAt} IS NULL`),
    // serves the default order of the users list (by username)
    index('users_tenant_username_idx').on(t.tenantId, t.username, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('users_tenant_created_idx').on(t.tenantId, t.createdAt, t.id).where(sql`${t.deletedAt} IS NULL`),
  ],
);

export const roles = pgTable(
  'roles',
  {
    ...baseColumns(),
    /** Code of a seeded default role (`admin`, `executive`, …); null for custom roles. */
    code: text('code'),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    permissions: text('permissions').array().notNull().default(sql`'{}'::text[]`),
    /**
     * What the default-role seed last granted a seeded role: a start-up sync adds only what the
     * seed grants beyond this, so permissions an admin removed are not granted again.
     */
    seededPermissions: text('seeded_permissions').array().notNull().default(sql`'{}'::text[]`),
    dataScopes: jsonb('data_scopes').$type<Record<string, string>>().notNull().default({}),
    fieldPermissions: jsonb('field_permissions')
      .$type<Record<string, Record<string, string>>>()
      .notNull()
      .default({}),
    requireTotp: boolean('require_totp').notNull().default(false),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    uniqueIndex('roles_name_uq').on(t.tenantId, t.name).where(sql`${t.deletedAt} IS NULL`),
    uniqueIndex('roles_code_uq').on(t.tenantId, t.code).where(sql`${t.deletedAt} IS NULL`),
  ],
);

export const userRoles = pgTable(
  'user_roles',
  {
    tenantId: uuid('tenant_id').notNull(),
    userId: uuid('user_id').notNull(),
    roleId: uuid('role_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.roleId] }),
    index('user_roles_role_idx').on(t.tenantId, t.roleId),
  ],
);
