import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { notifyMany } from '../notifications/bulk-service.ts';
import { notify } from '../notifications/service.ts';
import * as repo from './repository.ts';
import { ENTITY, getAnnouncement, link, load } from './service.ts';

/** 回执: a recipient reads and completes an announcement, the sender reminds; the job reminds when due. */

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
