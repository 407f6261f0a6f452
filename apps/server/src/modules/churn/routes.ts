import {
  churnHistoryEntry,
  churnListQuery,
  churnRecord,
  churnRunResult,
  churnSettings,
  confirmChurn,
  delayChurn,
  idParams,
  listResponse,
  updateChurnSettings,
} from '@guanxi/contract';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/hook.ts';
import { callerOf } from '../../platform/caller.ts';
import { type Api, actorOf, type Deps, docs } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'churn';

/** 客户流失: settings, 流失预警 in the churn scope, 暂缓 / 确认, and the daily run on demand. */
export function churnRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/settings/churn',
      {
        config: { permission: 'churn:view' },
        schema: docs(
          T,
          'Churn settings: months without an order, delays allowed, pool on confirm, risk weights',
          {
            response: { 200: churnSettings },
          },
        ),
      },
      async (req) => service.getSettings(db, principalOf(req).tenantId),
    );
    app.put(
      '/settings/churn',
      {
        config: { permission: 'churn:admin' },
        schema: docs(T, 'Set the churn settings (with the version read; weights add up to 100)', {
          body: updateChurnSettings,
          response: { 200: churnSettings },
        }),
      },
      async (req) => service.updateSettings(db, actorOf(req), req.body),
    );
    app.get(
      '/churn-records',
      {
        config: { permission: 'churn:view' },
        schema: docs(T, 'Churn records in my scope, highest risk first; filters status, customer, owner, q', {
          querystring: churnListQuery,
          response: { 200: listResponse(churnRecord) },
        }),
      },
      async (req) => service.listRecords(db, callerOf(req), req.query),
    );
    app.get(
      '/churn-records/:id',
      {
        config: { permission: 'churn:view' },
        schema: docs(T, 'One churn record in my scope', { params: idParams, response: { 200: churnRecord } }),
      },
      async (req) => service.getRecord(db, principalOf(req), req.params.id),
    );
    app.get(
      '/churn-records/:id/history',
      {
        config: { permission: 'churn:view' },
        schema: docs(T, "A churn record's moves: raised, delayed, returned, confirmed, recovered", {
          params: idParams,
          response: { 200: z.object({ data: z.array(churnHistoryEntry) }) },
        }),
      },
      async (req) => ({ data: await service.recordHistory(db, principalOf(req), req.params.id) }),
    );
    app.post(
      '/churn-records/:id/delay',
      {
        config: { permission: 'churn:handle' },
        schema: docs(
          T,
          '暂缓流失: measures and a date after today (at most the setting’s times → 409 CHURN_DELAY_LIMIT)',
          {
            params: idParams,
            body: delayChurn,
            response: { 200: churnRecord },
          },
        ),
      },
      async (req) => service.delayRecord(db, callerOf(req), req.params.id, req.body),
    );
    app.post(
      '/churn-records/:id/confirm',
      {
        config: { permission: 'churn:handle' },
        schema: docs(T, '确认流失 with a reason (dictionary churn-reason): the customer is flagged lost', {
          params: idParams,
          body: confirmChurn,
          response: { 200: churnRecord },
        }),
      },
      async (req) => service.confirmRecord(db, callerOf(req), req.params.id, req.body),
    );
    app.post(
      '/churn/run',
      {
        config: { permission: 'churn:admin' },
        schema: docs(T, 'Run the daily churn job now for my tenant: risk scores, then warnings', {
          response: { 200: churnRunResult },
        }),
      },
      async (req) => {
        const c = callerOf(req);
        await service.scoreRisks(db, c.p.tenantId);
        return service.runChurn(db, c.p.tenantId, c.timeZone);
      },
    );
  };
}
