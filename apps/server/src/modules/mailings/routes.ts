import {
  createMailing,
  idParams,
  listResponse,
  mailing,
  mailingListQuery,
  mailingRecipient,
  mailingRecipientsQuery,
  mailingSettings,
  okResponse,
  sendMailing,
  testMailing,
  testMailingResponse,
  unsubscribeRequest,
  updateMailing,
  updateMailingSettings,
  versionQuery,
} from '@guanxi/contract';
import type { FastifyRequest } from 'fastify';
import { principalOf } from '../../platform/auth/hook.ts';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, docs } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'mailings';

/** Where the request came to: unsubscribe links point there unless the settings name a site. */
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** 群发: e-mail / SMS mailings, the tenant's sending settings, and the public unsubscribe. */
export function mailingRoutes({ db, config, jobs }: Deps) {
  return async (app: Api) => {
    app.get(
      '/mailings',
      {
        config: { permission: 'mailings:view' },
        schema: docs(T, 'Mailings in my data scope, newest first, with recipient counts by status', {
          querystring: mailingListQuery,
          response: { 200: listResponse(mailing) },
        }),
      },
      async (req) => service.listMailings(db, principalOf(req), req.query),
    );
    app.post(
      '/mailings',
      {
        config: { permission: 'mailings:create' },
        schema: docs(
          T,
          'Create a mailing (draft) to a saved customers/contacts query (taken now, in my data scope) or to explicit recipients',
          { body: createMailing, response: { 201: mailing } },
        ),
      },
      async (req, reply) => reply.status(201).send(await service.createMailing(db, callerOf(req), req.body)),
    );
    app.get(
      '/mailings/:id',
      {
        config: { permission: 'mailings:view' },
        schema: docs(T, 'One mailing', { params: idParams, response: { 200: mailing } }),
      },
      async (req) => service.getMailing(db, principalOf(req), req.params.id),
    );
    app.patch(
      '/mailings/:id',
      {
        config: { permission: 'mailings:create' },
        schema: docs(T, "Change a draft's name, subject or message", {
          params: idParams,
          body: updateMailing,
          response: { 200: mailing },
        }),
      },
      async (req) => service.updateMailing(db, callerOf(req), req.params.id, req.body),
    );
    app.get(
      '/mailings/:id/recipients',
      {
        config: { permission: 'mailings:view' },
        schema: docs(T, "A mailing's recipients with each one's status and error", {
          params: idParams,
          querystring: mailingRecipientsQuery,
          response: { 200: listResponse(mailingRecipient) },
        }),
      },
      async (req) => service.listRecipients(db, principalOf(req), req.params.id, req.query),
    );
    app.post(
      '/mailings/:id/test',
      {
        // a test goes out at once, past the throttle: a few a minute are enough to check a message
        // (counted once the request is valid and allowed: junk is a 400, not a spent test send)
        config: {
          permission: 'mailings:send',
          rateLimit: { max: 10, timeWindow: '1 minute', hook: 'preHandler' },
        },
        schema: docs(T, "Send a test message to one address, merged with the first recipient's values", {
          params: idParams,
          body: testMailing,
          response: { 200: testMailingResponse },
        }),
      },
      async (req) =>
        service.testMailing(db, config.serverKey, callerOf(req), req.params.id, req.body.to, originOf(req)),
    );
    app.post(
      '/mailings/:id/send',
      {
        config: { permission: 'mailings:send' },
        schema: docs(T, 'Send a draft now (through the job queue) or at scheduledAt; throttled per minute', {
          params: idParams,
          body: sendMailing,
          response: { 200: mailing },
        }),
      },
      async (req) => service.sendMailing(db, callerOf(req), req.params.id, req.body, originOf(req), jobs),
    );
    app.post(
      '/mailings/:id/cancel',
      {
        config: { permission: 'mailings:send' },
        schema: docs(T, 'Stop a scheduled or sending mailing (who was not sent to yet stays pending)', {
          params: idParams,
          querystring: versionQuery,
          response: { 200: mailing },
        }),
      },
      async (req) => service.cancelMailing(db, callerOf(req), req.params.id, req.query.version),
    );
    app.get(
      '/settings/mailing',
      {
        config: { permission: 'mailings:admin' },
        schema: docs(T, "The tenant's SMTP and SMS settings (secrets never returned)", {
          response: { 200: mailingSettings },
        }),
      },
      async (req) => service.getSettings(db, principalOf(req)),
    );
    app.put(
      '/settings/mailing',
      {
        config: { permission: 'mailings:admin' },
        schema: docs(T, 'Change the SMTP and SMS settings (version 0 the first time); secrets are sealed', {
          body: updateMailingSettings,
          response: { 200: mailingSettings },
        }),
      },
      async (req) => service.updateSettings(db, config.serverKey, callerOf(req), req.body),
    );
    app.post(
      '/public/unsubscribe',
      {
        config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: docs(T, 'Unsubscribe the address of a signed mailing link (no sign-in)', {
          body: unsubscribeRequest,
          response: { 200: okResponse },
        }),
      },
      async (req) => service.unsubscribe(db, config.serverKey, req.body.token),
    );
  };
}
