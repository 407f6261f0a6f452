import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { uuidList } from '../../platform/sql-lists.ts';

export type AnnouncementRow = {
  id: string;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  kind: 'notice' | 'instruction';
  title: string;
  content: string;
  sender_id: string;
  department_id: string;
  pinned: boolean;
  expires_at: Date | string | null;
  due_at: Date | string | null;
  target_user_ids: string[];
  target_department_ids: string[];
  recipient_count: number;
  /** The caller's scope covers the sender (or the caller is the sender). */
  covers: boolean;
};

/** The announcements scope over an announcement's sender and their department when sent. */
export const senderScope = (p: Principal, alias = 'a') =>
  scopePredicate(p, 'announcements', {
    owner: sql`${sql.identifier(alias)}.sender_id`,
    department: sql`${sql.identifier(alias)}.department_id`,
  });

const isRecipient = (p: Principal) =>
  sql`EXISTS (SELECT 1 FROM announcement_recipients r WHERE r.announcement_id = a.id AND r.user_id = ${p.userId})`;

/** What the caller sees: sent by someone in their scope (themselves included), or addressed to them. */
export const visible = (p: Principal) =>
  sql`a.tenant_id = ${p.tenantId} AND a.deleted_at IS NULL AND (${senderScope(p)} OR a.sender_id = ${p.userId} OR ${isRecipient(p)})`;

export const rowColumns = (p: Principal) =>
  sql`a.id, a.version, a.created_at, a.updated_at, a.kind, a.title, a.content, a.sender_id, a.department_id, a.pinned,
    a.expires_at, a.due_at, a.target_user_ids, a.target_department_ids, a.recipient_count,
    (a.sender_id = ${p.userId} OR ${senderScope(p)}) AS covers`;

export async function findVisible(db: Db, p: Principal, id: string, lock = false) {
  const r = await db.execute(
    sql`SELECT ${rowColumns(p)} FROM announcements a WHERE a.id = ${id} AND ${visible(p)} ${lock ? sql`FOR UPDATE OF a` : sql``}`,
  );
  return r.rows[0] as AnnouncementRow | undefined;
}

/** The parts of one list page: the caller's inbox or expired box, or what was sent in their scope. */
export function listParts(
  p: Principal,
  q: { box: 'inbox' | 'expired' | 'sent'; kind?: string; q?: string },
  now: Date,
): { from: SQL; orderBy: SQL } {
  const filters: SQL[] = [];
  if (q.kind) filters.push(sql`a.kind = ${q.kind}`);
  if (q.q) filters.push(sql`a.title ILIKE ${`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  const extra = filters.length ? sql` AND ${sql.join(filters, sql` AND `)}` : sql``;
  if (q.box === 'sent')
    return {
      from: sql`FROM announcements a WHERE a.tenant_id = ${p.tenantId} AND a.deleted_at IS NULL
        AND (a.sender_id = ${p.userId} OR ${senderScope(p)})${extra}`,
      orderBy: sql`a.created_at DESC, a.id DESC`,
    };
  const current =
    q.box === 'inbox' ? sql`(a.expires_at IS NULL OR a.expires_at > ${now})` : sql`a.expires_at <= ${now}`;
  return {
    from: sql`FROM announcement_recipients me JOIN announcements a ON a.id = me.announcement_id
      WHERE me.tenant_id = ${p.tenantId} AND me.user_id = ${p.userId} AND a.deleted_at IS NULL AND ${current}${extra}`,
    orderBy:
      q.box === 'inbox'
        ? sql`a.pinned DESC, a.created_at DESC, a.id DESC`
        : sql`a.expires_at DESC, a.id DESC`,
  };
}

/** Read and done counts of announcements, and the caller's own receipts. */
export async function countsAndReceipts(db: Db, tenantId: string, userId: string, ids: string[]) {
  if (!ids.length) return { counts: new Map(), mine: new Map() };
  const rows = (
    await db.execute(sql`SELECT announcement_id,
        count(read_at)::int AS read, count(done_at)::int AS done,
        max(read_at) FILTER (WHERE user_id = ${userId}) AS my_read,
        max(done_at) FILTER (WHERE user_id = ${userId}) AS my_done,
        max(done_note) FILTER (WHERE user_id = ${userId}) AS my_note,
        bool_or(user_id = ${userId}) AS mine
      FROM announcement_recipients WHERE tenant_id = ${tenantId} AND announcement_id = ANY(${uuidList(ids)})
      GROUP BY announcement_id`)
  ).rows as {
    announcement_id: string;
    read: number;
    done: number;
    my_read: string | null;
    my_done: string | null;
    my_note: string | null;
    mine: boolean;
  }[];
  const counts = new Map(rows.map((r) => [r.announcement_id, { read: r.read, done: r.done }]));
  const mine = new Map(
    rows
      .filter((r) => r.mine)
      .map((r) => [r.announcement_id, { readAt: r.my_read, doneAt: r.my_done, note: r.my_note }]),
  );
  return { counts, mine };
}

export async function userNames(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const r = await db.execute(
    sql`SELECT id, name FROM users WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList(ids)})`,
  );
  return new Map((r.rows as { id: string; name: string }[]).map((u) => [u.id, u.name]));
}

export async function departmentNames(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const r = await db.execute(
    sql`SELECT id, name FROM departments WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList(ids)})`,
  );
  return new Map((r.rows as { id: string; name: string }[]).map((u) => [u.id, u.name]));
}

// ---- the audience ----

/** A user as addressed: active, and whether the caller's announcements scope reaches them. */
export async function targetUsers(db: Db, p: Principal, ids: string[]) {
  const r = await db.execute(sql`SELECT u.id,
      ${scopePredicate(p, 'announcements', { owner: sql`u.id`, department: sql`u.department_id` })} AS reach
    FROM users u WHERE u.tenant_id = ${p.tenantId} AND u.id = ANY(${uuidList(ids)})
      AND u.deleted_at IS NULL AND u.status = 'active'`);
  return r.rows as { id: string; reach: boolean }[];
}

export async function targetDepartments(db: Db, tenantId: string, ids: string[]) {
  const r = await db.execute(sql`SELECT id FROM departments
    WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList(ids)}) AND deleted_at IS NULL`);
  return (r.rows as { id: string }[]).map((d) => d.id);
}

/**
 * Resolves the audience into recipient rows, once: the addressed users, and the active people of
 * the addressed departments and every department below them whom the sender's scope reaches (the
 * sender only when addressed by name). Later joiners of a department get nothing.
 */
export async function insertRecipients(
  tx: Db,
  p: Principal,
  announcementId: string,
  userIds: string[],
  departmentIds: string[],
): Promise<number> {
  const r =
    await tx.execute(sql`INSERT INTO announcement_recipients (tenant_id, announcement_id, user_id, department_id)
    SELECT u.tenant_id, ${announcementId}, u.id, u.department_id FROM users u
    WHERE u.tenant_id = ${p.tenantId} AND u.deleted_at IS NULL AND u.status = 'active'
      AND (u.id = ANY(${uuidList(userIds)})
        OR (u.id <> ${p.userId}
          AND ${scopePredicate(p, 'announcements', { owner: sql`u.id`, department: sql`u.department_id` })}
          AND EXISTS (SELECT 1 FROM departments d JOIN departments t ON t.tenant_id = d.tenant_id
              AND t.id = ANY(${uuidList(departmentIds)}) AND d.path LIKE t.path || '%'
            WHERE d.tenant_id = u.tenant_id AND d.id = u.department_id AND d.deleted_at IS NULL)))
    ON CONFLICT DO NOTHING
    RETURNING user_id`);
  return r.rows.length;
}

export async function recipientIds(
  db: Db,
  tenantId: string,
  announcementId: string,
  which: 'all' | 'unread' | 'undone',
) {
  const cond =
    which === 'unread'
      ? sql` AND r.read_at IS NULL`
      : which === 'undone'
        ? sql` AND r.done_at IS NULL`
        : sql``;
  const r = await db.execute(sql`SELECT r.user_id FROM announcement_recipients r
    JOIN users u ON u.id = r.user_id AND u.deleted_at IS NULL AND u.status = 'active'
    WHERE r.tenant_id = ${tenantId} AND r.announcement_id = ${announcementId}${cond}`);
  return (r.rows as { user_id: string }[]).map((x) => x.user_id);
}

export async function markReminded(
  tx: Db,
  tenantId: string,
  announcementId: string,
  userIds: string[],
  at: Date,
) {
  if (!userIds.length) return;
  await tx.execute(sql`UPDATE announcement_recipients SET reminded_at = ${at}
    WHERE tenant_id = ${tenantId} AND announcement_id = ${announcementId} AND user_id = ANY(${uuidList(userIds)})`);
}

export async function receiptRows(db: Db, tenantId: string, announcementId: string) {
  const r =
    await db.execute(sql`SELECT r.user_id, u.name, r.department_id, coalesce(d.name, '') AS department_name,
      r.read_at, r.done_at, r.done_note
    FROM announcement_recipients r
    JOIN users u ON u.id = r.user_id
    LEFT JOIN departments d ON d.id = r.department_id
    WHERE r.tenant_id = ${tenantId} AND r.announcement_id = ${announcementId}
    ORDER BY d.path NULLS LAST, u.name, r.user_id`);
  return r.rows as {
    user_id: string;
    name: string;
    department_id: string;
    department_name: string;
    read_at: Date | string | null;
    done_at: Date | string | null;
    done_note: string | null;
  }[];
}

/** The caller's receipt, locked, for reading or completing. */
export async function lockReceipt(tx: Db, tenantId: string, announcementId: string, userId: string) {
  const r = await tx.execute(sql`SELECT read_at, done_at FROM announcement_recipients
    WHERE tenant_id = ${tenantId} AND announcement_id = ${announcementId} AND user_id = ${userId} FOR UPDATE`);
  return r.rows[0] as { read_at: Date | string | null; done_at: Date | string | null } | undefined;
}

export async function setRead(tx: Db, tenantId: string, announcementId: string, userId: string, at: Date) {
  await tx.execute(sql`UPDATE announcement_recipients SET read_at = ${at}
    WHERE tenant_id = ${tenantId} AND announcement_id = ${announcementId} AND user_id = ${userId} AND read_at IS NULL`);
}

export async function setDone(
  tx: Db,
  tenantId: string,
  announcementId: string,
  userId: string,
  at: Date,
  note: string | null,
) {
  await tx.execute(sql`UPDATE announcement_recipients SET done_at = ${at}, done_note = ${note}, read_at = coalesce(read_at, ${at})
    WHERE tenant_id = ${tenantId} AND announcement_id = ${announcementId} AND user_id = ${userId}`);
}

export async function undoneCount(tx: Db, tenantId: string, announcementId: string) {
  const r = await tx.execute(sql`SELECT count(*)::int AS n FROM announcement_recipients
    WHERE tenant_id = ${tenantId} AND announcement_id = ${announcementId} AND done_at IS NULL`);
  return (r.rows[0] as { n: number }).n;
}

export async function unreadCounts(db: Db, p: Principal, now: Date) {
  const r = await db.execute(sql`SELECT count(*) FILTER (WHERE me.read_at IS NULL)::int AS unread,
      count(*) FILTER (WHERE a.kind = 'instruction' AND me.done_at IS NULL)::int AS pending
    FROM announcement_recipients me JOIN announcements a ON a.id = me.announcement_id
    WHERE me.tenant_id = ${p.tenantId} AND me.user_id = ${p.userId} AND a.deleted_at IS NULL
      AND (a.expires_at IS NULL OR a.expires_at > ${now})`);
  return r.rows[0] as { unread: number; pending: number };
}

/** People and departments the caller's scope reaches, by name. */
export async function audienceUsers(db: Db, p: Principal, q: string | undefined) {
  const like = q
    ? sql` AND (u.name ILIKE ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} OR u.username ILIKE ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})`
    : sql``;
  const r = await db.execute(sql`SELECT u.id, u.name, coalesce(d.name, '') AS department_name FROM users u
    LEFT JOIN departments d ON d.id = u.department_id
    WHERE u.tenant_id = ${p.tenantId} AND u.deleted_at IS NULL AND u.status = 'active'
      AND ${scopePredicate(p, 'announcements', { owner: sql`u.id`, department: sql`u.department_id` })}${like}
    ORDER BY u.name, u.id LIMIT 50`);
  return (r.rows as { id: string; name: string; department_name: string }[]).map((u) => ({
    id: u.id,
    name: u.name,
    departmentName: u.department_name,
  }));
}

export async function departmentsIn(db: Db, tenantId: string, ids: string[] | 'all') {
  const r = await db.execute(sql`SELECT id, name, parent_id FROM departments
    WHERE tenant_id = ${tenantId} AND deleted_at IS NULL ${ids === 'all' ? sql`` : sql`AND id = ANY(${uuidList(ids)})`}
    ORDER BY path, sort_order LIMIT 2000`);
  return (r.rows as { id: string; name: string; parent_id: string | null }[]).map((d) => ({
    id: d.id,
    name: d.name,
    parentId: d.parent_id,
  }));
}

// ---- the due reminders ----

/** Instructions due within a day (sent more than a day before their due time), not yet reminded. */
export async function dueSoonCandidates(db: Db, now: Date) {
  const r = await db.execute(sql`SELECT id FROM announcements
    WHERE kind = 'instruction' AND deleted_at IS NULL AND overdue_reminded_at IS NULL AND due_soon_reminded_at IS NULL
      AND due_at > ${now} AND due_at <= ${new Date(now.getTime() + 86_400_000)}
      AND created_at < due_at - interval '1 day' AND (expires_at IS NULL OR expires_at > ${now})`);
  return (r.rows as { id: string }[]).map((x) => x.id);
}

export async function overdueCandidates(db: Db, now: Date) {
  const r = await db.execute(sql`SELECT id FROM announcements
    WHERE kind = 'instruction' AND deleted_at IS NULL AND overdue_reminded_at IS NULL AND due_at <= ${now}
      AND (expires_at IS NULL OR expires_at > ${now})`);
  return (r.rows as { id: string }[]).map((x) => x.id);
}

/** Claims one reminder of one instruction: the update that sets it wins, on any replica. */
export async function claimReminder(tx: Db, id: string, which: 'soon' | 'overdue', now: Date) {
  const column = which === 'soon' ? sql`due_soon_reminded_at` : sql`overdue_reminded_at`;
  const r = await tx.execute(sql`UPDATE announcements SET ${column} = ${now}
    WHERE id = ${id} AND ${column} IS NULL RETURNING tenant_id, title, sender_id, due_at`);
  return r.rows[0] as
    | { tenant_id: string; title: string; sender_id: string; due_at: Date | string }
    | undefined;
}
