import type {
  Approval,
  ApprovalDocumentType,
  ApprovalFlowStep,
  ApprovalHistory,
  ApprovalListItem,
  ApprovalStep,
  approvalListQuery,
  ListResponse,
} from '@guanxi/contract';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { notify } from '../notifications/service.ts';
import * as repo from './repository.ts';

export const ENTITY = 'approvals';
export const FLOW_ENTITY = 'approval-flows';

export type ApprovalOutcome = 'approved' | 'rejected' | 'returned' | 'withdrawn';

/**
 * A kind of document that goes through approvals, declared by its module in the manifest
 * (`approvalDocuments`): the engine knows no document, the module knows no flow.
 */
export type ApprovalDocument = {
  documentType: ApprovalDocumentType;
  /** Runs in the transaction that settles the approval (last approval, reject, return, withdraw). */
  onDecided: (
    tx: Db,
    e: {
      tenantId: string;
      documentId: string;
      outcome: ApprovalOutcome;
      actor: Actor;
      comment: string | null;
    },
  ) => Promise<void>;
  /** Whether the caller sees the document (its view permission and scope). Who else may read its approvals. */
  canSee: (db: Db, p: Principal, documentId: string) => Promise<boolean>;
};

const documents = new Map<string, ApprovalDocument>();

/** Called by install-modules with every manifest's `approvalDocuments`. */
export function installApprovalDocuments(list: readonly ApprovalDocument[]) {
  documents.clear();
  for (const d of list) documents.set(d.documentType, d);
}

export const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

// ---- submission: who is asked ----

/** A supervisor chain "up to a role" is followed at most this far. */
const MAX_CHAIN = 20;

type Resolved = {
  kind: 'supervisor' | 'role' | 'users' | 'admins';
  mode: 'all' | 'any';
  note: 'no-approver' | 'self-skipped' | null;
  roleId: string | null;
  approvers: string[];
};

/**
 * The flow's steps as people, named now: a supervisor step becomes one step per level; nobody
 * approves their own submission (the step passes one level up); a step with nobody to ask goes to
 * the tenant's admins. Both are noted on the step and in the history.
 */
async function resolveSteps(
  tx: Db,
  tenantId: string,
  submitterId: string,
  departmentId: string,
  steps: ApprovalFlowStep[],
): Promise<Resolved[]> {
  const out: Resolved[] = [];
  const admins = async (): Promise<Resolved> => {
    const all = await repo.tenantAdmins(tx, tenantId);
    const others = all.filter((id) => id !== submitterId);
    // a tenant whose only admin submitted still gets a decision rather than a stalled approval
    return {
      kind: 'admins',
      mode: 'any',
      note: 'no-approver',
      roleId: null,
      approvers: others.length ? others : all,
    };
  };
  for (const s of steps) {
    if (s.kind === 'supervisor') {
      const levels = s.untilRoleId ? MAX_CHAIN : (s.levels ?? 1);
      const chain = await repo.supervisorChain(tx, tenantId, submitterId, s.untilRoleId ?? null, levels);
      let taken = chain;
      if (s.untilRoleId) {
        const at = chain.findIndex((x) => x.hasRole);
        // up to the first holder of the role; without one the whole chain (its top decides last)
        taken = at >= 0 ? chain.slice(0, at + 1) : chain;
      }
      if (taken.length === 0) out.push(await admins());
      for (const person of taken)
        out.push({
          kind: 'supervisor',
          mode: 'any',
          note: null,
          roleId: s.untilRoleId ?? null,
          approvers: [person.id],
        });
      continue;
    }
    if (s.kind === 'role') {
      const holders = await repo.roleHoldersInLine(tx, tenantId, s.roleId, departmentId);
      const nearest = holders.length ? holders[0].distance : null;
      const others = holders.filter((h) => h.id !== submitterId);
      if (others.length === 0) {
        out.push(await admins());
        continue;
      }
      // the nearest department with a holder who is not the submitter
      const level = others[0].distance;
      out.push({
        kind: 'role',
        mode: s.mode ?? 'any',
        note: level !== nearest ? 'self-skipped' : null,
        roleId: s.roleId,
        approvers: others.filter((h) => h.distance === level).map((h) => h.id),
      });
      continue;
    }
    const live = await repo.activeUsers(tx, tenantId, s.userIds);
    const others = live.filter((id) => id !== submitterId);
    if (others.length > 0) {
      out.push({ kind: 'users', mode: s.mode, note: null, roleId: null, approvers: others });
      continue;
    }
    if (live.includes(submitterId)) {
      // the only one named is the submitter: their supervisor decides instead
      const up = await repo.supervisorOf(tx, tenantId, submitterId);
      if (up) {
        out.push({ kind: 'users', mode: 'any', note: 'self-skipped', roleId: null, approvers: [up] });
        continue;
      }
    }
    out.push(await admins());
  }
  return out;
}

/** Starts an approval of the document with the active flow its type, amount and department select;
 *  null when no flow matches (the document's module decides what happens then). Notifies step 1. */
export async function submitForApproval(
  tx: Db,
  caller: Caller,
  doc: {
    documentType: ApprovalDocumentType;
    documentId: string;
    title: string;
    amount: string | null;
    departmentId: string;
  },
): Promise<{ approvalId: string } | null> {
  const tenantId = caller.p.tenantId;
  const submitterId = caller.p.userId;
  if (await repo.pendingApprovalOf(tx, tenantId, doc.documentType, doc.documentId)) throw conflict();
  const flow = await repo.matchingFlow(tx, tenantId, doc.documentType, doc.amount, doc.departmentId);
  if (!flow) return null;
  const definition = await repo.flowVersion(tx, flow.id, flow.version);
  const steps = await resolveSteps(tx, tenantId, submitterId, doc.departmentId, definition.steps);
  const approvalId = uuidv7();
  const now = new Date();
  await repo.insertApproval(tx, {
    id: approvalId,
    tenantId,
    createdBy: submitterId,
    documentType: doc.documentType,
    documentId: doc.documentId,
    title: doc.title,
    amount: doc.amount,
    departmentId: doc.departmentId,
    submitterId,
    flowId: flow.id,
    flowVersion: flow.version,
    stepCount: steps.length,
  });
  await repo.insertSteps(
    tx,
    steps.map((s, idx) => ({
      tenantId,
      approvalId,
      idx,
      kind: s.kind,
      mode: s.mode,
      note: s.note,
      roleId: s.roleId,
      status: idx === 0 ? ('pending' as const) : ('waiting' as const),
    })),
  );
  await repo.insertTasks(
    tx,
    steps.flatMap((s, idx) =>
      s.approvers.map((approverId) => ({
        id: uuidv7(),
        tenantId,
        approvalId,
        stepIdx: idx,
        approverId,
        status: idx === 0 ? ('pending' as const) : ('waiting' as const),
        activatedAt: idx === 0 ? now : null,
      })),
    ),
  );
  await repo.insertEvents(tx, [
    { id: uuidv7(), tenantId, approvalId, action: 'submitted', actorId: submitterId, createdAt: now },
    ...steps.flatMap((s, idx) =>
      s.note
        ? [
            {
              id: uuidv7(),
              tenantId,
              approvalId,
              action: s.note === 'no-approver' ? ('escalated' as const) : ('self-skipped' as const),
              actorId: null,
              stepIdx: idx,
              createdAt: now,
            },
          ]
        : [],
    ),
  ]);
  await writeAudit(tx, caller.actor, {
    action: 'submit',
    entity: ENTITY,
    entityId: approvalId,
    summary: `${doc.documentType} ${doc.title}`,
  });
  await notifyApprovers(tx, tenantId, approvalId, doc.title, caller.p.name, steps[0]?.approvers ?? []);
  return { approvalId };
}

async function notifyApprovers(
  tx: Db,
  tenantId: string,
  approvalId: string,
  title: string,
  submitterName: string,
  userIds: string[],
) {
  for (const userId of userIds)
    await notify(tx, {
      tenantId,
      userId,
      kind: 'approval.pending',
      data: { approvalId, title, submitter: submitterName },
      title: `${submitterName} 提交的「${title}」等待你审批`,
      link: `/approvals?id=${approvalId}`,
      entity: ENTITY,
      entityId: approvalId,
    });
}

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
  return (await repo.namesOf(tx, a.tenantId, [a.submitterId])).get(a.submitterId) ?? '';
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
  await documents.get(a.documentType)?.onDecided(tx, {
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
  const admins = (await repo.tenantAdmins(tx, tenantId)).filter((id) => id !== fromUserId);
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

// ---- reading ----

const rank = (action: string) => (action === 'submitted' ? 0 : 1);

/** Whether the caller may read the approval: its submitter, anyone asked on it, or who sees the document. */
async function mayRead(db: Db, p: Principal, a: repo.ApprovalRow, tasks: repo.TaskRow[]) {
  if (a.submitterId === p.userId) return true;
  // who keeps the flows oversees the approvals that run on them
  if (can(p, 'approvals:admin')) return true;
  if (tasks.some((t) => t.approverId === p.userId)) return true;
  const doc = documents.get(a.documentType);
  return doc ? doc.canSee(db, p, a.documentId) : false;
}

async function toApprovals(db: Db, p: Principal, rows: repo.ApprovalRow[]): Promise<Approval[]> {
  const ids = rows.map((r) => r.id);
  const [steps, tasks, events] = await Promise.all([
    repo.stepsOf(db, ids),
    repo.tasksOf(db, ids),
    repo.eventsOf(db, ids),
  ]);
  const flows = await Promise.all(rows.map((r) => repo.flowVersion(db, r.flowId, r.flowVersion)));
  const people = new Set<string>();
  for (const r of rows) people.add(r.submitterId);
  for (const t of tasks) people.add(t.approverId);
  for (const e of events) if (e.actorId) people.add(e.actorId);
  for (const s of steps) if (s.roleId) people.add(s.roleId);
  const names = await repo.namesOf(db, p.tenantId, [...people]);
  const person = (id: string) => ({ id, name: names.get(id) ?? '' });
  return rows.map((a, i) => {
    const own = tasks.filter((t) => t.approvalId === a.id);
    const pending = own.filter((t) => t.status === 'pending');
    const mine = own.filter((t) => t.approverId === p.userId && t.decidedAt);
    const last = mine[mine.length - 1];
    const stepsOut: ApprovalStep[] = steps
      .filter((s) => s.approvalId === a.id)
      .map((s) => ({
        index: s.idx + 1,
        kind: s.kind,
        mode: s.mode,
        status: s.status,
        note: s.note,
        roleName: s.roleId ? (names.get(s.roleId) ?? null) : null,
        approvers: own
          .filter((t) => t.stepIdx === s.idx)
          .map((t) => ({
            ...person(t.approverId),
            status: t.status,
            comment: t.comment,
            decidedAt: iso(t.decidedAt),
          })),
      }));
    return {
      id: a.id,
      version: a.version,
      documentType: a.documentType as ApprovalDocumentType,
      documentId: a.documentId,
      title: a.title,
      amount: a.amount,
      submitter: person(a.submitterId),
      status: a.status,
      step: {
        index: a.currentStep + 1,
        count: a.stepCount,
        approvers: pending.map((t) => person(t.approverId)),
      },
      createdAt: iso(a.createdAt)!,
      decidedAt: iso(a.decidedAt),
      myDecision: last ? (last.status as 'approved' | 'rejected' | 'returned') : null,
      flow: { id: a.flowId, name: flows[i]?.name ?? '', version: a.flowVersion },
      steps: stepsOut,
      events: events
        .filter((e) => e.approvalId === a.id)
        // written in one instant with the submission, a fallback note reads after it
        .sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || rank(x.action) - rank(y.action))
        .map((e) => ({
          id: e.id,
          action: e.action,
          actor: e.actorId ? person(e.actorId) : null,
          stepIndex: e.stepIdx === null ? null : e.stepIdx + 1,
          comment: e.comment,
          at: iso(e.createdAt)!,
        })),
      can: {
        approve: a.status === 'pending' && pending.some((t) => t.approverId === p.userId),
        withdraw: a.status === 'pending' && a.submitterId === p.userId && !own.some((t) => t.decidedAt),
      },
    };
  });
}

/** One approval with its steps, approvers, decisions and comments (404 unless the caller may read it). */
export async function getApproval(db: Db, p: Principal, id: string): Promise<Approval> {
  const a = await repo.findApproval(db, p.tenantId, id);
  if (!a) throw notFound();
  if (!(await mayRead(db, p, a, await repo.tasksOf(db, [id])))) throw notFound();
  return (await toApprovals(db, p, [a]))[0];
}

/** The document's approvals, newest first, with every step's decisions and comments (for its detail page). */
export async function approvalHistory(
  db: Db,
  p: Principal,
  documentType: ApprovalDocumentType,
  documentId: string,
): Promise<ApprovalHistory> {
  const rows = await repo.approvalsOfDocument(db, p.tenantId, documentType, documentId);
  const doc = documents.get(documentType);
  const seesDocument = doc ? await doc.canSee(db, p, documentId) : false;
  if (!seesDocument) {
    // without the document, only the approvals the caller took part in (none: 404, as for the document)
    const tasks = await repo.tasksOf(
      db,
      rows.map((r) => r.id),
    );
    const mine = rows.filter(
      (r) =>
        r.submitterId === p.userId || tasks.some((t) => t.approvalId === r.id && t.approverId === p.userId),
    );
    if (mine.length === 0) throw notFound();
    return { data: await toApprovals(db, p, mine) };
  }
  return { data: await toApprovals(db, p, rows) };
}

type ListQuery = z.infer<typeof approvalListQuery>;

/** 我的待办 / 我已处理 / 我发起的: one page, newest first. */
export async function listApprovals(
  db: Db,
  p: Principal,
  q: ListQuery,
): Promise<ListResponse<ApprovalListItem>> {
  const page = await repo.listBox(db, p.tenantId, p.userId, q);
  return {
    ...page,
    data: page.data.map((r) => ({
      id: r.id as string,
      documentType: r.document_type as ApprovalDocumentType,
      documentId: r.document_id as string,
      title: r.title as string,
      amount: (r.amount as string | null) ?? null,
      submitter: { id: r.submitter_id as string, name: r.submitter_name as string },
      step: {
        index: (r.current_step as number) + 1,
        count: r.step_count as number,
        approvers: (typeof r.asked === 'string' ? JSON.parse(r.asked) : r.asked) as {
          id: string;
          name: string;
        }[],
      },
      status: r.status as ApprovalListItem['status'],
      createdAt: iso(r.created_at)!,
      decidedAt: iso(r.decided_at),
      myDecision: (r.my_decision as ApprovalListItem['myDecision']) ?? null,
    })),
  };
}
