import {
  listResponse,
  reportCatalog,
  reportCode,
  reportDrillQuery,
  reportDrillRow,
  reportQuery,
  reportResult,
} from '@guanxi/contract';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/hook.ts';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, docs } from '../../platform/http.ts';
import { localeFrom } from '../../platform/i18n.ts';
import { tableFile } from '../../platform/table-file.ts';
import { catalogFor, reportDefinition } from './kit/catalog.ts';
import { reportFile } from './kit/export.ts';
import { checkReport, drillReport, runReport } from './kit/run.ts';

const T = 'reports';
const codeParams = z.object({ code: reportCode });

/**
 * The report framework's routes: the catalogue, a report, the records behind a cell, the XLSX.
 * Each report checks `reports:<code>` and its source's view permission itself (a report the
 * caller may not run is 404, like a record out of scope); numbers come from the read database.
 */
export function reportCatalogRoutes({ readDb }: Deps) {
  return async (app: Api) => {
    app.get(
      '/reports',
      { schema: docs(T, 'The reports the caller may run', { response: { 200: reportCatalog } }) },
      async (req) => ({ data: catalogFor(principalOf(req), localeFrom(req.headers['accept-language'])) }),
    );
    app.get(
      '/reports/:code',
      {
        schema: docs(T, 'A report over the caller’s scope: rows per group, totals, the chart, freshness', {
          params: codeParams,
          querystring: reportQuery,
          response: { 200: reportResult },
        }),
      },
      async (req) =>
        runReport(
          readDb,
          callerOf(req),
          reportDefinition(req.params.code),
          req.query,
          localeFrom(req.headers['accept-language']),
        ),
    );
    app.get(
      '/reports/:code/drill',
      {
        schema: docs(T, 'The records one cell of a report counted (list shape)', {
          params: codeParams,
          querystring: reportDrillQuery,
          response: { 200: listResponse(reportDrillRow) },
        }),
      },
      async (req) => drillReport(readDb, callerOf(req), reportDefinition(req.params.code), req.query),
    );
    app.get(
      '/reports/:code/export',
      {
        schema: docs(T, 'A report as an XLSX file with its period and filters, in the request’s language', {
          params: codeParams,
          querystring: reportQuery.extend({ format: z.literal('xlsx').optional() }),
          response: { 200: z.string().describe('the file') },
        }),
      },
      async (req, reply) => {
        const locale = localeFrom(req.headers['accept-language']);
        const d = reportDefinition(req.params.code);
        const c = callerOf(req);
        // checked before the file starts: a refused report is a 404, not a broken download
        const { format: _format, ...q } = req.query;
        checkReport(c, d, q);
        const name = `${d.name[locale]}.xlsx`;
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
          .send(tableFile('xlsx', reportFile(readDb, c, d, q, locale)) as never);
      },
    );
  };
}
