import type { BackupSettings, BackupSettingsView } from '@guanxi/contract';
import { and, eq, isNotNull, isNull, ne, or } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import { todayIn } from '../../platform/dates.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { allTenants } from '../organization/tenants-service.ts';
import { backupSettings, backups } from './schema.ts';
import { DEFAULT_KEEP_LAST, isSystemAdmin, runBackup } from './service.ts';

export const SCHEDULE_JOB = 'backups.schedule';

export async function getSettings(db: Db, tenantId: string): Promise<BackupSettingsView> {
  const [row] = await db.select().from(backupSettings).where(eq(backupSettings.tenantId, tenantId));
  return {
    dailyHour: row?.dailyHour ?? null,
    keepLast: row?.keepLast ?? DEFAULT_KEEP_LAST,
    systemScope: await isSystemAdmin(db, tenantId),
  };
}

export async function putSettings(db: Db, actor: Actor, input: BackupSettings): Promise<BackupSettingsView> {
  const before = await getSettings(db, actor.tenantId);
  await db.transaction(async (tx) => {
    await tx
      .insert(backupSettings)
      .values({ tenantId: actor.tenantId, ...input })
      .onConflictDoUpdate({ target: backupSettings.tenantId, set: { ...input, updatedAt: new Date() } });
    await writeAudit(tx, actor, {
      action: 'update',
      entity: 'backup_settings',
      changes: {
        dailyHour: [before.dailyHour, input.dailyHour],
        keepLast: [before.keepLast, input.keepLast],
      },
    });
  });
  return getSettings(db, actor.tenantId);
}

const hourIn = (timeZone: string, now: Date) =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));

/**
 * The hourly job: each tenant whose daily hour has come (in its time zone) and that has no
 * scheduled backup today yet gets one, written here (the job is the worker), then retention.
 * Claiming the day first (`last_run_on`) makes a second replica's run a no-op.
 */
export async function runSchedule(db: Db, config: Config, serverKeyId: string, now = new Date()) {
  const tenants = new Map((await allTenants(db)).map((t) => [t.id, t]));
  const due = await db.select().from(backupSettings).where(isNotNull(backupSettings.dailyHour));
  for (const s of due) {
    const tenant = tenants.get(s.tenantId);
    if (!tenant || hourIn(tenant.timezone, now) < s.dailyHour!) continue;
    const today = todayIn(tenant.timezone, now);
    const claimed = await db
      .update(backupSettings)
      .set({ lastRunOn: today })
      .where(
        and(
          eq(backupSettings.tenantId, s.tenantId),
          or(isNull(backupSettings.lastRunOn), ne(backupSettings.lastRunOn, today)),
        ),
      )
      .returning({ tenantId: backupSettings.tenantId });
    if (!claimed.length) continue;
    const id = uuidv7();
    await db.insert(backups).values({
      id,
      tenantId: s.tenantId,
      scope: 'tenant',
      trigger: 'schedule',
      createdByName: null,
      createdAt: now,
    });
    await runBackup(db, config, serverKeyId, id);
  }
}
