import { exportJob, idParams, startExport } from '@guanxi/contract';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/hook.ts';
import { type Api, type Deps, docs } from '../../platform/http.ts';
import { localeFrom } from '../../platform/i18n.ts';
import * as service from './service.ts';

const T = 'exports';

/** Large exports as jobs with progress; small ones download directly from GET /customers/export. */
export function exportRoutes({ db, jobs }: Deps) {
  return async (app: Api) => {
    // starting an export job needs the queue: without one (plain API tests) the route is absent
    if (jobs) {
      app.post(
        '/customers/exports',
        {
          config: { permission: 'customers:export' },
          schema: docs(T, 'Start an export of the customer list with these filters as a job', {
            body: startExport,
            response: { 202: z.object({ id: z.string() }) },
          }),
        },
        async (req, reply) => {
          const locale = localeFrom(req.headers['accept-language']);
          return reply
            .status(202)
            .send(await service.startExport(db, jobs, principalOf(req), locale, req.body));
        },
      );
    }
    app.get(
      '/exports/:id',
      {
        config: { permission: 'customers:export' },
        schema: docs(T, 'Progress of one of my exports', { params: idParams, response: { 200: exportJob } }),
      },
      async (req) => service.getExport(db, principalOf(req), req.params.id),
    );
    app.get(
      '/exports/:id/file',
      {
        config: { permission: 'customers:export' },
        schema: docs(T, 'Download a finished export', {
          params: idParams,
          response: { 200: z.string().describe('the file') },
        }),
      },
      async (req, reply) => {
        const { job, stream } = await service.exportFile(db, principalOf(req), req.params.id);
        const type =
          job.format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        return reply
          .header('content-type', type)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(job.fileName)}`)
          .send(stream as never);
      },
    );
  };
}
