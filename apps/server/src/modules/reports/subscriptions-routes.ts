import {
  createReportSubscription,
  idParams,
  reportSubscription,
  reportSubscriptionList,
  updateReportSubscription,
} from '@guanxi/contract';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, deleteRoute, docs } from '../../platform/http.ts';
import { localeFrom } from '../../platform/i18n.ts';
import * as service from './subscriptions-service.ts';

const T = 'reports';

/**
 * 报表订阅: each user's own subscriptions (another's is 404). No permission of their own: a
 * subscription is checked against `reports:<code>` and the report's filters when saved, and the
 * report runs as the subscriber when it is sent.
 */
export function reportSubscriptionRoutes({ db, readDb, config }: Deps) {
  return async (app: Api) => {
    app.get(
      '/report-subscriptions',
      {
        schema: docs(T, 'My report subscriptions, with their schedule, next run and last outcome', {
          response: { 200: reportSubscriptionList },
        }),
      },
      async (req) => ({
        data: await service.listSubscriptions(db, callerOf(req), localeFrom(req.headers['accept-language'])),
      }),
    );
    app.post(
      '/report-subscriptions',
      {
        schema: docs(T, 'Subscribe to a report with its query: XLSX by e-mail weekly or monthly', {
          body: createReportSubscription,
          response: { 201: reportSubscription },
        }),
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await service.createSubscription(
              db,
              callerOf(req),
              req.body,
              localeFrom(req.headers['accept-language']),
            ),
          ),
    );
    app.patch(
      '/report-subscriptions/:id',
      {
        schema: docs(T, 'Change, pause or resume one of my report subscriptions', {
          params: idParams,
          body: updateReportSubscription,
          response: { 200: reportSubscription },
        }),
      },
      async (req) =>
        service.updateSubscription(
          db,
          callerOf(req),
          req.params.id,
          req.body,
          localeFrom(req.headers['accept-language']),
        ),
    );
    deleteRoute(
      app,
      { path: '/report-subscriptions/:id', tag: T, summary: 'Delete one of my report subscriptions' },
      (req, id, version) => service.deleteSubscription(db, callerOf(req), id, version),
    );
    app.post(
      '/report-subscriptions/:id/send',
      {
        schema: docs(T, 'Send one of my subscriptions now (to try it); the outcome is recorded on it', {
          params: idParams,
          response: { 200: reportSubscription },
        }),
      },
      async (req) =>
        service.sendNow(
          db,
          readDb,
          config.serverKey,
          callerOf(req),
          req.params.id,
          localeFrom(req.headers['accept-language']),
        ),
    );
  };
}
