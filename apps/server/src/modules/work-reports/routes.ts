import {
  createWorkReport,
  createWorkReportComment,
  idParams,
  listResponse,
  missingWorkReports,
  updateWorkReport,
  workReport,
  workReportComment,
  workReportDetail,
  workReportFigures,
  workReportListQuery,
  workReportPeriodQuery,
} from '@guanxi/contract';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, deleteRoute, docs } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'work-reports';

/** 工作汇报: people write their period's report; supervisors read their scope's, comment, see who is missing. */
export function workReportRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/work-reports',
      {
        config: { permission: 'work-reports:view' },
        schema: docs(T, 'Reports in my scope (by author; drafts only my own), newest period first', {
          querystring: workReportListQuery,
          response: { 200: listResponse(workReport) },
        }),
      },
      async (req) => service.listReports(db, callerOf(req), req.query),
    );
    app.get(
      '/work-reports/prefill',
      {
        config: { permission: 'work-reports:create' },
        schema: docs(
          T,
          'My figures of a period from the records: new customers, follow-ups, visits, check-ins',
          {
            querystring: workReportPeriodQuery,
            response: { 200: workReportFigures },
          },
        ),
      },
      async (req) => service.prefill(db, callerOf(req), req.query),
    );
    app.get(
      '/work-reports/missing',
      {
        config: { permission: 'work-reports:view' },
        schema: docs(T, 'People in my scope without a submitted report of the period (未汇报)', {
          querystring: workReportPeriodQuery,
          response: { 200: missingWorkReports },
        }),
      },
      async (req) => ({ data: await service.missingReports(db, callerOf(req), req.query) }),
    );
    app.get(
      '/work-reports/:id',
      {
        config: { permission: 'work-reports:view' },
        schema: docs(T, 'One report in my scope with its comments', {
          params: idParams,
          response: { 200: workReportDetail },
        }),
      },
      async (req) => service.getReport(db, callerOf(req), req.params.id),
    );
    app.post(
      '/work-reports',
      {
        config: { permission: 'work-reports:create' },
        schema: docs(
          T,
          'Write my report of a period: submitted (figures frozen) or a draft; one per period',
          {
            body: createWorkReport,
            response: { 201: workReportDetail },
          },
        ),
      },
      async (req, reply) => reply.status(201).send(await service.createReport(db, callerOf(req), req.body)),
    );
    app.patch(
      '/work-reports/:id',
      {
        config: { permission: 'work-reports:edit' },
        schema: docs(T, 'Change my draft, or submit it (submit: true)', {
          params: idParams,
          body: updateWorkReport,
          response: { 200: workReportDetail },
        }),
      },
      async (req) => service.updateReport(db, callerOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      { path: '/work-reports/:id', tag: T, summary: 'Delete my draft', permission: 'work-reports:delete' },
      (req, id, version) => service.deleteReport(db, callerOf(req), id, version),
    );
    app.post(
      '/work-reports/:id/comments',
      {
        config: { permission: 'work-reports:comment' },
        schema: docs(T, 'Comment on a report in my scope (点评); its author is notified', {
          params: idParams,
          body: createWorkReportComment,
          response: { 201: workReportComment },
        }),
      },
      async (req, reply) =>
        reply.status(201).send(await service.addComment(db, callerOf(req), req.params.id, req.body.content)),
    );
  };
}
