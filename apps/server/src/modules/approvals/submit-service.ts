/** 提交审批: who is asked when a document is submitted to its flow, and their notices. */
import type { ApprovalDocumentType, ApprovalFlowStep } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { conflict } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { notify } from '../notifications/service.ts';
import * as people from './people-repository.ts';
import * as repo from './repository.ts';

import { ENTITY } from './service.ts';

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
    const all = await people.tenantAdmins(tx, tenantId);
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
      const chain = await people.supervisorChain(tx, tenantId, submitterId, s.untilRoleId ?? null, levels);
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
      const holders = await people.roleHoldersInLine(tx, tenantId, s.roleId, departmentId);
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
    const live = await people.activeUsers(tx, tenantId, s.userIds);
    const others = live.filter((id) => id !== submitterId);
    if (others.length > 0) {
      out.push({ kind: 'users', mode: s.mode, note: null, roleId: null, approvers: others });
      continue;
    }
    if (live.includes(submitterId)) {
      // the only one named is the submitter: their supervisor decides instead
      const up = await people.supervisorOf(tx, tenantId, submitterId);
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

export async function notifyApprovers(
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
