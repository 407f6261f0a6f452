import type { Db } from '../../db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { notifications } from './schema.ts';
import type { NewNotification } from './service.ts';

/** Rows per INSERT: well under PostgreSQL's 65 535 bind parameters (11 per row). */
const CHUNK = 1000;

/**
 * Delivers many in-app notifications in the caller's transaction, one INSERT per thousand (a
 * sweep that warns hundreds of people at once); a duplicate `dedupeKey` for a user is skipped.
 * Answers how many were delivered.
 */
export async function notifyMany(tx: Db, rows: readonly NewNotification[]): Promise<number> {
  let delivered = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await tx
      .insert(notifications)
      .values(rows.slice(i, i + CHUNK).map((n) => ({ ...n, id: uuidv7(), data: n.data ?? {} })))
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    delivered += inserted.length;
  }
  return delivered;
}
