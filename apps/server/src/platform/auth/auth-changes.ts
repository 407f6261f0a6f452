import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/** Replicas tell each other that cached callers may be stale (PostgreSQL LISTEN/NOTIFY). */
export const AUTH_CHANNEL = 'guanxi_auth_changed';

export async function announceAuthChange(db: Db) {
  await db.execute(sql.raw(`NOTIFY ${AUTH_CHANNEL}`));
}
