import { z } from 'zod';
import { id, listQuery, phone, recordBase, timestamp, username } from './common.ts';
import { fileSizeLimits } from './files.ts';
import { departmentLimits, EMAIL_MAX, roleLimits, tenantLimits, userLimits } from './limits.ts';
import { dataScopes, fieldAccessLevels } from './permissions.ts';

// ---- departments ----
export const department = z.object({
  ...recordBase,
  name: z.string(),
  parentId: z.string().nullable(),
  sortOrder: z.number().int(),
  /** Number of direct users (active or not, not left). */
  userCount: z.number().int(),
});
export type Department = z.infer<typeof department>;

const departmentName = z.string().trim().min(1).max(departmentLimits.name);
const sortOrder = z.number().int().min(departmentLimits.sortOrder.min).max(departmentLimits.sortOrder.max);
export const createDepartment = z.object({
  name: departmentName,
  parentId: id,
  sortOrder: sortOrder.optional(),
});
export const updateDepartment = z.object({
  version: z.number().int(),
  name: departmentName.optional(),
  /** Move: the new parent. Never the department itself or one of its descendants. */
  parentId: id.optional(),
  sortOrder: sortOrder.optional(),
});
export type CreateDepartment = z.infer<typeof createDepartment>;
export type UpdateDepartment = z.infer<typeof updateDepartment>;

// ---- roles ----
const scopeMap = z.record(z.string(), z.enum(dataScopes));
const fieldPermissionMap = z.record(z.string(), z.record(z.string(), z.enum(fieldAccessLevels)));

export const role = z.object({
  ...recordBase,
  code: z.string().nullable(),
  name: z.string(),
  description: z.string(),
  permissions: z.array(z.string()),
  dataScopes: scopeMap,
  /** `{ users: { phone: 'masked' } }` — per module, per field. Absent means edit. */
  fieldPermissions: fieldPermissionMap,
  requireTotp: z.boolean(),
  userCount: z.number().int(),
});
export type Role = z.infer<typeof role>;

const roleName = z.string().trim().min(1).max(roleLimits.name);
const roleDescription = z.string().trim().max(roleLimits.description);
export const createRole = z.object({
  name: roleName,
  description: roleDescription.optional(),
  permissions: z.array(z.string()).max(500).default([]),
  dataScopes: scopeMap.default({}),
  fieldPermissions: fieldPermissionMap.default({}),
  requireTotp: z.boolean().default(false),
});
export const updateRole = z.object({
  version: z.number().int(),
  name: roleName.optional(),
  description: roleDescription.optional(),
  permissions: z.array(z.string()).max(500).optional(),
  dataScopes: scopeMap.optional(),
  fieldPermissions: fieldPermissionMap.optional(),
  requireTotp: z.boolean().optional(),
});
export type CreateRole = z.input<typeof createRole>;
export type UpdateRole = z.infer<typeof updateRole>;

// ---- users ----
export const userStatuses = ['active', 'disabled', 'left'] as const;
export type UserStatus = (typeof userStatuses)[number];

export const user = z.object({
  ...recordBase,
  username: z.string(),
  name: z.string(),
  /** Masked (`138****1234`) or absent when the caller's field permissions say so. */
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  employeeCode: z.string().nullable().optional(),
  departmentId: z.string(),
  departmentName: z.string(),
  supervisorId: z.string().nullable(),
  supervisorName: z.string().nullable(),
  jobTitle: z.string().nullable(),
  status: z.enum(userStatuses),
  roleIds: z.array(z.string()),
  roleNames: z.array(z.string()),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: timestamp.nullable(),
});
export type User = z.infer<typeof user>;

const personName = z.string().trim().min(1).max(userLimits.name);
const email = z.email().max(EMAIL_MAX);
const jobTitle = z.string().trim().max(userLimits.jobTitle);
const employeeCode = z.string().trim().max(userLimits.employeeCode);

export const createUser = z.object({
  username,
  name: personName,
  password: z.string().min(1).max(128),
  departmentId: id,
  roleIds: z.array(id).max(20).default([]),
  supervisorId: id.nullable().optional(),
  phone: phone.nullable().optional(),
  email: email.nullable().optional(),
  employeeCode: employeeCode.nullable().optional(),
  jobTitle: jobTitle.nullable().optional(),
});
export const updateUser = z.object({
  version: z.number().int(),
  name: personName.optional(),
  departmentId: id.optional(),
  roleIds: z.array(id).max(20).optional(),
  supervisorId: id.nullable().optional(),
  phone: phone.nullable().optional(),
  email: email.nullable().optional(),
  employeeCode: employeeCode.nullable().optional(),
  jobTitle: jobTitle.nullable().optional(),
  status: z.enum(userStatuses).optional(),
});
export type CreateUser = z.input<typeof createUser>;
export type UpdateUser = z.infer<typeof updateUser>;

export const resetPassword = z.object({ version: z.number().int(), password: z.string().min(1).max(128) });

export const userListQuery = listQuery.extend({
  departmentId: id.optional(),
  /** With `departmentId`: include users of its sub-departments. */
  includeChildren: z.enum(['true', 'false']).optional(),
  status: z.enum(userStatuses).optional(),
  roleId: id.optional(),
});
export type UserListQuery = z.infer<typeof userListQuery>;

/** 离职: hand the user's customers (all or chosen) and open records to a user or a pool, then set `left`. */
export const userDeparture = z
  .object({
    toUserId: id.optional(),
    toPoolId: id.optional(),
    customerIds: z.array(id).max(10_000).optional(),
  })
  .refine((v) => Boolean(v.toUserId) !== Boolean(v.toPoolId), 'give exactly one of toUserId and toPoolId');
export const userDepartureResult = z.object({
  /** How many records each module handed over, e.g. `{customers: 12}`. */
  transferred: z.record(z.string(), z.number().int()),
});

export const bulkUserStatus = z.object({
  ids: z.array(id).min(1).max(100),
  status: z.enum(userStatuses),
});

// ---- tenants ----
export const tenant = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  timezone: z.string(),
  employeeCodePattern: z.string(),
});
export type Tenant = z.infer<typeof tenant>;

/** The tenant's import row limit: its bounds and the default of a new tenant. */
export const importRowLimits = { min: 1, max: 10_000_000, default: 1_000_000 } as const;
/** `GET`/`PATCH /tenant` answer the tenant with its `version`. */
export const tenantWithVersion = tenant.extend({
  /** Rows (after the header) one import file may have; a bigger file is refused (IMPORT_TOO_LARGE). */
  importMaxRows: z.number().int(),
  /** Bytes one attached file may have; a bigger one is refused (FILE_TOO_LARGE). */
  fileMaxBytes: z.number().int(),
  version: z.number().int(),
});
export type TenantWithVersion = z.infer<typeof tenantWithVersion>;

/** `GET /permissions`: the catalogue the role editor shows. */
export const permissionCatalogResponse = z.object({
  modules: z.array(
    z.object({
      module: z.string(),
      actions: z.array(z.string()),
      scoped: z.boolean(),
      fields: z.array(z.string()),
    }),
  ),
});

export const tenantSettings = z.object({
  version: z.number().int(),
  name: z.string().trim().min(1).max(tenantLimits.name).optional(),
  timezone: z.string().trim().min(1).max(64).optional(),
  /** A regular expression every employee code must match, e.g. `^[A-Z]{2}[0-9]{4}$`. */
  employeeCodePattern: z.string().trim().min(1).max(tenantLimits.employeeCodePattern).optional(),
  importMaxRows: z.number().int().min(importRowLimits.min).max(importRowLimits.max).optional(),
  fileMaxBytes: z.number().int().min(fileSizeLimits.min).max(fileSizeLimits.max).optional(),
});

// ---- check-in rules (签到规则) ----
export const checkInOutOfRangeModes = ['flag', 'reject'] as const;
/** Bounds of the check-in rules (the settings form uses them too). */
export const checkInLimits = {
  radiusMeters: { min: 10, max: 50_000 },
  accuracyLimitMeters: { min: 5, max: 5_000 },
  trackIntervalSeconds: { min: 30, max: 3_600 },
} as const;
/** `HH:mm`, 00:00–23:59. */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm');

/** `GET /settings/check-in`: the tenant's field-work rules, with the tenant's `version`. */
export const checkInSettings = z.object({
  /** How far from the customer's location a check-in may be, in metres. */
  radiusMeters: z.number().int(),
  /** Beyond the radius: `flag` keeps the check-in marked 超范围, `reject` refuses it. */
  outOfRange: z.enum(checkInOutOfRangeModes),
  photoRequired: z.boolean(),
  /**
   * A position fix whose accuracy is worse than this (metres) is not accepted: the phone takes it
   * again, and a check-in that still comes with one is kept flagged `low_accuracy`. Default 200: a GPS
   * fix outdoors is 5–50 m and a Wi-Fi fix inside an office building 30–150 m, while a fix from
   * cell towers alone (500 m and more) could not tell inside the 500 m radius from outside it.
   */
  accuracyLimitMeters: z.number().int(),
  /** Working hours in the tenant's time zone, `HH:mm`; the end is after the start. */
  workStart: z.string(),
  workEnd: z.string(),
  /** Seconds between two track points during working hours. */
  trackIntervalSeconds: z.number().int(),
  version: z.number().int(),
});
export type CheckInSettings = z.infer<typeof checkInSettings>;

const bounded = (b: { min: number; max: number }) => z.number().int().min(b.min).max(b.max);

/** `PATCH /settings/check-in`: the fields to change and the `version` read. */
export const updateCheckInSettings = z
  .object({
    version: z.number().int(),
    radiusMeters: bounded(checkInLimits.radiusMeters).optional(),
    outOfRange: z.enum(checkInOutOfRangeModes).optional(),
    photoRequired: z.boolean().optional(),
    accuracyLimitMeters: bounded(checkInLimits.accuracyLimitMeters).optional(),
    workStart: clockTime.optional(),
    workEnd: clockTime.optional(),
    trackIntervalSeconds: bounded(checkInLimits.trackIntervalSeconds).optional(),
  })
  .refine((v) => !v.workStart || !v.workEnd || v.workEnd > v.workStart, {
    path: ['workEnd'],
    message: 'after workStart',
  });
export type UpdateCheckInSettings = z.infer<typeof updateCheckInSettings>;
