import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { imports } from './schema.ts';

export type ImportRow = typeof imports.$inferSelect;

export async function findImport(db: Db, tenantId: string, id: string, userId?: string) {
  const [row] = await db
    .select()
    .from(imports)
    .where(
      and(
        eq(imports.tenantId, tenantId),
        eq(imports.id, id),
        userId ? eq(imports.userId, userId) : undefined,
      ),
    );
  return row as ImportRow | undefined;
}

/** By id alone: for the job, which runs outside any request. */
export async function findImportById(db: Db, id: string) {
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  return row as ImportRow | undefined;
}

export async function findByIdempotencyKey(db: Db, tenantId: string, userId: string, key: string) {
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.tenantId, tenantId), eq(imports.userId, userId), eq(imports.idempotencyKey, key)));
  return row as ImportRow | undefined;
}

export async function insertImport(db: Db, values: typeof imports.$inferInsert) {
  const [row] = await db.insert(imports).values(values).onConflictDoNothing().returning();
  return row as ImportRow | undefined;
}

export async function setImport(db: Db, id: string, values: Partial<ImportRow>) {
  await db
    .update(imports)
    .set({ ...values, updatedAt: new Date(), version: sql`${imports.version} + 1` })
    .where(eq(imports.id, id));
}

/**
 * Adds a batch to the progress counters; answers the counters after it. Call it in the batch's
 * transaction: `processed` then always says which rows are in.
 */
export async function addProgress(
  tx: Db,
  id: string,
  add: { processed: number; created: number; updated: number; skipped: number },
) {
  const [row] = await tx
    .update(imports)
    .set({
      processed: sql`${imports.processed} + ${add.processed}`,
      created: sql`${imports.created} + ${add.created}`,
      updated: sql`${imports.updated} + ${add.updated}`,
      skipped: sql`${imports.skipped} + ${add.skipped}`,
      updatedAt: new Date(),
      version: sql`${imports.version} + 1`,
    })
    .where(eq(imports.id, id))
    .returning({ processed: imports.processed });
  return row;
}

/** Imports cut off by a stop: they say how far they got and can be resumed. */
export async function markInterrupted(db: Db) {
  return db
    .update(imports)
    .set({ status: 'interrupted', updatedAt: new Date() })
    .where(sql`${imports.status} IN ('validating', 'importing')`)
    .returning();
}

export async function listImports(db: Db, tenantId: string, userId: string) {
  return db
    .select()
    .from(imports)
    .where(and(eq(imports.tenantId, tenantId), eq(imports.userId, userId)))
    .orderBy(sql`${imports.createdAt} DESC`)
    .limit(20);
}
