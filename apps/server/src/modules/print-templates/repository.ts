import type { PrintDocumentType } from '@guanxi/contract';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { printTemplates } from './schema.ts';

export type TemplateRow = typeof printTemplates.$inferSelect;

/** The tenant's row of the type (a restored one too: its version goes on), optionally locked. */
export async function rowOf(db: Db, tenantId: string, type: PrintDocumentType, lock = false) {
  const q = db
    .select()
    .from(printTemplates)
    .where(and(eq(printTemplates.tenantId, tenantId), eq(printTemplates.type, type)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The tenant's own template text of the type, or null (the default prints). */
export async function activeTemplate(db: Db, tenantId: string, type: PrintDocumentType) {
  const [row] = await db
    .select({ template: printTemplates.template })
    .from(printTemplates)
    .where(
      and(
        eq(printTemplates.tenantId, tenantId),
        eq(printTemplates.type, type),
        isNull(printTemplates.deletedAt),
      ),
    );
  return row?.template ?? null;
}

export async function insert(
  tx: Db,
  tenantId: string,
  type: PrintDocumentType,
  template: string,
  userId: string | null,
) {
  const [row] = await tx
    .insert(printTemplates)
    .values({ id: uuidv7(), tenantId, type, template, createdBy: userId, updatedBy: userId })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

/** Saves (or, with `deleted`, restores the default) if `version` is the stored one. */
export async function save(
  tx: Db,
  id: string,
  version: number,
  values: { template: string; deletedAt: Date | null; updatedBy: string | null },
) {
  return tx
    .update(printTemplates)
    .set({ ...values, updatedAt: new Date(), version: sql`${printTemplates.version} + 1` })
    .where(and(eq(printTemplates.id, id), eq(printTemplates.version, version)))
    .returning();
}
