/** 审批决定: approve, reject, return, withdraw, and a leaver's tasks handed over. */
import type { Approval } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { notify } from '../notifications/service.ts';
import * as people from './people-repository.ts';
import * as repo from './repository.ts';

import { type ApprovalOutcome, approvalDocument, ENTITY, getApproval } from './service.ts';
import { notifyApprovers } from './submit-service.ts';

const outcomeWords: Record<ApprovalOutcome, string> = {
  approved: '已通过',
  rejected: '被驳回',
  returned: '被退回修改',
  withdrawn: '已撤回',
};

// ---- decisions ----

type Decision = 'approve' | 'reject' | 'return';
const decided = { approve: 'approved', reject: 'rejected', return: 'returned' } as const;

/**
 * Approve, reject or return: the caller's pending task at the approval's current step. The
 * approval row is locked first, so of two decisions at once on one step the second sees the
 * step moved on (409). Not asked of the caller at all → 404.
 */
export async function decide(
  db: Db,
  c: Caller,
  id: string,
  decision: Decision,
  comment: string | null,
): Promise<Approval> {
  const tenantId = c.p.tenantId;
  const userId = c.p.userId;
  await db.transaction(async (tx) => {
    const a = await repo.lockApproval(tx, tenantId, id);
    if (!a) throw notFound();
    const tasks = (await repo.tasksOf(tx, [id])).filter((t) => t.approverId === userId);
    if (tasks.length === 0) throw notFound();
    const task = tasks.find((t) => t.status === 'pending' && t.stepIdx === a.currentStep);
    if (a.status !== 'pending' || !task) throw conflict();
    const now = new Date();
    const outcome = decided[decision];
    await repo.setTask(tx, task.id, { status: outcome, comment, decidedAt: now });
    await repo.insertEvents(tx, [
      {
        id: uuidv7(),
        tenantId,
        approvalId: id,
        action: outcome,
        actorId: userId,
        stepIdx: a.currentStep,
        comment,
        createdAt: now,
      },
    ]);
    await writeAudit(tx, c.actor, { action: decision, entity: ENTITY, entityId: id, summary: a.title });
    const [step] = (await repo.stepsOf(tx, [id])).filter((s) => s.idx === a.currentStep);
    if (decision === 'approve') {
      // 会签: the step waits for the others; 或签: the first approval decides for the step
      if (step.mode === 'all') {
        const stillPending = (await repo.tasksOf(tx, [id])).some(
          (t) => t.stepIdx === a.currentStep && t.status === 'pending',
        );
        if (stillPending) {
          await repo.updateApproval(tx, id, {});
          return;
        }
      } else {
        await repo.moveTasks(tx, id, a.currentStep, ['pending'], { status: 'cancelled' });
      }
      await repo.setStep(tx, id, a.currentStep, { status: 'approved', decidedAt: now });
      const next = a.currentStep + 1;
      if (next < a.stepCount) {
        await repo.setStep(tx, id, next, { status: 'pending' });
        const asked = await repo.moveTasks(tx, id, next, ['waiting'], {
          status: 'pending',
          activatedAt: now,
        });
        await repo.updateApproval(tx, id, { currentStep: next });
        await notifyApprovers(tx, tenantId, id, a.title, await submitterName(tx, a), asked);
        return;
      }
      await settle(tx, c, a, 'approved', comment, now);
      return;
    }
    await repo.moveTasks(tx, id, null, ['pending', 'waiting'], { status: 'cancelled' });
    await repo.setStep(tx, id, a.currentStep, { status: outcome, decidedAt: now });
    await repo.moveSteps(tx, id, ['waiting'], 'cancelled');
    await settle(tx, c, a, outcome, comment, now);
  });
  return getApproval(db, c.p, id);
}

async function submitterName(tx: Db, a: repo.ApprovalRow) {
  return (await people.namesOf(tx, a.tenantId, [a.submitterId])).get(a.submitterId) ?? '';
}

/** The approval is over: its status, the document's module told (same transaction), the submitter notified. */
async function settle(
  tx: Db,
  c: Caller,
  a: repo.ApprovalRow,
  outcome: ApprovalOutcome,
  comment: string | null,
  now: Date,
) {
  await repo.updateApproval(tx, a.id, { status: outcome, decidedAt: now });
  await approvalDocument(a.documentType)?.onDecided(tx, {
    tenantId: a.tenantId,
    documentId: a.documentId,
    outcome,
    actor: c.actor,
    comment,
  });
  if (a.submitterId !== c.p.userId)
    await notify(tx, {
      tenantId: a.tenantId,
      userId: a.submitterId,
      kind: 'approval.decided',
      data: { approvalId: a.id, title: a.title, outcome, actor: c.p.name, comment },
      title: `你提交的「${a.title}」${outcomeWords[outcome]}${comment ? `：${comment.slice(0, 60)}` : ''}`,
      link: `/approvals?id=${a.id}`,
      entity: ENTITY,
      entityId: a.id,
    });
}

/** 撤回: the submitter takes the approval back before anyone decided (409 after). */
export async function withdraw(db: Db, c: Caller, id: string, comment: string | null): Promise<Approval> {
  const tenantId = c.p.tenantId;
  await db.transaction(async (tx) => {
    const a = await repo.lockApproval(tx, tenantId, id);
    if (!a || a.submitterId !== c.p.userId) throw notFound();
    if (a.status !== 'pending') throw conflict();
    const tasks = await repo.tasksOf(tx, [id]);
    if (tasks.some((t) => t.decidedAt !== null)) throw conflict();
    const now = new Date();
    await repo.moveTasks(tx, id, null, ['pending', 'waiting'], { status: 'cancelled' });
    await repo.moveSteps(tx, id, ['pending', 'waiting'], 'cancelled');
    await repo.insertEvents(tx, [
      {
        id: uuidv7(),
        tenantId,
        approvalId: id,
        action: 'withdrawn',
        actorId: c.p.userId,
        comment,
        createdAt: now,
      },
    ]);
    await writeAudit(tx, c.actor, { action: 'withdraw', entity: ENTITY, entityId: id, summary: a.title });
    await settle(tx, c, a, 'withdrawn', comment, now);
  });
  return getApproval(db, c.p, id);
}

/**
 * Hands a leaving person's open tasks to `toUserId` (never to the approval's submitter) or, without
 * one, to the tenant's admins; where the heir is already asked at that step the task just ends.
 * Each approval is locked like a decision, noted in its history, audited; the heir is notified of
 * what waits for them now.
 */
export async function handOverTasks(
  tx: Db,
  actor: Actor,
  fromUserId: string,
  toUserId: string | null,
): Promise<number> {
  const tenantId = actor.tenantId;
  const open = await repo.openTasksOf(tx, tenantId, fromUserId);
  if (open.length === 0) return 0;
  const admins = (await people.tenantAdmins(tx, tenantId)).filter((id) => id !== fromUserId);
  const now = new Date();
  for (const task of open) {
    const heir =
      toUserId && toUserId !== task.submitter_id
        ? toUserId
        : (admins.find((id) => id !== task.submitter_id) ?? admins[0] ?? toUserId);
    if (!heir) continue;
    await repo.lockApproval(tx, tenantId, task.approval_id);
    const already = (await repo.tasksOf(tx, [task.approval_id])).some(
      (t) =>
        t.stepIdx === task.step_idx &&
        t.approverId === heir &&
        (t.status === 'pending' || t.status === 'waiting'),
    );
    if (already) await repo.setTask(tx, task.id, { status: 'cancelled' });
    else await repo.setTask(tx, task.id, { approverId: heir });
    await repo.insertEvents(tx, [
      {
        id: uuidv7(),
        tenantId,
        approvalId: task.approval_id,
        action: 'handed-over',
        actorId: fromUserId,
        stepIdx: task.step_idx,
        createdAt: now,
      },
    ]);
    await writeAudit(tx, actor, {
      action: 'transfer',
      entity: ENTITY,
      entityId: task.approval_id,
      summary: task.title,
      changes: { approverId: [fromUserId, heir] },
    });
    if (task.status === 'pending' && !already) {
      const a = await repo.findApproval(tx, tenantId, task.approval_id);
      if (a) await notifyApprovers(tx, tenantId, a.id, a.title, await submitterName(tx, a), [heir]);
    }
  }
  return open.length;
}
