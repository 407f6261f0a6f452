import type { MailingListQuery } from '@guanxi/contract';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { insertRows } from '../../platform/bulk-insert.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { mailingRecipients, mailingSettings, mailingSuppressions, mailings } from './schema.ts';

export type MailingRow = typeof mailings.$inferSelect;
export type RecipientRow = typeof mailingRecipients.$inferSelect;
export type SettingsRow = typeof mailingSettings.$inferSelect;

/** The mailings data scope (alias `m`): kept by their creator, in the creator's department. */
export const mailingScope = (p: Principal) =>
  scopePredicate(p, 'mailings', { owner: sql`m.owner_id`, department: sql`m.department_id` });

const live = (p: Principal) => sql`m.tenant_id = ${p.tenantId} AND ${mailingScope(p)}`;

/** Owner's name and recipient counts by status: for a page's rows only. */
const pageColumns = sql`m.*,
  (SELECT u.name FROM users u WHERE u.id = m.owner_id) AS owner_name,
  (SELECT json_build_object(
      'total', count(*),
      'pending', count(*) FILTER (WHERE r.status IN ('pending', 'sending')),
      'sent', count(*) FILTER (WHERE r.status = 'sent'),
      'failed', count(*) FILTER (WHERE r.status = 'failed'),
      'bounced', count(*) FILTER (WHERE r.status = 'bounced'),
      'suppressed', count(*) FILTER (WHERE r.status = 'suppressed'))
    FROM mailing_recipients r WHERE r.mailing_id = m.id) AS counts`;

const sortable = { createdAt: notNull(sql`m.created_at`), name: notNull(sql`m.name`) };

export function listMailings(db: Db, p: Principal, q: MailingListQuery) {
  const parts: SQL[] = [live(p)];
  if (q.status) parts.push(sql`m.status = ${q.status}`);
  if (q.channel) parts.push(sql`m.channel = ${q.channel}`);
  if (q.q) parts.push(sql`m.name ILIKE ${`%${likeEscape(q.q)}%`}`);
  return listPage(
    db,
    q,
    {
      columns: sql`m.*`,
      from: sql`FROM mailings m WHERE ${sql.join(parts, sql` AND `)}`,
      orderBy: orderBy(q.sort, sortable, '-createdAt', sql`m.id`),
      decorate: { alias: 'm', columns: pageColumns, joins: sql`` },
    },
    (row) => row,
  );
}

export async function findVisible(db: Db, p: Principal, id: string) {
  const result = await db.execute(
    sql`SELECT ${pageColumns} FROM mailings m WHERE ${live(p)} AND m.id = ${id}`,
  );
  return result.rows[0] as Record<string, unknown> | undefined;
}

/** The mailing, locked, if the caller sees it. */
export async function lockVisible(tx: Db, p: Principal, id: string): Promise<MailingRow | undefined> {
  const result = await tx.execute(
    sql`SELECT m.id FROM mailings m WHERE ${live(p)} AND m.id = ${id} FOR UPDATE`,
  );
  if (!result.rows.length) return undefined;
  const [row] = await tx.select().from(mailings).where(eq(mailings.id, id));
  return row;
}

export async function insertMailing(tx: Db, values: typeof mailings.$inferInsert) {
  await tx.insert(mailings).values(values);
}

export const insertRecipients = (tx: Db, rows: (typeof mailingRecipients.$inferInsert)[]) =>
  insertRows(tx, mailingRecipients, rows);

export async function updateMailing(tx: Db, id: string, values: Partial<typeof mailings.$inferInsert>) {
  await tx
    .update(mailings)
    .set({ ...values, updatedAt: new Date(), version: sql`${mailings.version} + 1` })
    .where(eq(mailings.id, id));
}

export function listRecipients(
  db: Db,
  tenantId: string,
  mailingId: string,
  q: { page: number; pageSize: number; cursor?: string; status?: string; q?: string },
) {
  const parts: SQL[] = [sql`r.tenant_id = ${tenantId} AND r.mailing_id = ${mailingId}`];
  if (q.status)
    parts.push(
      q.status === 'pending' ? sql`r.status IN ('pending', 'sending')` : sql`r.status = ${q.status}`,
    );
  if (q.q) parts.push(sql`r.address ILIKE ${`%${likeEscape(q.q)}%`}`);
  return listPage(
    db,
    q,
    {
      columns: sql`r.*`,
      from: sql`FROM mailing_recipients r WHERE ${sql.join(parts, sql` AND `)}`,
      orderBy: orderBy(undefined, { createdAt: notNull(sql`r.created_at`) }, 'createdAt', sql`r.id`),
    },
    (row) => row,
  );
}

export async function firstRecipient(db: Db, mailingId: string) {
  const [row] = await db
    .select()
    .from(mailingRecipients)
    .where(eq(mailingRecipients.mailingId, mailingId))
    .orderBy(mailingRecipients.createdAt, mailingRecipients.id)
    .limit(1);
  return row;
}

export async function countRecipients(db: Db, mailingId: string): Promise<number> {
  const result = await db.execute(
    sql`SELECT count(*)::int AS n FROM mailing_recipients WHERE mailing_id = ${mailingId}`,
  );
  return Number((result.rows[0] as { n: number }).n);
}

// ---- settings ----

export async function findSettings(db: Db, tenantId: string, lock = false) {
  const q = db.select().from(mailingSettings).where(eq(mailingSettings.tenantId, tenantId));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertSettings(tx: Db, values: typeof mailingSettings.$inferInsert) {
  await tx.insert(mailingSettings).values(values);
}

export async function updateSettings(
  tx: Db,
  tenantId: string,
  version: number,
  values: Partial<typeof mailingSettings.$inferInsert>,
) {
  return tx
    .update(mailingSettings)
    .set({ ...values, updatedAt: new Date(), version: sql`${mailingSettings.version} + 1` })
    .where(and(eq(mailingSettings.tenantId, tenantId), eq(mailingSettings.version, version)))
    .returning();
}

// ---- unsubscribe ----

export async function recipientForToken(db: Db, id: string) {
  const result = await db.execute(
    sql`SELECT r.id, r.tenant_id, r.address, r.mailing_id, m.channel, s.link_secret
        FROM mailing_recipients r
        JOIN mailings m ON m.id = r.mailing_id
        JOIN mailing_settings s ON s.tenant_id = r.tenant_id
        WHERE r.id = ${id}`,
  );
  return result.rows[0] as
    | {
        id: string;
        tenant_id: string;
        address: string;
        mailing_id: string;
        channel: string;
        link_secret: string;
      }
    | undefined;
}

export async function suppress(
  tx: Db,
  values: { id: string; tenantId: string; channel: string; address: string; mailingId: string },
) {
  const rows = await tx.insert(mailingSuppressions).values(values).onConflictDoNothing().returning();
  return rows.length > 0;
}

// ---- dispatch ----

/** Scheduled mailings whose time has come start sending. */
export async function startDue(db: Db) {
  await db.execute(
    sql`UPDATE mailings SET status = 'sending', started_at = now(), updated_at = now(), version = version + 1
        WHERE status = 'scheduled' AND scheduled_at <= now()`,
  );
}

/** Recipients taken by a dispatcher that died before recording the outcome: failed, never sent twice. */
export async function failInterrupted(db: Db, minutes: number) {
  await db.execute(
    sql`UPDATE mailing_recipients r SET status = 'failed', error = 'interrupted before the outcome was known'
        FROM mailings m WHERE m.id = r.mailing_id AND m.status = 'sending'
          AND r.status = 'sending' AND r.claimed_at < now() - make_interval(mins => ${minutes})`,
  );
}

export async function tenantsSending(db: Db): Promise<string[]> {
  const result = await db.execute(sql`SELECT DISTINCT tenant_id FROM mailings WHERE status = 'sending'`);
  return (result.rows as { tenant_id: string }[]).map((r) => r.tenant_id);
}

/** How many of the tenant's messages were taken for sending in the last minute. */
export async function takenLastMinute(tx: Db, tenantId: string): Promise<number> {
  const result = await tx.execute(
    sql`SELECT count(*)::int AS n FROM mailing_recipients
        WHERE tenant_id = ${tenantId} AND claimed_at > now() - interval '1 minute'`,
  );
  return Number((result.rows[0] as { n: number }).n);
}

/** Pending recipients of sending mailings whose address unsubscribed: suppressed, not sent. */
export async function markSuppressed(tx: Db, tenantId: string) {
  await tx.execute(
    sql`UPDATE mailing_recipients r SET status = 'suppressed'
        FROM mailings m
        WHERE m.id = r.mailing_id AND m.tenant_id = ${tenantId} AND m.status = 'sending'
          AND r.status = 'pending'
          AND EXISTS (SELECT 1 FROM mailing_suppressions s
                      WHERE s.tenant_id = m.tenant_id AND s.channel = m.channel AND s.address = r.address)`,
  );
}

export type Claimed = RecipientRow & {
  channel: string;
  subject: string | null;
  body: string;
  linkBase: string;
};

/** Takes up to `limit` pending recipients of the tenant's sending mailings, oldest mailing first. */
export async function claim(tx: Db, tenantId: string, limit: number): Promise<Claimed[]> {
  const result = await tx.execute(
    sql`UPDATE mailing_recipients r SET status = 'sending', claimed_at = now()
        FROM mailings m
        WHERE m.id = r.mailing_id AND r.id IN (
          SELECT r2.id FROM mailing_recipients r2 JOIN mailings m2 ON m2.id = r2.mailing_id
          WHERE m2.tenant_id = ${tenantId} AND m2.status = 'sending' AND r2.status = 'pending'
          ORDER BY m2.started_at, r2.created_at, r2.id
          LIMIT ${limit} FOR UPDATE OF r2 SKIP LOCKED)
        RETURNING r.id, r.tenant_id, r.mailing_id, r.address, r.merge, m.channel, m.subject, m.body, m.link_base`,
  );
  return (result.rows as Record<string, unknown>[]).map((r) => ({
    id: r.id as string,
    tenantId: r.tenant_id as string,
    mailingId: r.mailing_id as string,
    address: r.address as string,
    merge: (typeof r.merge === 'string' ? JSON.parse(r.merge) : r.merge) as Record<string, string>,
    channel: r.channel as string,
    subject: r.subject as string | null,
    body: r.body as string,
    linkBase: r.link_base as string,
  })) as Claimed[];
}

export async function recordOutcome(db: Db, id: string, outcome: { status: string; error?: string | null }) {
  await db
    .update(mailingRecipients)
    .set({
      status: outcome.status,
      error: outcome.error ?? null,
      sentAt: outcome.status === 'sent' ? new Date() : null,
    })
    .where(eq(mailingRecipients.id, id));
}

/** Sending mailings with nobody left to send to are sent. */
export async function finishDone(db: Db, tenantId: string) {
  await db.execute(
    sql`UPDATE mailings m SET status = 'sent', finished_at = now(), updated_at = now(), version = version + 1
        WHERE m.tenant_id = ${tenantId} AND m.status = 'sending'
          AND NOT EXISTS (SELECT 1 FROM mailing_recipients r
                          WHERE r.mailing_id = m.id AND r.status IN ('pending', 'sending'))`,
  );
}
