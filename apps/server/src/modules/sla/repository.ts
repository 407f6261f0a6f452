import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { tenantTimeZoneSql } from '../organization/tenants-service.ts';
import { slaSettings, slaTargets } from './schema.ts';

export type SettingsRow = typeof slaSettings.$inferSelect;
export type TargetRow = typeof slaTargets.$inferSelect;
export type NewTarget = typeof slaTargets.$inferInsert;

export async function findSettings(db: Db, tenantId: string, forUpdate = false) {
  const q = db.select().from(slaSettings).where(eq(slaSettings.tenantId, tenantId));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row as SettingsRow | undefined;
}

export async function insertSettings(tx: Db, row: typeof slaSettings.$inferInsert) {
  return tx.insert(slaSettings).values(row).onConflictDoNothing().returning();
}

export async function updateSettings(
  tx: Db,
  tenantId: string,
  version: number,
  values: Pick<SettingsRow, 'workDays' | 'startTime' | 'endTime' | 'holidays' | 'makeupDays'>,
) {
  return tx
    .update(slaSettings)
    .set({ ...values, version: sql`${slaSettings.version} + 1`, updatedAt: new Date() })
    .where(and(eq(slaSettings.tenantId, tenantId), eq(slaSettings.version, version)))
    .returning();
}

/** The tenant's targets with the names of their ticket types (reference data), defaults first. */
export async function targetsWithTypes(db: Db, tenantId: string) {
  const res = await db.execute(sql`SELECT t.priority, t.type_id, t.response_minutes, t.resolution_minutes,
      di.name AS type_name, di.name_en AS type_name_en
    FROM sla_targets t
    LEFT JOIN dictionary_items di ON di.tenant_id = t.tenant_id AND di.id = t.type_id
    WHERE t.tenant_id = ${tenantId}
    ORDER BY array_position(ARRAY['urgent','high','normal','low'], t.priority),
      t.type_id IS NOT NULL, di.sort_order, t.type_id`);
  return res.rows as {
    priority: TargetRow['priority'];
    type_id: string | null;
    response_minutes: number;
    resolution_minutes: number;
    type_name: string | null;
    type_name_en: string | null;
  }[];
}

export async function listTargets(db: Db, tenantId: string) {
  return db.select().from(slaTargets).where(eq(slaTargets.tenantId, tenantId));
}

/** The target of a ticket: the type's row when there is one, else the priority's default. */
export async function targetFor(
  db: Db,
  tenantId: string,
  priority: TargetRow['priority'],
  typeId: string | null,
) {
  const res = await db.execute(sql`SELECT response_minutes, resolution_minutes FROM sla_targets
    WHERE tenant_id = ${tenantId} AND priority = ${priority}
      AND (type_id IS NULL OR type_id = ${typeId}::uuid)
    ORDER BY type_id IS NULL LIMIT 1`);
  return res.rows[0] as { response_minutes: number; resolution_minutes: number } | undefined;
}

export async function deleteTargets(tx: Db, tenantId: string) {
  await tx.delete(slaTargets).where(eq(slaTargets.tenantId, tenantId));
}

export async function insertTargets(tx: Db, rows: NewTarget[]) {
  if (rows.length) await tx.insert(slaTargets).values(rows).onConflictDoNothing();
}

/**
 * The calendar's row with the tenant's time zone (the organisation's setting, the calendar ours);
 * no row yet gives the zone alone.
 */
export async function calendarRow(db: Db, tenantId: string) {
  const res = await db.execute(sql`SELECT ${tenantTimeZoneSql(sql`x.id`)} AS timezone,
      s.work_days, s.start_time, s.end_time, s.holidays, s.makeup_days
    FROM (SELECT ${tenantId}::uuid AS id) x
    LEFT JOIN sla_settings s ON s.tenant_id = x.id`);
  return res.rows[0] as {
    timezone: string;
    work_days: number[] | null;
    start_time: string | null;
    end_time: string | null;
    holidays: string[] | null;
    makeup_days: string[] | null;
  };
}
