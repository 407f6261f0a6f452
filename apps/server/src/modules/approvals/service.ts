import type { ApprovalDocumentType, ApprovalHistory } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';

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

export type SubmitDocument = {
  documentType: ApprovalDocumentType;
  documentId: string;
  title: string;
  amount: string | null;
  departmentId: string;
};

/** Starts an approval of the document with the active flow its type, amount and department select;
 *  null when no flow matches (the document's module decides what happens then). Notifies step 1. */
export async function submitForApproval(
  _tx: Db,
  _caller: Caller,
  _doc: SubmitDocument,
): Promise<{ approvalId: string } | null> {
  throw new Error('not yet');
}

/** The document's approvals, newest first, with every step's decisions and comments (for its detail page). */
export async function approvalHistory(
  _db: Db,
  _p: Principal,
  _documentType: ApprovalDocumentType,
  _documentId: string,
): Promise<ApprovalHistory> {
  throw new Error('not yet');
}
