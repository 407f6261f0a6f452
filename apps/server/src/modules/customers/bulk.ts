import type { BulkResult } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * Applies `each` to every id in one transaction; ids the caller may not change are reported,
 * not fatal (each id runs in a savepoint so a refused one leaves nothing half-done).
 */
export async function bulk(
  db: Db,
  ids: string[],
  each: (tx: Db, id: string) => Promise<void>,
): Promise<BulkResult> {
  const failed: BulkResult['failed'] = [];
  let updated = 0;
  await db.transaction(async (tx) => {
    for (const id of [...new Set(ids)]) {
      try {
        await tx.transaction(async (sp) => each(sp, id));
        updated++;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        failed.push({ id, code: err.code });
      }
    }
  });
  return { updated, failed };
}
