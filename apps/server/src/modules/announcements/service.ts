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
import { notify } from '../notifications/service.ts';
import * as repo from './repository.ts';
import { announcements } from './schema.ts';

export const ENTITY = 'announcements';
const KIND_LABEL = { notice: '通知', instruction: '指令' } as const;
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
const link = (id: string) => `/announcements?id=${id}`;

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

async function load(db: Db, p: Principal, id: string, lock = false) {
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

async function ownReceipt(tx: Db, p: Principal, id: string) {
  const row = await load(tx, p, id);
  const receipt = await repo.lockReceipt(tx, p.tenantId, id, p.userId);
  // seen through the scope but not addressed: nothing to acknowledge
  if (!receipt) throw forbidden();
  return { row, receipt };
}

/** 已读: the first opening by a recipient is recorded (and audited); later ones change nothing. */
export async function markRead(db: Db, c: Caller, id: string, now = new Date()) {
  await db.transaction(async (tx) => {
    const { row, receipt } = await ownReceipt(tx, c.p, id);
    if (receipt.read_at) return;
    await repo.setRead(tx, c.p.tenantId, id, c.p.userId, now);
    await writeAudit(tx, c.actor, { action: 'read', entity: ENTITY, entityId: id, summary: row.title });
  });
  return getAnnouncement(db, c.p, id);
}

/**
 * 完成 an instruction, with a note (also after its due time: it shows as late); once. A notice
 * cannot be completed, nor an instruction twice (409 INVALID_TRANSITION). The sender hears when
 * the last recipient is done.
 */
export async function markDone(db: Db, c: Caller, id: string, note: string | undefined, now = new Date()) {
  await db.transaction(async (tx) => {
    const { row, receipt } = await ownReceipt(tx, c.p, id);
    if (row.kind !== 'instruction' || receipt.done_at) throw new AppError('INVALID_TRANSITION');
    await repo.setDone(tx, c.p.tenantId, id, c.p.userId, now, note || null);
    await writeAudit(tx, c.actor, {
      action: 'done',
      entity: ENTITY,
      entityId: id,
      summary: row.title,
      changes: note ? { note: [null, note] } : {},
    });
    if ((await repo.undoneCount(tx, c.p.tenantId, id)) === 0)
      await notify(tx, {
        tenantId: c.p.tenantId,
        userId: row.sender_id,
        kind: 'announcement.all-done',
        data: { announcementId: id },
        title: `指令「${row.title}」已全部完成`,
        link: link(id),
        entity: ENTITY,
        entityId: id,
        dedupeKey: `announcement-done:${id}`,
      });
  });
  return getAnnouncement(db, c.p, id);
}

/** 提醒: notifies whoever has not read a notice / not done an instruction (once an hour at most). */
export async function remind(db: Db, c: Caller, id: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const row = await load(tx, c.p, id, true);
    if (!row.covers) throw forbidden();
    const which = row.kind === 'instruction' ? 'undone' : 'unread';
    const people = await repo.recipientIds(tx, c.p.tenantId, id, which);
    const hour = Math.floor(now.getTime() / 3_600_000);
    // one dedupe key per announcement and hour: a second 提醒 within the hour reaches nobody
    const reminded = await notifyMany(
      tx,
      people.map((userId) => ({
        tenantId: c.p.tenantId,
        userId,
        kind: 'announcement.reminder',
        data: { announcementId: id },
        title:
          row.kind === 'instruction'
            ? `提醒：请完成指令「${row.title}」`
            : `提醒：请阅读通知「${row.title}」`,
        link: link(id),
        entity: ENTITY,
        entityId: id,
        dedupeKey: `announcement-remind:${id}:${hour}`,
      })),
    );
    const sent = reminded ? people : [];
    await repo.markReminded(tx, c.p.tenantId, id, sent, now);
    await writeAudit(tx, c.actor, {
      action: 'remind',
      entity: ENTITY,
      entityId: id,
      summary: `「${row.title}」提醒 ${reminded} 人`,
    });
    return { reminded };
  });
}

// ---- the due reminders (job) ----

async function remindDue(db: Db, id: string, which: 'soon' | 'overdue', now: Date) {
  return db.transaction(async (tx) => {
    const claimed = await repo.claimReminder(tx, id, which, now);
    if (!claimed) return 0;
    const people = await repo.recipientIds(tx, claimed.tenant_id, id, 'undone');
    await notifyMany(
      tx,
      people.map((userId) => ({
        tenantId: claimed.tenant_id,
        userId,
        kind: 'announcement.due',
        data: { announcementId: id, which },
        title:
          which === 'soon'
            ? `指令「${claimed.title}」明天到期，请尽快完成`
            : `指令「${claimed.title}」已逾期，请尽快完成`,
        link: link(id),
        entity: ENTITY,
        entityId: id,
        dedupeKey: `announcement-due:${id}:${which}`,
      })),
    );
    if (which === 'overdue' && people.length)
      await notify(tx, {
        tenantId: claimed.tenant_id,
        userId: claimed.sender_id,
        kind: 'announcement.overdue',
        data: { announcementId: id, undone: people.length },
        title: `指令「${claimed.title}」已到期，${people.length} 人未完成`,
        link: link(id),
        entity: ENTITY,
        entityId: id,
        dedupeKey: `announcement-overdue:${id}`,
      });
    return people.length;
  });
}

/**
 * The reminder job: a day before an instruction's due time (when it was sent earlier than that)
 * and once it is overdue, whoever has not done it is reminded — once each, across replicas (the
 * update that marks the instruction wins). `now` is a parameter so tests move the clock.
 */
export async function runDueReminders(db: Db, now = new Date()) {
  let reminded = 0;
  for (const id of await repo.overdueCandidates(db, now)) reminded += await remindDue(db, id, 'overdue', now);
  for (const id of await repo.dueSoonCandidates(db, now)) reminded += await remindDue(db, id, 'soon', now);
  return { reminded };
}
