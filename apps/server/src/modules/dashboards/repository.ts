import type { DashboardCard } from '@guanxi/contract';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { dashboardLayouts } from './schema.ts';

export type LayoutRow = typeof dashboardLayouts.$inferSelect;
/** Whose layout: a user's own or a role's default. */
export type Owner = { userId: string } | { roleId: string };

const ownedBy = (tenantId: string, o: Owner) =>
  and(
    eq(dashboardLayouts.tenantId, tenantId),
    'userId' in o ? eq(dashboardLayouts.userId, o.userId) : eq(dashboardLayouts.roleId, o.roleId),
  );

export async function findLayout(db: Db, tenantId: string, o: Owner, lock = false) {
  const q = db.select().from(dashboardLayouts).where(ownedBy(tenantId, o));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** The tenant's defaults of these roles. */
export const roleLayouts = (db: Db, tenantId: string, roleIds: string[]) =>
  roleIds.length
    ? db
        .select()
        .from(dashboardLayouts)
        .where(and(eq(dashboardLayouts.tenantId, tenantId), inArray(dashboardLayouts.roleId, roleIds)))
    : Promise.resolve([] as LayoutRow[]);

export async function insertLayout(db: Db, tenantId: string, by: string, o: Owner, cards: DashboardCard[]) {
  const [row] = await db
    .insert(dashboardLayouts)
    .values({ id: uuidv7(), tenantId, createdBy: by, cards, ...o })
    .returning();
  return row!;
}

export async function updateLayout(db: Db, id: string, cards: DashboardCard[]) {
  const [row] = await db
    .update(dashboardLayouts)
    .set({ cards, updatedAt: new Date(), version: sql`${dashboardLayouts.version} + 1` })
    .where(eq(dashboardLayouts.id, id))
    .returning();
  return row!;
}

export const deleteLayout = (db: Db, id: string) =>
  db.delete(dashboardLayouts).where(eq(dashboardLayouts.id, id));
