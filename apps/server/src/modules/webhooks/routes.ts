import {
  createWebhook,
  idParams,
  listResponse,
  okResponse,
  updateWebhook,
  versionQuery,
  webhook,
  webhookDelivery,
  webhookDeliveryParams,
  webhookDeliveryQuery,
  webhookEventCatalog,
  webhookEventGroups,
  webhookVersionBody,
  webhookWithSecret,
} from '@guanxi/contract';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/hook.ts';
import { type Api, actorOf, type Deps, docs } from '../../platform/http.ts';
import * as delivery from './delivery-service.ts';
import { DELIVER_JOB } from './jobs.ts';
import * as service from './service.ts';

const T = 'webhooks';
const MANAGE = 'webhooks:manage';
const tenantOf = (req: Parameters<typeof principalOf>[0]) => principalOf(req).tenantId;

/** Webhooks: subscriptions, their delivery log, test pings, replays and secret rotation. */
export function webhookRoutes({ db, config, jobs }: Deps) {
  // a ping or a replay goes out at once where a queue runs (else at the next minute's run)
  const sendSoon = () => jobs?.send(DELIVER_JOB, {});

  return async (app: Api) => {
    app.get(
      '/webhooks/events',
      {
        config: { permission: MANAGE },
        schema: docs(T, 'The events a webhook can subscribe to, by record kind', {
          response: { 200: webhookEventCatalog },
        }),
      },
      async () => ({
        data: Object.entries(webhookEventGroups).map(([group, events]) => ({ group, events: [...events] })),
      }),
    );

    app.get(
      '/webhooks',
      {
        config: { permission: MANAGE },
        schema: docs(T, 'The tenant’s webhook subscriptions (never their secrets)', {
          response: { 200: z.object({ data: z.array(webhook) }) },
        }),
      },
      async (req) => ({ data: await service.listWebhooks(db, tenantOf(req)) }),
    );

    app.post(
      '/webhooks',
      {
        config: { permission: MANAGE },
        schema: docs(
          T,
          'Subscribe a URL to events; the answer shows the signing secret, once. WEBHOOK_URL_NOT_ALLOWED for a private or non-http(s) target',
          { body: createWebhook, response: { 201: webhookWithSecret } },
        ),
      },
      async (req, reply) =>
        reply.status(201).send(await service.createWebhook(db, config, actorOf(req), req.body)),
    );

    app.get(
      '/webhooks/:id',
      {
        config: { permission: MANAGE },
        schema: docs(T, 'One subscription', { params: idParams, response: { 200: webhook } }),
      },
      async (req) => service.getWebhook(db, tenantOf(req), req.params.id),
    );

    app.patch(
      '/webhooks/:id',
      {
        config: { permission: MANAGE },
        schema: docs(T, 'Change the URL, events or active switch (with version; 409 when stale)', {
          params: idParams,
          body: updateWebhook,
          response: { 200: webhook },
        }),
      },
      async (req) => service.updateWebhook(db, config, actorOf(req), req.params.id, req.body),
    );

    app.delete(
      '/webhooks/:id',
      {
        config: { permission: MANAGE },
        schema: docs(T, 'Delete a subscription (with version)', {
          params: idParams,
          querystring: versionQuery,
          response: { 200: okResponse },
        }),
      },
      async (req) => {
        await service.deleteWebhook(db, actorOf(req), req.params.id, req.query.version);
        return { ok: true as const };
      },
    );

    app.post(
      '/webhooks/:id/rotate-secret',
      {
        config: { permission: MANAGE },
        schema: docs(T, 'A new signing secret, shown once; the old one stops at once', {
          params: idParams,
          body: webhookVersionBody,
          response: { 200: webhookWithSecret },
        }),
      },
      async (req) => service.rotateSecret(db, config, actorOf(req), req.params.id, req.body.version),
    );

    app.post(
      '/webhooks/:id/test',
      {
        config: { permission: MANAGE },
        schema: docs(T, 'Send a `ping` event to the subscription', {
          params: idParams,
          response: { 201: webhookDelivery },
        }),
      },
      async (req, reply) => {
        const made = await delivery.sendPing(db, actorOf(req), req.params.id);
        await sendSoon();
        return reply.status(201).send(made);
      },
    );

    app.get(
      '/webhooks/:id/deliveries',
      {
        config: { permission: MANAGE },
        schema: docs(T, 'The delivery log, newest first: status, attempts, response code, duration, times', {
          params: idParams,
          querystring: webhookDeliveryQuery,
          response: { 200: listResponse(webhookDelivery) },
        }),
      },
      async (req) => service.listDeliveries(db, tenantOf(req), req.params.id, req.query),
    );

    app.post(
      '/webhooks/:id/deliveries/:deliveryId/replay',
      {
        config: { permission: MANAGE },
        schema: docs(T, 'Send a delivery again (same id and body), with a fresh round of retries', {
          params: webhookDeliveryParams,
          response: { 200: webhookDelivery },
        }),
      },
      async (req) => {
        const replayed = await delivery.replayDelivery(
          db,
          actorOf(req),
          req.params.id,
          req.params.deliveryId,
        );
        await sendSoon();
        return replayed;
      },
    );
  };
}
