/**
 * What the auth module needs of users and tenants: finding the account that signs in, and
 * changing its credentials (password, two-factor, last login). The auth module owns sessions,
 * tokens and the sign-in rules; the user rows stay the organisation's.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from './schema.ts';
import { tenantByCode } from './tenants-service.ts';
import * as repo from './users-repository.ts';
import { toUser } from './users-service.ts';

type UserCredentials = repo.UserRow;
type CredentialFields = Partial<
  Pick<
    UserCredentials,
    'passwordHash' | 'mustChangePassword' | 'totpSecret' | 'totpPendingSecret' | 'totpEnabled'
  >
>;

/** The tenant a sign-in names, or the default tenant. */
export const tenantForLogin = (db: Db, code?: string) => tenantByCode(db, code);

/** The live account with this username or phone in the tenant. */
export const userForLogin = (db: Db, tenantId: string, login: string) =>
  repo.findUserByLogin(db, tenantId, login);

/** A user's row with its credentials (never sent to a client). */
export const userCredentials = (db: Db, tenantId: string, userId: string) =>
  repo.findUserRow(db, tenantId, userId);

/** The signed-in user as the API shows it. */
export async function userProfile(db: Db, tenantId: string, userId: string) {
  const view = await repo.findUserView(db, tenantId, userId);
  return view ? toUser(null, view) : undefined;
}

/** Changes a user's credentials (bumps the version, like any edit of the user). */
export async function updateCredentials(db: Db, tenantId: string, userId: string, values: CredentialFields) {
  await db
    .update(users)
    .set({ ...values, updatedAt: new Date(), version: sql`${users.version} + 1` })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
}

/** Stamps the last sign-in (not an edit: no version change). */
export async function markLoggedIn(db: Db, userId: string) {
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, userId));
}
