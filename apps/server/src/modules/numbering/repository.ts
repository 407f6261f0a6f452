import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { numberingRules } from '../../db/schema/platform.ts';

export type RuleRow = typeof numberingRules.$inferSelect;
type RuleValues = Pick<RuleRow, 'prefix' | 'datePattern' | 'sequenceWidth' | 'resetPeriod' | 'separator'>;
const t = numberingRules;

export function listRules(db: Db, tenantId: string): Promise<RuleRow[]> {
  return db.select().from(t).where(eq(t.tenantId, tenantId));
}

export async function findRule(db: Db, tenantId: string, entity: string) {
  const [row] = await db
    .select()
    .from(t)
    .where(and(eq(t.tenantId, tenantId), eq(t.entity, entity)));
  return row as RuleRow | undefined;
}

/** The tenant's first own rule of an entity; nothing when one appeared meanwhile. */
export function insertRule(tx: Db, tenantId: string, entity: string, values: RuleValues) {
  return tx
    .insert(t)
    .values({ tenantId, entity, ...values, version: 1 })
    .onConflictDoNothing()
    .returning();
}

export function updateRule(tx: Db, tenantId: string, entity: string, version: number, values: RuleValues) {
  return tx
    .update(t)
    .set({ ...values, updatedAt: new Date(), version: sql`${t.version} + 1` })
    .where(and(eq(t.tenantId, tenantId), eq(t.entity, entity), eq(t.version, version)))
    .returning();
}
