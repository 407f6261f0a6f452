import {
  createMarketingPlan,
  idParams,
  listResponse,
  marketingPlan,
  marketingPlanListQuery,
  planFeedback,
  planSummary,
  planSummaryQuery,
  planVersion,
  reviewMarketingPlan,
  updateMarketingPlan,
} from '@guanxi/contract';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, deleteRoute, docs } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'marketing-plans';

/** 营销计划 within the marketing-plans scope: plan, review, execute (活动签到 is check-ins'), feedback. */
export function marketingPlanRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/marketing-plans',
      {
        config: { permission: 'marketing-plans:view' },
        schema: docs(T, 'Plans in my scope; queue=unreviewed is my 未审核 queue', {
          querystring: marketingPlanListQuery,
          response: { 200: listResponse(marketingPlan) },
        }),
      },
      async (req) => service.listPlans(db, callerOf(req), req.query),
    );
    app.get(
      '/marketing-plans/summary',
      {
        config: { permission: 'marketing-plans:view' },
        schema: docs(
          T,
          'Plans in my scope summarised by department, person or type (status, budget vs actual, attainment)',
          {
            querystring: planSummaryQuery,
            response: { 200: planSummary },
          },
        ),
      },
      async (req) => service.planSummary(db, callerOf(req), req.query),
    );
    app.get(
      '/marketing-plans/:id',
      {
        config: { permission: 'marketing-plans:view' },
        schema: docs(T, 'One plan in my scope', { params: idParams, response: { 200: marketingPlan } }),
      },
      async (req) => service.getPlan(db, callerOf(req), req.params.id),
    );
    app.post(
      '/marketing-plans',
      {
        config: { permission: 'marketing-plans:create' },
        schema: docs(
          T,
          'Plan (numbered JH…); it goes to review, or to the approval engine when it has expenses',
          {
            body: createMarketingPlan,
            response: { 201: marketingPlan },
          },
        ),
      },
      async (req, reply) => reply.status(201).send(await service.createPlan(db, callerOf(req), req.body)),
    );
    app.patch(
      '/marketing-plans/:id',
      {
        config: { permission: 'marketing-plans:edit' },
        schema: docs(
          T,
          'Change a plan not in approval nor approved; a returned or rejected one goes to review again',
          {
            params: idParams,
            body: updateMarketingPlan,
            response: { 200: marketingPlan },
          },
        ),
      },
      async (req) => service.updatePlan(db, callerOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      {
        path: '/marketing-plans/:id',
        tag: T,
        summary: 'Delete a plan not in approval nor approved',
        permission: 'marketing-plans:delete',
      },
      (req, id, version) => service.deletePlan(db, callerOf(req), id, version),
    );
    app.post(
      '/marketing-plans/:id/review',
      {
        config: { permission: 'marketing-plans:review' },
        schema: docs(T, '审核: approve or reject (with a comment) a plan waiting in review — not my own', {
          params: idParams,
          body: reviewMarketingPlan,
          response: { 200: marketingPlan },
        }),
      },
      async (req) => service.reviewPlan(db, callerOf(req), req.params.id, req.body),
    );
    app.put(
      '/marketing-plans/:id/feedback',
      {
        config: { permission: 'marketing-plans:view' },
        schema: docs(
          T,
          '执行反馈 of an approved plan I execute; editable until submitted (409 FEEDBACK_LOCKED after)',
          {
            params: idParams,
            body: planFeedback,
            response: { 200: marketingPlan },
          },
        ),
      },
      async (req) => service.saveFeedback(db, callerOf(req), req.params.id, req.body),
    );
    app.post(
      '/marketing-plans/:id/feedback/submit',
      {
        config: { permission: 'marketing-plans:view' },
        schema: docs(T, 'Submit my feedback: it is locked from then on', {
          params: idParams,
          body: planVersion,
          response: { 200: marketingPlan },
        }),
      },
      async (req) => service.submitFeedback(db, callerOf(req), req.params.id, req.body.version),
    );
  };
}
