/**
 * The campaigns module's published interface: what other modules (leads) may ask about campaigns
 * without knowing their table. Stands alone (imports no other module), so leads can use it while
 * campaigns counts leads through the leads service.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { uuidList } from '../../platform/sql-lists.ts';

/** Whether a live (not deleted) campaign of the tenant has this id. Says nothing about the caller's scope. */
export async function campaignExists(db: Db, tenantId: string, campaignId: string): Promise<boolean> {
  const result =
    await db.execute(sql`SELECT 1 FROM campaigns WHERE tenant_id = ${tenantId} AND id = ${campaignId}
    AND deleted_at IS NULL`);
  return result.rows.length > 0;
}

/** Campaigns' "number name" by id, deleted ones too (a member's participations name them). */
export async function campaignTitles(db: Db, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const result = await db.execute(
    sql`SELECT id::text, number || ' ' || name AS title FROM campaigns
      WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList(ids)})`,
  );
  return new Map((result.rows as { id: string; title: string }[]).map((r) => [r.id, r.title]));
}

/** A live campaign's id by its exact name (the demo links its leads to its campaigns this way). */
export async function campaignIdByName(db: Db, tenantId: string, name: string): Promise<string | null> {
  const result = await db.execute(
    sql`SELECT id FROM campaigns WHERE tenant_id = ${tenantId} AND name = ${name} AND deleted_at IS NULL
      ORDER BY created_at LIMIT 1`,
  );
  return (result.rows[0] as { id: string } | undefined)?.id ?? null;
}
