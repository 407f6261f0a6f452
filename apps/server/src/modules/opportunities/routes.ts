import {
  assignOpportunity,
  createOpportunity,
  createOpportunityStage,
  createPlanItem,
  forecast,
  forecastQuery,
  funnel,
  funnelQuery,
  idParams,
  listResponse,
  loseOpportunity,
  opportunity,
  opportunityListQuery,
  opportunityPlanItem,
  opportunityStage,
  opportunityStageChange,
  pipeline,
  pipelineQuery,
  planItemParams,
  updateOpportunity,
  updateOpportunityStage,
  updatePlanItem,
  versionQuery,
  winOpportunity,
} from '@guanxi/contract';
import { z } from 'zod';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, deleteRoute, docs } from '../../platform/http.ts';
import { localeFrom } from '../../platform/i18n.ts';
import { tableFile } from '../../platform/table-file.ts';
import { opportunityExport } from './export-service.ts';
import * as pipelines from './pipeline-service.ts';
import * as plan from './plan-service.ts';
import * as service from './service.ts';
import * as stages from './stages-service.ts';

const T = 'opportunities';
const planList = z.object({ data: z.array(opportunityPlanItem) });
const stageList = z.object({ data: z.array(opportunityStage) });

/** 销售机会 within the opportunities scope: stages, the deals, 指派, the development plan, the pipeline. */
export function opportunityRoutes({ db, readDb }: Deps) {
  return async (app: Api) => {
    // ---- stages ----
    app.get(
      '/opportunities/stages',
      {
        config: { permission: 'opportunities:view' },
        schema: docs(T, 'The tenant’s stages in board order (probability, stalled days, open deals)', {
          response: { 200: stageList },
        }),
      },
      async (req) => ({ data: await stages.listStages(db, callerOf(req).p.tenantId) }),
    );
    app.post(
      '/opportunities/stages',
      {
        config: { permission: 'opportunities:assign' },
        schema: docs(T, 'Add a stage (at `position`, else last); the stages after', {
          body: createOpportunityStage,
          response: { 201: stageList },
        }),
      },
      async (req, reply) =>
        reply.status(201).send({ data: await stages.createStage(db, callerOf(req), req.body) }),
    );
    app.patch(
      '/opportunities/stages/:id',
      {
        config: { permission: 'opportunities:assign' },
        schema: docs(T, 'Rename, move, or change a stage’s probability or stalled days; the stages after', {
          params: idParams,
          body: updateOpportunityStage,
          response: { 200: stageList },
        }),
      },
      async (req) => ({ data: await stages.updateStage(db, callerOf(req), req.params.id, req.body) }),
    );
    deleteRoute(
      app,
      {
        path: '/opportunities/stages/:id',
        tag: T,
        summary: 'Delete a stage no open opportunity is in (409 STAGE_IN_USE)',
        permission: 'opportunities:assign',
      },
      (req, id, version) => stages.deleteStage(db, callerOf(req), id, version),
    );

    // ---- pipeline, funnel, forecast ----
    app.get(
      '/opportunities/pipeline',
      {
        config: { permission: 'opportunities:view' },
        schema: docs(T, 'Open deals in my scope per stage: count, amount, weighted amount', {
          querystring: pipelineQuery,
          response: { 200: pipeline },
        }),
      },
      async (req) => pipelines.pipeline(db, callerOf(req).p, req.query),
    );
    app.get(
      '/opportunities/funnel',
      {
        config: { permission: 'opportunities:view' },
        schema: docs(
          T,
          'Of the deals created in the period (my scope): how many reached each stage, won, lost',
          {
            querystring: funnelQuery,
            response: { 200: funnel },
          },
        ),
      },
      async (req) => pipelines.funnel(db, callerOf(req), req.query),
    );
    app.get(
      '/opportunities/forecast',
      {
        config: { permission: 'opportunities:view' },
        schema: docs(T, 'By month (my scope): won, weighted and best-case amounts', {
          querystring: forecastQuery,
          response: { 200: forecast },
        }),
      },
      async (req) => pipelines.forecast(db, callerOf(req), req.query),
    );

    // ---- opportunities ----
    app.get(
      '/opportunities',
      {
        config: { permission: 'opportunities:view' },
        schema: docs(T, 'Opportunities in my scope (status=open: unassigned and developing)', {
          querystring: opportunityListQuery,
          response: { 200: listResponse(opportunity) },
        }),
      },
      async (req) => service.listOpportunities(db, callerOf(req), req.query),
    );
    app.get(
      '/opportunities/export',
      {
        config: { permission: 'opportunities:export' },
        schema: docs(
          T,
          'The list with its filters as a CSV or XLSX file (scope applies; at most 5,000 rows)',
          {
            querystring: opportunityListQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
            response: { 200: z.string().describe('the file') },
          },
        ),
      },
      async (req, reply) => {
        const { format, page: _p, pageSize: _s, sort: _o, cursor: _c, ...filters } = req.query;
        const locale = localeFrom(req.headers['accept-language']);
        const source = await opportunityExport(db, callerOf(req), filters, locale, readDb);
        const name = `${locale === 'zh-CN' ? '销售机会' : 'opportunities'}-${new Date().toISOString().slice(0, 10)}.${format}`;
        return reply
          .header(
            'content-type',
            format === 'csv'
              ? 'text/csv; charset=utf-8'
              : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
          .send(tableFile(format, source) as never);
      },
    );
    app.get(
      '/opportunities/assignees',
      {
        config: { permission: 'opportunities:assign' },
        schema: docs(T, 'Whom I may assign to (指派): active users in my opportunities scope, by name', {
          querystring: z.object({ q: z.string().trim().max(50).optional() }),
          response: {
            200: z.object({
              data: z.array(
                z.object({ id: z.string(), name: z.string(), departmentName: z.string().nullable() }),
              ),
            }),
          },
        }),
      },
      async (req) => ({ data: await service.assignees(db, callerOf(req).p, req.query.q) }),
    );
    app.get(
      '/opportunities/:id',
      {
        config: { permission: 'opportunities:view' },
        schema: docs(T, 'One opportunity in my scope', { params: idParams, response: { 200: opportunity } }),
      },
      async (req) => service.getOpportunity(db, callerOf(req).p, req.params.id),
    );
    app.get(
      '/opportunities/:id/stage-history',
      {
        config: { permission: 'opportunities:view' },
        schema: docs(T, 'Its stage changes (and creation, won, lost), newest first', {
          params: idParams,
          response: { 200: z.object({ data: z.array(opportunityStageChange) }) },
        }),
      },
      async (req) => ({ data: await service.stageHistory(db, callerOf(req).p, req.params.id) }),
    );
    app.post(
      '/opportunities',
      {
        config: { permission: 'opportunities:create' },
        schema: docs(T, 'For a customer or a named prospect; unassigned until 指派', {
          body: createOpportunity,
          response: { 201: opportunity },
        }),
      },
      async (req, reply) =>
        reply.status(201).send(await service.createOpportunity(db, callerOf(req), req.body)),
    );
    app.patch(
      '/opportunities/:id',
      {
        config: { permission: 'opportunities:edit' },
        schema: docs(T, 'Change an open opportunity (a stage move is kept in its history) with `version`', {
          params: idParams,
          body: updateOpportunity,
          response: { 200: opportunity },
        }),
      },
      async (req) => service.updateOpportunity(db, callerOf(req), req.params.id, req.body),
    );
    app.post(
      '/opportunities/:id/assign',
      {
        config: { permission: 'opportunities:assign' },
        schema: docs(T, '指派 to a user in my scope: it becomes theirs and developing; they are told', {
          params: idParams,
          body: assignOpportunity,
          response: { 200: opportunity },
        }),
      },
      async (req) => service.assignOpportunity(db, callerOf(req), req.params.id, req.body),
    );
    app.post(
      '/opportunities/:id/win',
      {
        config: { permission: 'opportunities:edit' },
        schema: docs(
          T,
          '开发成功: a prospect becomes a customer through the duplicate check (409 DUPLICATE_CUSTOMER)',
          {
            params: idParams,
            body: winOpportunity,
            response: { 200: opportunity },
          },
        ),
      },
      async (req) => service.winOpportunity(db, callerOf(req), req.params.id, req.body),
    );
    app.post(
      '/opportunities/:id/lose',
      {
        config: { permission: 'opportunities:edit' },
        schema: docs(T, '开发失败 with a lost-reason dictionary item', {
          params: idParams,
          body: loseOpportunity,
          response: { 200: opportunity },
        }),
      },
      async (req) => service.loseOpportunity(db, callerOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      {
        path: '/opportunities/:id',
        tag: T,
        summary: 'Delete an opportunity that is not won',
        permission: 'opportunities:delete',
      },
      (req, id, version) => service.deleteOpportunity(db, callerOf(req), id, version),
    );

    // ---- development plan ----
    app.get(
      '/opportunities/:id/plan',
      {
        config: { permission: 'opportunities:view' },
        schema: docs(T, '客户开发计划: its dated items with their results', {
          params: idParams,
          response: { 200: planList },
        }),
      },
      async (req) => ({ data: await plan.listPlan(db, callerOf(req).p, req.params.id) }),
    );
    app.post(
      '/opportunities/:id/plan',
      {
        config: { permission: 'opportunities:edit' },
        schema: docs(T, 'Add a plan item while the opportunity is open; the plan after', {
          params: idParams,
          body: createPlanItem,
          response: { 201: planList },
        }),
      },
      async (req, reply) =>
        reply.status(201).send({ data: await plan.addPlanItem(db, callerOf(req), req.params.id, req.body) }),
    );
    app.patch(
      '/opportunities/:id/plan/:itemId',
      {
        config: { permission: 'opportunities:edit' },
        schema: docs(T, 'Change a plan item or record its 执行结果 (with `version`); the plan after', {
          params: planItemParams,
          body: updatePlanItem,
          response: { 200: planList },
        }),
      },
      async (req) => ({
        data: await plan.updatePlanItem(db, callerOf(req), req.params.id, req.params.itemId, req.body),
      }),
    );
    app.delete(
      '/opportunities/:id/plan/:itemId',
      {
        config: { permission: 'opportunities:edit' },
        schema: docs(T, 'Delete a plan item (with `version`); the plan after', {
          params: planItemParams,
          querystring: versionQuery,
          response: { 200: planList },
        }),
      },
      async (req) => ({
        data: await plan.deletePlanItem(
          db,
          callerOf(req),
          req.params.id,
          req.params.itemId,
          req.query.version,
        ),
      }),
    );
  };
}
