import {
  approval,
  approvalFlow,
  approvalFlowList,
  approvalFlowListQuery,
  approvalHistory,
  approvalHistoryQuery,
  approvalList,
  approvalListQuery,
  approveApproval,
  createApprovalFlow,
  idParams,
  rejectApproval,
  returnApproval,
  updateApprovalFlow,
  withdrawApproval,
} from '@guanxi/contract';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, deleteRoute, docs } from '../../platform/http.ts';
import * as deciding from './decision-service.ts';
import * as flows from './flows-service.ts';
import * as service from './service.ts';

const T = 'approvals';

/** 审批流程: the flows per document type (admins). */
export function approvalFlowRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/approval-flows',
      {
        config: { permission: 'approvals:admin' },
        schema: docs(T, 'Approval flows (审批流程), with their conditions and steps', {
          querystring: approvalFlowListQuery,
          response: { 200: approvalFlowList },
        }),
      },
      async (req) => flows.listFlows(db, callerOf(req).p, req.query),
    );
    app.get(
      '/approval-flows/:id',
      {
        config: { permission: 'approvals:admin' },
        schema: docs(T, 'One approval flow as it is now', {
          params: idParams,
          response: { 200: approvalFlow },
        }),
      },
      async (req) => flows.getFlow(db, callerOf(req).p, req.params.id),
    );
    app.post(
      '/approval-flows',
      {
        config: { permission: 'approvals:admin' },
        schema: docs(
          T,
          'Create an approval flow for a document type (conditions: amount range, departments)',
          {
            body: createApprovalFlow,
            response: { 201: approvalFlow },
          },
        ),
      },
      async (req, reply) => reply.status(201).send(await flows.createFlow(db, callerOf(req), req.body)),
    );
    app.patch(
      '/approval-flows/:id',
      {
        config: { permission: 'approvals:admin' },
        schema: docs(T, 'Change a flow: a new version; approvals in flight keep theirs', {
          params: idParams,
          body: updateApprovalFlow,
          response: { 200: approvalFlow },
        }),
      },
      async (req) => flows.updateFlow(db, callerOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      {
        path: '/approval-flows/:id',
        permission: 'approvals:admin',
        tag: T,
        summary: 'Delete a flow (approvals in flight finish with their version)',
      },
      (req, id, version) => flows.deleteFlow(db, callerOf(req), id, version),
    );
  };
}

/** 审批: the inboxes and the decisions; what the caller may see is theirs (submitted, asked) or the document's. */
export function approvalRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/approvals',
      {
        schema: docs(T, '我的待办 (pending), 我已处理 (done), 我发起的 (submitted)', {
          querystring: approvalListQuery,
          response: { 200: approvalList },
        }),
      },
      async (req) => service.listApprovals(db, callerOf(req).p, req.query),
    );
    app.get(
      '/approvals/history',
      {
        schema: docs(
          T,
          "A document's approvals, newest first (404 unless the caller sees the document or took part)",
          {
            querystring: approvalHistoryQuery,
            response: { 200: approvalHistory },
          },
        ),
      },
      async (req) =>
        service.approvalHistory(db, callerOf(req).p, req.query.documentType, req.query.documentId),
    );
    app.get(
      '/approvals/:id',
      {
        schema: docs(T, 'One approval: steps, approvers, decisions and comments', {
          params: idParams,
          response: { 200: approval },
        }),
      },
      async (req) => service.getApproval(db, callerOf(req).p, req.params.id),
    );
    const decisions = [
      ['approve', 'Approve my step (会签: all must; 或签: the first decides)', approveApproval],
      ['reject', 'Reject (comment required): the approval ends', rejectApproval],
      ['return', 'Return to the submitter for changes (comment required)', returnApproval],
    ] as const;
    for (const [decision, summary, body] of decisions)
      app.post(
        `/approvals/:id/${decision}`,
        { schema: docs(T, summary, { params: idParams, body, response: { 200: approval } }) },
        async (req) => deciding.decide(db, callerOf(req), req.params.id, decision, req.body.comment || null),
      );
    app.post(
      '/approvals/:id/withdraw',
      {
        schema: docs(T, 'Withdraw my submission before the first decision', {
          params: idParams,
          body: withdrawApproval,
          response: { 200: approval },
        }),
      },
      async (req) => deciding.withdraw(db, callerOf(req), req.params.id, req.body.comment || null),
    );
  };
}
