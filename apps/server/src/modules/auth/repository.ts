import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiTokens, loginAttempts, sessions } from '../../db/schema/auth.ts';

/** Failed attempts for a login name since its last success, within the window. */
export async function recentFailures(
  db: Db,
  tenantId: string,
  login: string,
  minutes: number,
): Promise<number> {
  const result = await db.execute(sql`SELECT count(*)::int AS n FROM login_attempts a
    WHERE a.tenant_id = ${tenantId} AND a.username = lower(${login}) AND NOT a.success
      AND a.created_at > now() - make_interval(mins => ${minutes})
      AND a.created_at > coalesce((SELECT max(created_at) FROM login_attempts s
        WHERE s.tenant_id = ${tenantId} AND s.username = lower(${login}) AND s.success), '-infinity')`);
  return Number((result.rows[0] as { n: number }).n);
}

export async function recordAttempt(
  db: Db,
  v: { tenantId: string; userId: string | null; login: string; ip: string; success: boolean },
) {
  await db.insert(loginAttempts).values({
    tenantId: v.tenantId,
    userId: v.userId,
    username: v.login.toLowerCase(),
    ip: v.ip,
    success: v.success,
  });
}

export async function insertSession(db: Db, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

export async function revokeSession(db: Db, tenantId: string, id: string) {
  return db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id, userId: sessions.userId });
}

/** Revokes every live session of a user but one (after a password change). */
export async function revokeOtherSessions(db: Db, tenantId: string, userId: string, keepId?: string) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.tenantId, tenantId),
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        keepId ? sql`${sessions.id} <> ${keepId}` : undefined,
      ),
    );
}

export async function findLiveSession(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.tenantId, tenantId),
        eq(sessions.id, id),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date()),
      ),
    );
  return row;
}

export async function listLiveSessions(db: Db, tenantId: string, userId: string | null) {
  return (
    db
      // the holder's name: users are the organisation's reference data, read (never written) by SQL
      .select({
        s: sessions,
        userName: sql<string>`(SELECT u.name FROM users u WHERE u.id = ${sessions.userId})`,
      })
      .from(sessions)
      .where(
        and(
          eq(sessions.tenantId, tenantId),
          userId ? eq(sessions.userId, userId) : undefined,
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, new Date()),
        ),
      )
      .orderBy(desc(sessions.lastSeenAt))
      .limit(500)
  );
}

export async function insertApiToken(db: Db, values: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row;
}

export const listApiTokens = (db: Db, tenantId: string, userId: string) =>
  db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));

export const revokeApiToken = (db: Db, tenantId: string, userId: string, id: string) =>
  db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiTokens.tenantId, tenantId),
        eq(apiTokens.userId, userId),
        eq(apiTokens.id, id),
        isNull(apiTokens.revokedAt),
      ),
    )
    .returning({ id: apiTokens.id, name: apiTokens.name });
