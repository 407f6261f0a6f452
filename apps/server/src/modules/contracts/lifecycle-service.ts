import type { Contract, ContractStatus, TerminateContract } from '@guanxi/contract';
import { normalizeMoney } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError } from '../../platform/errors.ts';
import type { ApprovalOutcome } from '../approvals/service.ts';
import { submitForApproval } from '../approvals/submit-service.ts';
import * as repo from './repository.ts';
import { DOCUMENT_TYPE, draftOnly, ENTITY, getContract, label, lockAt } from './service.ts';

// A contract's life after its draft: submitted for approval (or in force at once), the approval's
// outcome, terminated early.

/**
 * 提交审批: to the approval engine when a `contract` flow matches its amount and department
 * (`in-approval`); with no flow it takes effect at once (`active`) — the tenant chose no approval.
 */
export async function submitContract(db: Db, c: Caller, id: string, version: number): Promise<Contract> {
  await db.transaction(async (tx) => {
    const before = await lockAt(tx, c.p, id, version);
    draftOnly(before);
    const approval = await submitForApproval(tx, c, {
      documentType: DOCUMENT_TYPE,
      documentId: id,
      title: label(before),
      amount: normalizeMoney(before.amount),
      departmentId: before.departmentId,
    });
    const after = await repo.updateContract(tx, id, {
      status: approval ? 'in-approval' : 'active',
      approvalId: approval?.approvalId ?? before.approvalId,
    });
    await writeAudit(tx, c.actor, {
      action: 'submit',
      entity: ENTITY,
      entityId: id,
      summary: label(after),
      changes: { status: [before.status, after.status] },
    });
  });
  return getContract(db, c, id);
}

/** 终止: an active contract ends early, with the reason. */
export async function terminateContract(
  db: Db,
  c: Caller,
  id: string,
  input: TerminateContract,
): Promise<Contract> {
  await db.transaction(async (tx) => {
    const before = await lockAt(tx, c.p, id, input.version);
    if (before.status !== 'active') throw new AppError('INVALID_TRANSITION');
    const after = await repo.updateContract(tx, id, {
      status: 'terminated',
      terminatedAt: new Date(),
      terminationReason: input.reason,
    });
    await writeAudit(tx, c.actor, {
      action: 'terminate',
      entity: ENTITY,
      entityId: id,
      summary: `${label(after)}：${input.reason}`,
      changes: { status: [before.status, after.status] },
    });
  });
  return getContract(db, c, id);
}

const outcomeStatus: Record<ApprovalOutcome, ContractStatus> = {
  approved: 'active',
  // rejected, returned or withdrawn: back to a draft, changed and submitted again
  rejected: 'draft',
  returned: 'draft',
  withdrawn: 'draft',
};

/** The approval engine settled the contract's approval (manifest `approvalDocuments`). */
export async function onApprovalDecided(
  tx: Db,
  e: { tenantId: string; documentId: string; outcome: ApprovalOutcome; actor: Actor; comment: string | null },
) {
  const before = await repo.lockById(tx, e.tenantId, e.documentId);
  if (before?.status !== 'in-approval') return;
  const after = await repo.updateContract(tx, before.id, { status: outcomeStatus[e.outcome] });
  await writeAudit(tx, e.actor, {
    action: e.outcome,
    entity: ENTITY,
    entityId: before.id,
    summary: e.comment ? `${label(after)}：${e.comment}` : label(after),
    changes: { status: [before.status, after.status] },
  });
}
