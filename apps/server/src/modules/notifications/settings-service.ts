import {
  defaultNotificationSettings,
  type NotificationCategory,
  type NotificationEmailMode,
  type NotificationSettings,
  notificationCategories,
  type UpdateNotificationSettings,
} from '@guanxi/contract';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { diff, writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { conflict } from '../../platform/errors.ts';
import { smtpConfigured } from '../mailings/published.ts';
import { notificationSettings } from './schema.ts';

type Row = typeof notificationSettings.$inferSelect;

/** Every category on or off: a missing one is on (a category added later reaches everyone). */
export const categorySwitches = (stored: Record<string, boolean> | null | undefined) =>
  Object.fromEntries(notificationCategories.map((c) => [c, stored?.[c] !== false])) as Record<
    NotificationCategory,
    boolean
  >;

/** The user's e-mail settings as they apply: their row, else the defaults. */
export const effectiveSettings = (row: Row | undefined) => ({
  email: (row?.emailMode ?? defaultNotificationSettings.email) as NotificationEmailMode,
  digestHour: row?.digestHour ?? defaultNotificationSettings.digestHour,
  categories: categorySwitches(row?.categories),
});

async function findRow(db: Db, tenantId: string, userId: string, lock = false) {
  const q = db
    .select()
    .from(notificationSettings)
    .where(and(eq(notificationSettings.tenantId, tenantId), eq(notificationSettings.userId, userId)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** The caller's own settings, with whether anything can be sent (their address, the tenant's SMTP). */
export async function getNotificationSettings(db: Db, c: Caller): Promise<NotificationSettings> {
  const { tenantId, userId } = c.p;
  const [row, address, smtp] = await Promise.all([
    findRow(db, tenantId, userId),
    // users are reference data: the address reminders go to
    db.execute(sql`SELECT email FROM users WHERE tenant_id = ${tenantId} AND id = ${userId}`),
    smtpConfigured(db, tenantId),
  ]);
  const email = (address.rows[0] as { email: string | null } | undefined)?.email?.trim() || null;
  return {
    ...effectiveSettings(row),
    version: row?.version ?? 0,
    emailAddress: email,
    smtpConfigured: smtp,
    lastDigestAt: row?.lastDigestAt ? row.lastDigestAt.toISOString() : null,
  };
}

/**
 * Saves the caller's own settings (version 0 creates them; a stale version is 409). `site` is the
 * address the request came to: the links of their e-mails when the tenant set no site address.
 */
export async function updateNotificationSettings(
  db: Db,
  c: Caller,
  input: UpdateNotificationSettings,
  site: string,
): Promise<NotificationSettings> {
  const { tenantId, userId } = c.p;
  const values = {
    emailMode: input.email,
    digestHour: input.digestHour,
    categories: categorySwitches(input.categories),
    siteUrl: site,
  };
  await db.transaction(async (tx) => {
    const before = await findRow(tx, tenantId, userId, true);
    if (!before) {
      if (input.version !== 0) throw conflict();
      // two first saves at once: the second finds the row taken and is stale
      const inserted = await tx
        .insert(notificationSettings)
        .values({ tenantId, userId, ...values })
        .onConflictDoNothing()
        .returning({ version: notificationSettings.version });
      if (!inserted.length) throw conflict();
    } else {
      if (before.version !== input.version) throw conflict();
      await tx
        .update(notificationSettings)
        .set({ ...values, version: sql`${notificationSettings.version} + 1`, updatedAt: new Date() })
        .where(and(eq(notificationSettings.tenantId, tenantId), eq(notificationSettings.userId, userId)));
    }
    const shown = (r: Row | undefined) => {
      const e = effectiveSettings(r);
      return { email: e.email, digestHour: e.digestHour, ...e.categories };
    };
    await writeAudit(tx, c.actor, {
      action: 'update',
      entity: 'notification-settings',
      entityId: userId,
      summary: `${input.email} ${input.digestHour}:00`,
      changes: diff(shown(before), shown({ ...(before as Row), ...values })),
    });
  });
  return getNotificationSettings(db, c);
}
