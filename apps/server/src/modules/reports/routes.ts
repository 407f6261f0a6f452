import {
  contactComplianceCustomers,
  contactComplianceCustomersQuery,
  contactComplianceQuery,
  contactComplianceReport,
  contactNorms,
  updateContactNorms,
} from '@guanxi/contract';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/hook.ts';
import { callerOf } from '../../platform/caller.ts';
import { type Api, actorOf, type Deps, docs } from '../../platform/http.ts';
import { localeFrom } from '../../platform/i18n.ts';
import { tableFile } from '../../platform/table-file.ts';
import * as service from './service.ts';

const T = 'reports';

/** 统计分析: contact norms (联系频率) and the compliance report with its drill-down and export. */
export function reportRoutes({ db, readDb }: Deps) {
  return async (app: Api) => {
    // every signed-in user reads the norms (the report and the customer pages show them)
    app.get(
      '/settings/contact-norms',
      {
        schema: docs(T, 'Follow-ups required per month for each customer level (联系频率)', {
          response: { 200: contactNorms },
        }),
      },
      async (req) => service.getContactNorms(db, principalOf(req).tenantId),
    );
    app.put(
      '/settings/contact-norms',
      {
        config: { permission: 'system:admin' },
        schema: docs(T, 'Set the norms of the customer levels named (each with the version read)', {
          body: updateContactNorms,
          response: { 200: contactNorms },
        }),
      },
      async (req) => service.updateContactNorms(db, actorOf(req), req.body),
    );
    app.get(
      '/reports/contact-compliance',
      {
        config: { permission: 'follow-ups:view' },
        schema: docs(
          T,
          'Contact compliance of a month per customer owner in my follow-ups scope: customers, required, done (capped per customer), rate',
          { querystring: contactComplianceQuery, response: { 200: contactComplianceReport } },
        ),
      },
      async (req) => ({ data: await service.contactCompliance(readDb, callerOf(req), req.query.month) }),
    );
    app.get(
      '/reports/contact-compliance/customers',
      {
        config: { permission: 'follow-ups:view' },
        schema: docs(T, 'The customers behind one row of the compliance report (all or behind their norm)', {
          querystring: contactComplianceCustomersQuery,
          response: { 200: contactComplianceCustomers },
        }),
      },
      async (req) => service.contactComplianceCustomers(readDb, callerOf(req), req.query),
    );
    app.get(
      '/reports/contact-compliance/export',
      {
        config: { permission: 'follow-ups:view' },
        schema: docs(T, 'The compliance report of a month as an XLSX file, in the request’s language', {
          querystring: contactComplianceQuery,
          response: { 200: z.string().describe('the file') },
        }),
      },
      async (req, reply) => {
        const locale = localeFrom(req.headers['accept-language']);
        const { month } = req.query;
        const name = service.exportFileName(locale, month);
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
          .send(
            tableFile('xlsx', service.contactComplianceExport(db, callerOf(req), month, locale)) as never,
          );
      },
    );
  };
}
