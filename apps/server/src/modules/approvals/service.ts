import type {
  Approval,
  ApprovalDocumentType,
  ApprovalHistory,
  ApprovalListItem,
  ApprovalStep,
  approvalListQuery,
  ListResponse,
} from '@guanxi/contract';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { notFound } from '../../platform/errors.ts';
import * as inbox from './inbox-repository.ts';
import * as people from './people-repository.ts';
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

/** The module's declaration of a kind of document (undefined for one no module declares any more). */
export const approvalDocument = (documentType: string) => documents.get(documentType);

/** Called by install-modules with every manifest's `approvalDocuments`. */
export function installApprovalDocuments(list: readonly ApprovalDocument[]) {
  documents.clear();
  for (const d of list) documents.set(d.documentType, d);
}

export const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

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
  const named = new Set<string>();
  for (const r of rows) named.add(r.submitterId);
  for (const t of tasks) named.add(t.approverId);
  for (const e of events) if (e.actorId) named.add(e.actorId);
  for (const s of steps) if (s.roleId) named.add(s.roleId);
  const names = await people.namesOf(db, p.tenantId, [...named]);
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
  const page = await inbox.listBox(db, p.tenantId, p.userId, q);
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
