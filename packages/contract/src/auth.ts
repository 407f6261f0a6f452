import { z } from 'zod';
import { timestamp } from './common.ts';
import { apiTokenLimits } from './limits.ts';
import { tenant, user } from './organization.ts';

export const login = z.object({
  /** Tenant code; omitted → the default (first) tenant. */
  tenant: z.string().trim().min(1).max(32).optional(),
  /** Username or phone number. */
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
  totp: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/)
    .optional(),
});
export type LoginInput = z.infer<typeof login>;

export const loginResponse = z.object({ user, csrfToken: z.string() });

export const me = z.object({
  user,
  tenant,
  permissions: z.array(z.string()),
  dataScopes: z.record(z.string(), z.string()),
  fieldPermissions: z.record(z.string(), z.record(z.string(), z.string())),
  csrfToken: z.string(),
  /** The role requires TOTP and the user has not enrolled yet. */
  totpEnrolmentRequired: z.boolean(),
});
export type Me = z.infer<typeof me>;

export const changePassword = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const totpSetupResponse = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const totpConfirm = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/),
});
export const totpDisable = z.object({ password: z.string().min(1).max(128) });

export const session = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: timestamp,
  lastSeenAt: timestamp,
  expiresAt: timestamp,
  current: z.boolean(),
});
export type Session = z.infer<typeof session>;
export const sessionListQuery = z.object({
  /** Admins (`sessions:admin`) may list anyone's; `all` lists every user's sessions of the tenant. */
  userId: z.union([z.uuid(), z.literal('all')]).optional(),
});

export const apiToken = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  expiresAt: timestamp.nullable(),
});
export type ApiToken = z.infer<typeof apiToken>;
export const createApiToken = z.object({
  name: z.string().trim().min(1).max(apiTokenLimits.name),
  expiresInDays: z
    .number()
    .int()
    .min(apiTokenLimits.expiresInDays.min)
    .max(apiTokenLimits.expiresInDays.max)
    .optional(),
});
/** The secret is in this response only; it is stored hashed. */
export const createdApiToken = apiToken.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiToken>;
