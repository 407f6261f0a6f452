import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { tenants } from './schema.ts';

export type TenantRow = typeof tenants.$inferSelect;

export async function findTenantById(db: Db, id: string) {
  const [row] = await db.select().from(tenants).where(eq(tenants.id, id));
  return row;
}

export async function findTenantByCode(db: Db, code: string) {
  const [row] = await db.select().from(tenants).where(sql`lower(${tenants.code}) = lower(${code})`);
  return row;
}

export async function findDefaultTenant(db: Db) {
  const [row] = await db
    .select()
    .from(tenants)
    .orderBy(sql`${tenants.isDefault} DESC`, tenants.createdAt)
    .limit(1);
  return row;
}

export async function insertTenant(db: Db, values: typeof tenants.$inferInsert) {
  const [row] = await db.insert(tenants).values(values).returning();
  return row;
}

export async function updateTenantRow(db: Db, id: string, version: number, values: Partial<TenantRow>) {
  return db
    .update(tenants)
    .set({ ...values, updatedAt: new Date(), version: sql`${tenants.version} + 1` })
    .where(sql`${tenants.id} = ${id} AND ${tenants.version} = ${version}`)
    .returning();
}

export function listTenants(db: Db) {
  return db
    .select({
      id: tenants.id,
      code: tenants.code,
      name: tenants.name,
      timezone: tenants.timezone,
      isDefault: tenants.isDefault,
    })
    .from(tenants)
    .orderBy(desc(tenants.isDefault), tenants.createdAt);
}
