import { type NotificationEmailMode, notificationCategories, notificationCategoryOf } from '@guanxi/contract';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import { dayIn } from '../../platform/dates.ts';
import type { ServerKey } from '../../platform/secrets.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { type SystemMailer, systemMailer } from '../mailings/published.ts';
import { allTenants } from '../organization/tenants-service.ts';
import {
  type MailItem,
  type RenderedMail,
  renderCombined,
  renderDigest,
  renderOne,
  settingsPath,
} from './email-render.ts';
import { notificationSettings } from './schema.ts';
import { categorySwitches } from './settings-service.ts';

/**
 * 邮件提醒: every in-app notification may also go by e-mail, per its reader's settings
 * (`notification_settings`, no row = a daily digest at 08:00 of everything), through the tenant's
 * SMTP (the 群发 settings). The job runs every 5 minutes:
 *  - instant: what is waiting goes now — one e-mail each for up to 3, one combined e-mail for more;
 *  - digest: at the reader's hour (the tenant's time zone), one e-mail of everything waiting,
 *    grouped by category, then nothing until the next day.
 * A notification is e-mailed at most once: a run claims it (`email_status` 'sending', committed
 * under FOR UPDATE SKIP LOCKED, so a second run at the same time passes it by), sends, then records
 * the outcome. A run stopped between the two leaves it 'sending'; the next one gives it up rather
 * than risk a second copy. A failed send goes back to waiting, up to MAX_ATTEMPTS tries (a refused
 * address at once) — then 'failed'. What nobody will mail (no address, e-mail off, no SMTP) is
 * skipped after two days, so configuring SMTP later does not send a backlog.
 */

export const EMAIL_JOB = 'notifications.email';
/** Hours a notification may wait for its e-mail (a missed digest, SMTP not configured yet). */
const WAIT_HOURS = 48;
/** Minutes after which a claimed notification whose run never reported is given up. */
const INTERRUPTED_MINUTES = 15;
export const MAX_ATTEMPTS = 5;
/** Up to this many waiting reminders go one by one; more go as one e-mail. */
const ONE_BY_ONE = 3;

type DueUser = {
  id: string;
  email: string;
  mode: Exclude<NotificationEmailMode, 'off'>;
  categories: Record<string, boolean> | null;
  site_url: string | null;
};

type Claimed = MailItem & { id: string };

export type EmailRunResult = { emails: number; notifications: number; skipped: number; failed: number };
const none = (): EmailRunResult => ({ emails: 0, notifications: 0, skipped: 0, failed: 0 });
const add = (a: EmailRunResult, b: EmailRunResult) => {
  a.emails += b.emails;
  a.notifications += b.notifications;
  a.skipped += b.skipped;
  a.failed += b.failed;
};

/** The calendar day of `at` in the tenant's zone, as SQL. */
const localDay = (at: Date | ReturnType<typeof sql>, tz: string) =>
  sql`(${at}::timestamptz AT TIME ZONE ${tz}::text)::date`;

/**
 * Waiting too long, or claimed by a run that never came back (while 'sending', `emailed_at` is
 * when it was claimed): settled as skipped.
 */
async function giveUp(db: Db, tenantId: string, now: Date) {
  const waited = new Date(now.getTime() - WAIT_HOURS * 3600_000);
  const claimed = new Date(now.getTime() - INTERRUPTED_MINUTES * 60_000);
  const r = await db.execute(sql`UPDATE notifications SET email_status = 'skipped', emailed_at = ${now}
    WHERE tenant_id = ${tenantId}
      AND ((email_status IS NULL AND created_at < ${waited}) OR (email_status = 'sending' AND emailed_at < ${claimed}))
    RETURNING id`);
  return r.rows.length;
}

/**
 * Written by `now`: the database keeps microseconds, a Date only milliseconds — a reminder written
 * in the run's own millisecond is due too (else it waited a run, by chance).
 */
const createdBy = (column: SQL, now: Date) => sql`${column} < ${now}::timestamptz + interval '1 millisecond'`;

/**
 * Readers with something waiting whose e-mail is due now: instant ones always, digest ones at
 * their hour when today's digest has not gone. Active users with an address only.
 */
async function dueUsers(db: Db, tenantId: string, tz: string, now: Date): Promise<DueUser[]> {
  const r =
    await db.execute(sql`SELECT u.id, trim(u.email) AS email, coalesce(s.email_mode, 'digest') AS mode,
      s.categories, s.site_url
    FROM users u LEFT JOIN notification_settings s ON s.tenant_id = u.tenant_id AND s.user_id = u.id
    WHERE u.tenant_id = ${tenantId} AND u.deleted_at IS NULL AND u.status = 'active'
      AND coalesce(trim(u.email), '') <> ''
      AND u.id IN (SELECT DISTINCT n.user_id FROM notifications n
        WHERE n.tenant_id = ${tenantId} AND n.email_status IS NULL AND ${createdBy(sql`n.created_at`, now)})
      AND (coalesce(s.email_mode, 'digest') = 'instant'
        OR (coalesce(s.email_mode, 'digest') = 'digest'
          AND coalesce(s.digest_hour, 8) = extract(hour FROM ${now}::timestamptz AT TIME ZONE ${tz}::text)
          AND (s.last_digest_at IS NULL OR ${localDay(sql`s.last_digest_at`, tz)} < ${localDay(now, tz)})))
    ORDER BY u.id`);
  return r.rows as DueUser[];
}

/**
 * Takes today's digest of a user (the settings row locked; made with the defaults when they never
 * saved): false when another run took it first. Answers the previous time, to put back if sending fails.
 */
async function takeDigest(tx: Db, tenantId: string, userId: string, tz: string, now: Date) {
  const [row] = await tx
    .select({ last: notificationSettings.lastDigestAt, mode: notificationSettings.emailMode })
    .from(notificationSettings)
    .where(and(eq(notificationSettings.tenantId, tenantId), eq(notificationSettings.userId, userId)))
    .for('update');
  if (!row) {
    const made = await tx
      .insert(notificationSettings)
      .values({ tenantId, userId, emailMode: 'digest', digestHour: 8, lastDigestAt: now })
      .onConflictDoNothing()
      .returning({ userId: notificationSettings.userId });
    return made.length ? { taken: true, previous: null } : { taken: false, previous: null };
  }
  if (row.mode !== 'digest') return { taken: false, previous: null };
  if (row.last) {
    const same = await tx.execute(sql`SELECT ${localDay(row.last, tz)} >= ${localDay(now, tz)} AS same`);
    if ((same.rows[0] as { same: boolean }).same) return { taken: false, previous: null };
  }
  await tx
    .update(notificationSettings)
    .set({ lastDigestAt: now })
    .where(and(eq(notificationSettings.tenantId, tenantId), eq(notificationSettings.userId, userId)));
  return { taken: true, previous: row.last };
}

/**
 * Claims what is waiting for one user, in one transaction: what they do not want (a category
 * switched off) is settled as skipped, and so — in instant mode only — is what they already read
 * in the app before the send (they saw it; a digest is the day's record and keeps it). The rest
 * is marked 'sending' and answered, newest first.
 */
async function claim(db: Db, tenantId: string, user: DueUser, tz: string, now: Date) {
  return db.transaction(async (tx) => {
    let previousDigest: Date | null = null;
    if (user.mode === 'digest') {
      const d = await takeDigest(tx, tenantId, user.id, tz, now);
      if (!d.taken) return null;
      previousDigest = d.previous;
    }
    const r = await tx.execute(sql`SELECT id, kind, title, link, created_at, read_at FROM notifications
      WHERE tenant_id = ${tenantId} AND user_id = ${user.id} AND email_status IS NULL AND ${createdBy(sql`created_at`, now)}
      ORDER BY created_at DESC, id DESC
      FOR UPDATE SKIP LOCKED`);
    const on = categorySwitches(user.categories);
    const send: Claimed[] = [];
    const skip: string[] = [];
    for (const row of r.rows as {
      id: string;
      kind: string;
      title: string;
      link: string | null;
      created_at: string | Date;
      read_at: string | Date | null;
    }[]) {
      const category = notificationCategoryOf(row.kind);
      if (!on[category] || (user.mode === 'instant' && row.read_at)) skip.push(row.id);
      else
        send.push({
          id: row.id,
          title: row.title,
          link: row.link,
          createdAt: new Date(row.created_at),
          category,
        });
    }
    if (skip.length)
      await tx.execute(sql`UPDATE notifications SET email_status = 'skipped', emailed_at = ${now}
        WHERE id = ANY(${uuidList(skip)})`);
    if (send.length)
      await tx.execute(sql`UPDATE notifications SET email_status = 'sending', emailed_at = ${now}
        WHERE id = ANY(${uuidList(send.map((s) => s.id))})`);
    return { send, skipped: skip.length, previousDigest };
  });
}

/** Records a send's outcome for its notifications. */
async function record(
  db: Db,
  ids: readonly string[],
  outcome: Awaited<ReturnType<SystemMailer['send']>>,
  now: Date,
) {
  const list = uuidList(ids);
  if (outcome.status === 'sent') {
    await db.execute(sql`UPDATE notifications SET email_status = 'sent', emailed_at = ${now},
      email_attempts = email_attempts + 1, email_error = NULL WHERE id = ANY(${list})`);
    return;
  }
  // a refused address (5xx) will not take it later either; a passing failure waits for the next run
  const last = outcome.status === 'bounced' ? sql`true` : sql`email_attempts + 1 >= ${MAX_ATTEMPTS}`;
  await db.execute(sql`UPDATE notifications SET
      email_status = CASE WHEN ${last} THEN 'failed' ELSE NULL END,
      emailed_at = CASE WHEN ${last} THEN ${now}::timestamptz ELSE NULL END,
      email_attempts = email_attempts + 1, email_error = ${outcome.error.slice(0, 500)}
    WHERE id = ANY(${list})`);
}

/** One tenant's run at `now`; answers what it did. */
export async function emailTenant(
  db: Db,
  key: ServerKey,
  tenant: { id: string; timezone: string },
  now = new Date(),
): Promise<EmailRunResult> {
  const result = none();
  const tz = tenant.timezone;
  result.skipped += await giveUp(db, tenant.id, now);
  const mailer = await systemMailer(db, key, tenant.id);
  // no SMTP: nothing is sent and nothing marked — what waits is skipped after WAIT_HOURS
  if (!mailer) return result;
  try {
    for (const user of await dueUsers(db, tenant.id, tz, now)) {
      const claimed = await claim(db, tenant.id, user, tz, now);
      if (!claimed) continue;
      result.skipped += claimed.skipped;
      if (!claimed.send.length) continue;
      const site = mailer.site ?? user.site_url?.replace(/\/+$/, '') ?? null;
      const frame = { site, timeZone: tz };
      const mails: { ids: string[]; mail: RenderedMail }[] =
        user.mode === 'digest'
          ? [
              {
                ids: claimed.send.map((s) => s.id),
                mail: renderDigest(claimed.send, frame, dayIn(tz, now), notificationCategories),
              },
            ]
          : claimed.send.length <= ONE_BY_ONE
            ? // oldest first, as they happened
              [...claimed.send].reverse().map((s) => ({ ids: [s.id], mail: renderOne(s, frame) }))
            : [{ ids: claimed.send.map((s) => s.id), mail: renderCombined(claimed.send, frame) }];
      for (const { ids, mail } of mails) {
        const outcome = await mailer.send({
          to: user.email,
          ...mail,
          manageUrl: site ? `${site}${settingsPath}` : undefined,
        });
        await record(db, ids, outcome, now);
        if (outcome.status === 'sent') {
          result.emails++;
          result.notifications += ids.length;
        } else {
          result.failed += ids.length;
          // a digest that did not go is tried again by the next run (within the hour)
          if (user.mode === 'digest' && outcome.status === 'failed')
            await db
              .update(notificationSettings)
              .set({ lastDigestAt: claimed.previousDigest })
              .where(
                and(eq(notificationSettings.tenantId, tenant.id), eq(notificationSettings.userId, user.id)),
              );
        }
      }
    }
  } finally {
    mailer.close();
  }
  return result;
}

/** Every tenant's run at `now` (the job, every 5 minutes). */
export async function runEmailReminders(db: Db, key: ServerKey, now = new Date(), log?: FastifyBaseLogger) {
  const total = none();
  for (const tenant of await allTenants(db)) add(total, await emailTenant(db, key, tenant, now));
  if (total.emails || total.failed) log?.info(total, 'reminder e-mails');
  return total;
}
