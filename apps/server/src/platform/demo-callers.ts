import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { toPrincipal } from './auth/hook.ts';
import { findUserPrincipal } from './auth/principal-repository.ts';
import { type Caller, callerForJob } from './caller.ts';

/** Demo data: the caller of a demo person by username (null when the organisation's demo has no such person). */
export async function demoCaller(db: Db, tenantId: string, username: string): Promise<Caller | null> {
  const found = await db.execute(
    sql`SELECT id FROM users WHERE tenant_id = ${tenantId} AND username = ${username} AND deleted_at IS NULL`,
  );
  const id = (found.rows[0] as { id: string } | undefined)?.id;
  const row = id ? await findUserPrincipal(db, tenantId, id) : undefined;
  return row ? callerForJob(toPrincipal(row, 'job')) : null;
}
