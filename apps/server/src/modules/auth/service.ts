import type { LoginInput, Me } from '@guanxi/contract';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import {
  burnPasswordCheck,
  checkPasswordPolicy,
  hashPassword,
  verifyPassword,
} from '../../platform/auth/passwords.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { newApiToken, randomToken, sha256 } from '../../platform/auth/tokens.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import * as credentials from '../organization/credentials-service.ts';
import { loginRules, passwordPolicy } from '../organization/security-settings-service.ts';
import { getTenant } from '../organization/tenants-service.ts';
import { toUser } from '../organization/users-service.ts';
import * as repo from './repository.ts';

const TOTP_ISSUER = 'Guanxi CRM';

async function totpValid(secret: string, code: string) {
  try {
    return (await verifyTotp({ secret, token: code, epochTolerance: 30 })).valid;
  } catch {
    return false;
  }
}

export type LoginResult = {
  user: ReturnType<typeof toUser>;
  csrfToken: string;
  sessionToken: string;
  /** The tenant's session length, for the cookie. */
  sessionHours: number;
};

/**
 * Login by username or phone. Unknown user, unknown tenant and wrong password answer the same
 * INVALID_CREDENTIALS; failures are counted per login name, so the lockout looks the same too.
 */
export async function login(
  db: Db,
  config: Config,
  input: LoginInput,
  client: { ip: string; userAgent?: string },
): Promise<LoginResult> {
  const tenant = await credentials.tenantForLogin(db, input.tenant);
  if (!tenant) {
    await burnPasswordCheck(input.password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const login = input.username;
  // the tenant's own lockout and session length (系统设置 → 安全), read now: a change needs no restart
  const rules = await loginRules(db, config, tenant.id);
  if ((await repo.recentFailures(db, tenant.id, login, rules.lockoutMinutes)) >= rules.lockoutAttempts) {
    throw new AppError('ACCOUNT_LOCKED');
  }
  const user = await credentials.userForLogin(db, tenant.id, login);
  const fail = async (code: 'INVALID_CREDENTIALS' | 'TOTP_INVALID') => {
    await db.transaction(async (tx) => {
      await repo.recordAttempt(tx, {
        tenantId: tenant.id,
        userId: user?.id ?? null,
        login,
        ip: client.ip,
        success: false,
      });
      if (user) {
        const actor: Actor = { tenantId: tenant.id, userId: user.id, userName: user.name, ip: client.ip };
        await writeAudit(tx, actor, {
          action: 'login_failed',
          entity: 'users',
          entityId: user.id,
          summary: code,
        });
      }
    });
    const failures = await repo.recentFailures(db, tenant.id, login, rules.lockoutMinutes);
    throw new AppError(failures >= rules.lockoutAttempts ? 'ACCOUNT_LOCKED' : code);
  };
  if (!user) {
    await burnPasswordCheck(input.password);
    return fail('INVALID_CREDENTIALS');
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) return fail('INVALID_CREDENTIALS');
  if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
  if (user.totpEnabled && user.totpSecret) {
    if (!input.totp) throw new AppError('TOTP_REQUIRED');
    // stored sealed (platform/secrets.ts); a value that does not open fails the login, never skips 2FA
    if (!(await totpValid(config.serverKey.open(user.totpSecret), input.totp))) return fail('TOTP_INVALID');
  }

  const sessionToken = randomToken();
  const csrfToken = randomToken(24);
  await db.transaction(async (tx) => {
    await repo.recordAttempt(tx, {
      tenantId: tenant.id,
      userId: user.id,
      login,
      ip: client.ip,
      success: true,
    });
    await repo.insertSession(tx, {
      id: uuidv7(),
      tenantId: tenant.id,
      userId: user.id,
      tokenHash: sha256(sessionToken),
      csrfToken,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      expiresAt: new Date(Date.now() + rules.sessionHours * 3600_000),
    });
    await credentials.markLoggedIn(tx, user.id);
    const actor: Actor = { tenantId: tenant.id, userId: user.id, userName: user.name, ip: client.ip };
    await writeAudit(tx, actor, {
      action: 'login',
      entity: 'users',
      entityId: user.id,
      summary: user.username,
    });
  });
  const profile = (await credentials.userProfile(db, tenant.id, user.id))!;
  return { user: profile, csrfToken, sessionToken, sessionHours: rules.sessionHours };
}

export async function logout(db: Db, p: Principal, actor: Actor) {
  if (!p.sessionId) return;
  await db.transaction(async (tx) => {
    await repo.revokeSession(tx, p.tenantId, p.sessionId!);
    await writeAudit(tx, actor, { action: 'logout', entity: 'users', entityId: p.userId });
  });
}

// A principal object lives as long as its cache entry, so its answer can too.
const meAnswers = new WeakMap<Principal, Me>();

/** Served from the caller's principal: no database round trip when it is cached. */
export function me(p: Principal): Me {
  const known = meAnswers.get(p);
  if (known) return known;
  const answer: Me = {
    user: toUser(null, p.profile),
    tenant: p.profile.tenant,
    permissions: [...p.permissions].sort(),
    dataScopes: p.dataScopes,
    fieldPermissions: p.fieldPermissions,
    csrfToken: p.csrfToken ?? '',
    totpEnrolmentRequired: p.totpEnrolmentRequired,
  };
  meAnswers.set(p, answer);
  return answer;
}

/** The caller's tenant's password policy (the web's password fields check it before sending). */
export const passwordPolicyOf = (db: Db, p: Principal) => passwordPolicy(db, p.tenantId);

export async function changePassword(db: Db, p: Principal, actor: Actor, current: string, next: string) {
  const user = await credentials.userCredentials(db, p.tenantId, p.userId);
  if (!user) throw notFound();
  if (!(await verifyPassword(user.passwordHash, current))) {
    throw new AppError('PASSWORD_WRONG', [{ path: 'currentPassword', message: 'wrong' }]);
  }
  checkPasswordPolicy(next, user.username, 'newPassword', await passwordPolicy(db, p.tenantId));
  if (current === next) throw new AppError('PASSWORD_REUSED', [{ path: 'newPassword', message: 'same' }]);
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await credentials.updateCredentials(tx, p.tenantId, p.userId, {
      passwordHash,
      mustChangePassword: false,
    });
    await repo.revokeOtherSessions(tx, p.tenantId, p.userId, p.sessionId);
    await writeAudit(tx, actor, {
      action: 'password_change',
      entity: 'users',
      entityId: p.userId,
      changes: user.mustChangePassword ? { mustChangePassword: [true, false] } : {},
    });
  });
}

/** Starts TOTP enrolment: a new secret, pending until a code from it is confirmed. */
export async function totpSetup(db: Db, config: Config, p: Principal) {
  const tenant = await getTenant(db, p.tenantId);
  const secret = generateSecret();
  await credentials.updateCredentials(db, p.tenantId, p.userId, {
    totpPendingSecret: config.serverKey.seal(secret),
  });
  const otpauthUrl = generateURI({ issuer: TOTP_ISSUER, label: `${tenant.code}:${p.username}`, secret });
  return { secret, otpauthUrl };
}

export async function totpConfirm(db: Db, config: Config, p: Principal, actor: Actor, code: string) {
  const user = await credentials.userCredentials(db, p.tenantId, p.userId);
  if (!user?.totpPendingSecret || !(await totpValid(config.serverKey.open(user.totpPendingSecret), code))) {
    throw new AppError('TOTP_INVALID', [{ path: 'code', message: 'invalid' }]);
  }
  await db.transaction(async (tx) => {
    await credentials.updateCredentials(tx, p.tenantId, p.userId, {
      totpSecret: user.totpPendingSecret, // sealed as it is: moved, not re-sealed
      totpPendingSecret: null,
      totpEnabled: true,
    });
    await writeAudit(tx, actor, {
      action: 'totp_enable',
      entity: 'users',
      entityId: p.userId,
      changes: { totpEnabled: [user.totpEnabled, true] },
    });
  });
}

export async function totpDisable(db: Db, p: Principal, actor: Actor, password: string) {
  const user = await credentials.userCredentials(db, p.tenantId, p.userId);
  if (!user || !(await verifyPassword(user.passwordHash, password))) {
    throw new AppError('PASSWORD_WRONG', [{ path: 'password', message: 'wrong' }]);
  }
  if (p.totpRequired) throw new AppError('FORBIDDEN', [{ path: 'totp', message: 'required by your role' }]);
  await db.transaction(async (tx) => {
    await credentials.updateCredentials(tx, p.tenantId, p.userId, {
      totpSecret: null,
      totpPendingSecret: null,
      totpEnabled: false,
    });
    await writeAudit(tx, actor, {
      action: 'totp_disable',
      entity: 'users',
      entityId: p.userId,
      changes: { totpEnabled: [user.totpEnabled, false] },
    });
  });
}

// ---- sessions ----
export async function listSessions(db: Db, p: Principal, userId: string | undefined) {
  const target = userId === 'all' ? null : (userId ?? p.userId);
  if (target !== p.userId && !can(p, 'sessions:admin')) throw new AppError('FORBIDDEN');
  const rows = await repo.listLiveSessions(db, p.tenantId, target);
  return rows.map(({ s, userName }) => ({
    id: s.id,
    userId: s.userId,
    userName,
    ip: s.ip,
    userAgent: s.userAgent,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    current: s.id === p.sessionId,
  }));
}

/** Own sessions, or anyone's with `sessions:admin`; another user's session id is 404 otherwise. */
export async function revokeSession(db: Db, p: Principal, actor: Actor, id: string) {
  const session = await repo.findLiveSession(db, p.tenantId, id);
  if (!session || (session.userId !== p.userId && !can(p, 'sessions:admin'))) throw notFound();
  await db.transaction(async (tx) => {
    await repo.revokeSession(tx, p.tenantId, id);
    await writeAudit(tx, actor, {
      action: 'session_revoke',
      entity: 'users',
      entityId: session.userId,
      summary: id,
    });
  });
}

// ---- API tokens ----
const toApiToken = (t: Awaited<ReturnType<typeof repo.insertApiToken>>) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  expiresAt: t.expiresAt?.toISOString() ?? null,
});

export async function listApiTokens(db: Db, p: Principal) {
  return (await repo.listApiTokens(db, p.tenantId, p.userId)).map(toApiToken);
}

export async function createApiToken(
  db: Db,
  p: Principal,
  actor: Actor,
  input: { name: string; expiresInDays?: number },
) {
  const token = newApiToken();
  return db.transaction(async (tx) => {
    const row = await repo.insertApiToken(tx, {
      id: uuidv7(),
      tenantId: p.tenantId,
      userId: p.userId,
      name: input.name,
      prefix: token.slice(0, 10),
      tokenHash: sha256(token),
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86400_000) : null,
    });
    await writeAudit(tx, actor, {
      action: 'token_create',
      entity: 'users',
      entityId: p.userId,
      summary: input.name,
    });
    return { ...toApiToken(row), token };
  });
}

export async function revokeApiToken(db: Db, p: Principal, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const [revoked] = await repo.revokeApiToken(tx, p.tenantId, p.userId, id);
    if (!revoked) throw notFound();
    await writeAudit(tx, actor, {
      action: 'token_revoke',
      entity: 'users',
      entityId: p.userId,
      summary: revoked.name,
    });
  });
}
