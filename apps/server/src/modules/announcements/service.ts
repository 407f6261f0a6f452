import type {
  Announcement,
  AnnouncementAudience,
  AnnouncementListQuery,
  AnnouncementReceipts,
  AnnouncementUnread,
  CreateAnnouncement,
  ListResponse,
  UpdateAnnouncement,
} from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { diff, writeAudit } from '../../platform/audit.ts';
import { can, type Principal, scopeOf } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion } from '../../platform/optimistic.ts';
import { listPage } from '../../platform/pagination.ts';
import { sanitizeRichText } from '../../platform/rich-text.ts';
import { claimUploads } from '../files/uploads-service.ts';
import { notifyMany } from '../notifications/bulk-service.ts';
import * as repo from './repository.ts';
import { announcements } from './schema.ts';

export const ENTITY = 'announcements';
const KIND_LABEL = { notice: '通知', instruction: '指令' } as const;
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
export const link = (id: string) => `/announcements?id=${id}`;

// ---- answers ----

async function toAnnouncements(db: Db, p: Principal, rows: repo.AnnouncementRow[], now = new Date()) {
  const ids = rows.map((r) => r.id);
  const [{ counts, mine }, users, departments] = await Promise.all([
    repo.countsAndReceipts(db, p.tenantId, p.userId, ids),
    repo.userNames(db, p.tenantId, [...new Set(rows.flatMap((r) => [r.sender_id, ...r.target_user_ids]))]),
    repo.departmentNames(db, p.tenantId, [...new Set(rows.flatMap((r) => r.target_department_ids))]),
  ]);
  return rows.map((r): Announcement => {
    const c = counts.get(r.id) ?? { read: 0, done: 0 };
    const m = mine.get(r.id);
    const expiresAt = iso(r.expires_at);
    const dueAt = iso(r.due_at);
    return {
      id: r.id,
      version: r.version,
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
      kind: r.kind,
      title: r.title,
      content: r.content,
      senderId: r.sender_id,
      senderName: users.get(r.sender_id) ?? '',
      pinned: r.pinned,
      expiresAt,
      expired: expiresAt !== null && new Date(expiresAt) <= now,
      dueAt,
      overdue: dueAt !== null && new Date(dueAt) <= now && c.done < r.recipient_count,
      users: r.target_user_ids.map((id) => ({ id, name: users.get(id) ?? '' })),
      departments: r.target_department_ids.map((id) => ({ id, name: departments.get(id) ?? '' })),
      recipientCount: r.recipient_count,
      readCount: c.read,
      doneCount: c.done,
      receipt: m ? { readAt: iso(m.readAt), doneAt: iso(m.doneAt), note: m.note } : null,
      manage: r.covers,
    };
  });
}

// ---- reads ----

export async function load(db: Db, p: Principal, id: string, lock = false) {
  const row = await repo.findVisible(db, p, id, lock);
  if (!row) throw notFound();
  return row;
}

/** One announcement the caller sees: addressed to them, sent by them, or sent by someone in their scope. */
export async function getAnnouncement(db: Db, p: Principal, id: string) {
  return (await toAnnouncements(db, p, [await load(db, p, id)]))[0];
}

/** For files: an announcement's attachments are seen by whoever sees it… */
export async function announcementVisible(db: Db, p: Principal, id: string) {
  return can(p, 'announcements:view') && Boolean(await repo.findVisible(db, p, id));
}

/** …and attached or removed by its sender (the row locked in `tx`). */
export async function announcementChangeable(tx: Db, p: Principal, id: string) {
  if (!can(p, 'announcements:send')) return false;
  const row = await repo.findVisible(tx, p, id, true);
  return row?.sender_id === p.userId;
}

/** 收件箱 / 已过期: the caller's own (pinned first); 已发出: sent by the caller or, with a wider scope, by people in it. */
export async function listAnnouncements(
  db: Db,
  p: Principal,
  q: AnnouncementListQuery,
  now = new Date(),
): Promise<ListResponse<Announcement>> {
  const parts = repo.listParts(p, q, now);
  const page = await listPage(
    db,
    q,
    { columns: repo.rowColumns(p), from: parts.from, orderBy: parts.orderBy },
    (r) => r as unknown as repo.AnnouncementRow,
  );
  return { ...page, data: await toAnnouncements(db, p, page.data, now) };
}

export async function unreadCount(db: Db, p: Principal): Promise<AnnouncementUnread> {
  return repo.unreadCounts(db, p, new Date());
}

/** The departments the caller's scope reaches as a whole (a department scope: their own; a person scope: none). */
function reachableDepartments(p: Principal): string[] | 'all' {
  switch (scopeOf(p, 'announcements')) {
    case 'all':
      return 'all';
    case 'department_and_children':
      return p.departmentSubtree;
    case 'department':
      return [p.departmentId];
    default:
      return [];
  }
}

export async function audience(db: Db, p: Principal, q?: string): Promise<AnnouncementAudience> {
  const reach = reachableDepartments(p);
  const [users, departments] = await Promise.all([
    repo.audienceUsers(db, p, q),
    reach === 'all' || reach.length ? repo.departmentsIn(db, p.tenantId, reach) : [],
  ]);
  return { users, departments };
}

/** Every recipient's receipt and the counts per department (when sent): for the sender and whose scope covers them. */
export async function receipts(db: Db, p: Principal, id: string): Promise<AnnouncementReceipts> {
  const row = await load(db, p, id);
  if (!row.covers) throw forbidden();
  const rows = await repo.receiptRows(db, p.tenantId, id);
  const departments = new Map<
    string,
    { departmentId: string; name: string; total: number; read: number; done: number }
  >();
  for (const r of rows) {
    const d = departments.get(r.department_id) ?? {
      departmentId: r.department_id,
      name: r.department_name,
      total: 0,
      read: 0,
      done: 0,
    };
    d.total++;
    if (r.read_at) d.read++;
    if (r.done_at) d.done++;
    departments.set(r.department_id, d);
  }
  return {
    data: rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      departmentId: r.department_id,
      departmentName: r.department_name,
      readAt: iso(r.read_at),
      doneAt: iso(r.done_at),
      note: r.done_note,
    })),
    departments: [...departments.values()],
  };
}

// ---- writes ----

function future(path: string, at: string | null | undefined, now: Date) {
  if (at && new Date(at) <= now)
    throw new AppError('DATE_IN_PAST', [{ path, message: 'must be in the future' }]);
}

/**
 * Sends a notice or an instruction: the audience (users; departments with their sub-departments)
 * must be active and within the sender's announcements scope (400 with the path otherwise), is
 * resolved to recipients now, and each recipient is notified — in one transaction with its audit.
 */
export async function createAnnouncement(db: Db, c: Caller, input: CreateAnnouncement, now = new Date()) {
  const p = c.p;
  const userIds = [...new Set(input.userIds ?? [])];
  const departmentIds = [...new Set(input.departmentIds ?? [])];
  future('expiresAt', input.expiresAt, now);
  future('dueAt', input.dueAt, now);
  if (input.kind === 'instruction' && !input.dueAt) throw invalid('dueAt', 'an instruction needs a due time');
  if (input.dueAt && input.expiresAt && new Date(input.expiresAt) < new Date(input.dueAt))
    throw invalid('expiresAt', 'must not be before the due time');
  if (userIds.length) {
    const found = await repo.targetUsers(db, p, userIds);
    const bad = userIds.filter((id) => !found.some((u) => u.id === id && u.reach));
    if (bad.length) throw invalid('userIds', `not active users within your reach: ${bad.join(', ')}`);
  }
  if (departmentIds.length) {
    const reach = reachableDepartments(p);
    const found = new Set(await repo.targetDepartments(db, p.tenantId, departmentIds));
    const bad = departmentIds.filter((id) => !found.has(id) || (reach !== 'all' && !reach.includes(id)));
    if (bad.length) throw invalid('departmentIds', `departments outside your reach: ${bad.join(', ')}`);
  }
  const content = sanitizeRichText(input.content);
  const id = uuidv7();
  await db.transaction(async (tx) => {
    await tx.insert(announcements).values({
      id,
      tenantId: p.tenantId,
      createdBy: p.userId,
      kind: input.kind,
      title: input.title,
      content,
      senderId: p.userId,
      departmentId: p.departmentId,
      pinned: input.pinned ?? false,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      dueAt: input.dueAt ? new Date(input.dueAt) : null,
      targetUserIds: userIds,
      targetDepartmentIds: departmentIds,
    });
    await claimUploads(tx, c.actor, { entity: ENTITY, entityId: id }, input.fileIds);
    const count = await repo.insertRecipients(tx, p, id, userIds, departmentIds);
    if (!count) throw invalid('departmentIds', 'nobody active in the audience');
    await tx.execute(sql`UPDATE announcements SET recipient_count = ${count} WHERE id = ${id}`);
    const people = await repo.recipientIds(tx, p.tenantId, id, 'all');
    await notifyMany(
      tx,
      people.map((userId) => ({
        tenantId: p.tenantId,
        userId,
        kind: `announcement.${input.kind}`,
        data: { announcementId: id, kind: input.kind },
        title: `新${KIND_LABEL[input.kind]}：「${input.title}」（${p.name}）`,
        link: link(id),
        entity: ENTITY,
        entityId: id,
        dedupeKey: `announcement:${id}`,
      })),
    );
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: ENTITY,
      entityId: id,
      summary: `${KIND_LABEL[input.kind]}「${input.title}」发送给 ${count} 人`,
      changes: diff(null, {
        kind: input.kind,
        title: input.title,
        pinned: input.pinned ?? false,
        expiresAt: input.expiresAt ?? null,
        dueAt: input.dueAt ?? null,
        userIds,
        departmentIds,
        recipientCount: count,
      }),
    });
  });
  return getAnnouncement(db, p, id);
}

/** Pins, unpins or changes the expiry: the sender or whose scope covers them; 409 on a stale version. */
export async function updateAnnouncement(db: Db, c: Caller, id: string, input: UpdateAnnouncement) {
  await db.transaction(async (tx) => {
    const row = await load(tx, c.p, id, true);
    if (!row.covers) throw forbidden();
    checkVersion(row, input.version);
    const before = { pinned: row.pinned, expiresAt: iso(row.expires_at) };
    const after = {
      pinned: input.pinned ?? row.pinned,
      expiresAt:
        input.expiresAt === undefined
          ? before.expiresAt
          : input.expiresAt && new Date(input.expiresAt).toISOString(),
    };
    await tx.execute(sql`UPDATE announcements SET pinned = ${after.pinned},
      expires_at = ${after.expiresAt ? new Date(after.expiresAt) : null}, version = version + 1, updated_at = now()
      WHERE id = ${id}`);
    const changes = diff(before, after);
    if (Object.keys(changes).length)
      await writeAudit(tx, c.actor, {
        action: 'update',
        entity: ENTITY,
        entityId: id,
        summary: row.title,
        changes,
      });
  });
  return getAnnouncement(db, c.p, id);
}

/** 撤回: the sender (or whose scope covers them) withdraws it; it leaves every box. */
export async function deleteAnnouncement(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const row = await load(tx, c.p, id, true);
    if (!row.covers) throw forbidden();
    checkVersion(row, version);
    await tx.execute(
      sql`UPDATE announcements SET deleted_at = now(), version = version + 1, updated_at = now() WHERE id = ${id}`,
    );
    await writeAudit(tx, c.actor, { action: 'delete', entity: ENTITY, entityId: id, summary: row.title });
  });
}
