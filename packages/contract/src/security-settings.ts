import { z } from 'zod';

/** Kinds of character a password policy may require: `letter` is any letter, `upper`/`lower` a case. */
export const passwordClasses = ['letter', 'upper', 'lower', 'digit', 'symbol'] as const;
export type PasswordClass = (typeof passwordClasses)[number];

/** How each kind is found in a password: the server's check and the password fields' early one. */
export const passwordClassTests: Record<PasswordClass, RegExp> = {
  letter: /\p{L}/u,
  upper: /\p{Lu}/u,
  lower: /\p{Ll}/u,
  digit: /[0-9]/,
  symbol: /[^\p{L}0-9]/u,
};

/** Bounds of the security settings (the settings form uses them too). */
export const securityLimits = {
  passwordMinLength: { min: 8, max: 64 },
  lockoutAttempts: { min: 1, max: 100 },
  lockoutMinutes: { min: 1, max: 1440 },
  sessionHours: { min: 1, max: 24 * 90 },
} as const;

/**
 * `GET /settings/security`: the tenant's password policy, lockout, session length and the roles
 * that require TOTP. Lockout and session values a tenant never saved are the server's defaults
 * (GUANXI_LOCKOUT_ATTEMPTS, GUANXI_LOCKOUT_MINUTES, GUANXI_SESSION_HOURS); `defaults` says which.
 */
export const securitySettings = z.object({
  passwordMinLength: z.number().int(),
  passwordClasses: z.array(z.enum(passwordClasses)),
  /** Refuse a password that contains the username (any case). */
  passwordForbidUsername: z.boolean(),
  /** Failed logins within `lockoutMinutes` that lock a login name. */
  lockoutAttempts: z.number().int(),
  lockoutMinutes: z.number().int(),
  /** A session ends after this many hours without a request (each request extends it). */
  sessionHours: z.number().int(),
  /** Roles whose users must enrol TOTP before they can work. */
  totpRoleIds: z.array(z.uuid()),
  /** Every role to choose from (the page needs no `roles:view`). */
  roles: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** The server's defaults, shown next to the fields the tenant has not set. */
  defaults: z.object({ lockoutAttempts: z.number(), lockoutMinutes: z.number(), sessionHours: z.number() }),
  version: z.number().int(),
});
export type SecuritySettings = z.infer<typeof securitySettings>;

const bounded = (b: { min: number; max: number }) => z.number().int().min(b.min).max(b.max);

/** `PUT /settings/security`: every setting, and the tenant's `version` read (stale: 409). */
export const updateSecuritySettings = z.object({
  version: z.number().int(),
  passwordMinLength: bounded(securityLimits.passwordMinLength),
  passwordClasses: z
    .array(z.enum(passwordClasses))
    .max(passwordClasses.length)
    .refine((a) => new Set(a).size === a.length, 'each class once'),
  passwordForbidUsername: z.boolean(),
  lockoutAttempts: bounded(securityLimits.lockoutAttempts),
  lockoutMinutes: bounded(securityLimits.lockoutMinutes),
  sessionHours: bounded(securityLimits.sessionHours),
  totpRoleIds: z.array(z.uuid()).max(200),
});
export type UpdateSecuritySettings = z.infer<typeof updateSecuritySettings>;

/**
 * What a password is checked against (platform/auth/passwords.ts); `GET /auth/password-policy`
 * gives the caller's tenant's, for the password fields to check before sending.
 */
export const passwordPolicy = securitySettings.pick({
  passwordMinLength: true,
  passwordClasses: true,
  passwordForbidUsername: true,
});
export type PasswordPolicy = z.infer<typeof passwordPolicy>;

/** The policy of a tenant that never saved its own (and of a tenant's first admin). */
export const defaultPasswordPolicy: PasswordPolicy = {
  passwordMinLength: 8,
  passwordClasses: ['letter', 'digit'],
  passwordForbidUsername: true,
};
