import {
  card,
  cardBatch,
  cardBatchListQuery,
  cardChangeResponse,
  cardEntry,
  cardLedgerQuery,
  cardListQuery,
  cardNumberParams,
  cardSecretsResponse,
  consumeCard,
  createCardBatch,
  idParams,
  listResponse,
  rechargeCard,
  refundCardEntry,
  scrapCardRange,
  scrapRangeResponse,
} from '@guanxi/contract';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, docs } from '../../platform/http.ts';
import * as batches from './batch-service.ts';
import * as cards from './card-service.ts';

const T = 'cards';

/** 充值卡: batches (cards:manage), use at a store (cards:use), reading (cards:read). */
export function cardRoutes({ db, config }: Deps) {
  const key = config.serverKey;
  return async (app: Api) => {
    app.get(
      '/card-batches',
      {
        config: { permission: 'cards:read' },
        schema: docs(T, 'Card batches in my scope, newest first', {
          querystring: cardBatchListQuery,
          response: { 200: listResponse(cardBatch) },
        }),
      },
      async (req) => batches.listBatches(db, callerOf(req), req.query),
    );
    app.get(
      '/card-batches/:id',
      {
        config: { permission: 'cards:read' },
        schema: docs(T, 'One card batch', { params: idParams, response: { 200: cardBatch } }),
      },
      async (req) => batches.getBatch(db, callerOf(req), req.params.id),
    );
    app.post(
      '/card-batches',
      {
        config: { permission: 'cards:manage' },
        schema: docs(T, 'Make a batch of up to 10,000 cards (numbers, hashed secrets, an issue entry each)', {
          body: createCardBatch,
          response: { 201: cardBatch },
        }),
      },
      async (req, reply) =>
        reply.status(201).send(await batches.createBatch(db, key, callerOf(req), req.body)),
    );
    app.get(
      '/card-batches/:id/secrets',
      {
        config: { permission: 'cards:manage' },
        schema: docs(
          T,
          'The numbers and clear secrets, once (erased then); again → 410 SECRETS_ALREADY_EXPORTED',
          {
            params: idParams,
            response: { 200: cardSecretsResponse },
          },
        ),
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return batches.exportSecrets(db, key, callerOf(req), req.params.id);
      },
    );
    app.post(
      '/card-batches/:id/scrap',
      {
        config: { permission: 'cards:manage' },
        schema: docs(T, 'Scrap the batch’s cards numbered from … to (those not final yet)', {
          params: idParams,
          body: scrapCardRange,
          response: { 200: scrapRangeResponse },
        }),
      },
      async (req) => batches.scrapRange(db, callerOf(req), req.params.id, req.body),
    );
    app.get(
      '/cards',
      {
        config: { permission: 'cards:read' },
        schema: docs(T, 'Cards in my scope by number; by batch, status, number prefix', {
          querystring: cardListQuery,
          response: { 200: listResponse(card) },
        }),
      },
      async (req) => cards.listCards(db, callerOf(req), req.query),
    );
    app.get(
      '/cards/:number',
      {
        config: { permission: 'cards:read' },
        schema: docs(T, 'One card: status, balance, expiry', {
          params: cardNumberParams,
          response: { 200: card },
        }),
      },
      async (req) => cards.getCard(db, callerOf(req), req.params.number),
    );
    app.get(
      '/cards/:number/ledger',
      {
        config: { permission: 'cards:read' },
        schema: docs(T, 'A card’s ledger, newest first', {
          params: cardNumberParams,
          querystring: cardLedgerQuery,
          response: { 200: listResponse(cardEntry) },
        }),
      },
      async (req) => cards.cardLedger(db, callerOf(req), req.params.number, req.query),
    );
    const change = { params: cardNumberParams, response: { 200: cardChangeResponse } };
    app.post(
      '/cards/:number/activate',
      {
        config: { permission: 'cards:use' },
        schema: docs(T, 'Activate an issued card (an activate entry)', change),
      },
      async (req) => cards.activate(db, callerOf(req), req.params.number),
    );
    app.post(
      '/cards/:number/recharge',
      {
        config: { permission: 'cards:use' },
        schema: docs(T, 'Recharge an active card', { ...change, body: rechargeCard }),
      },
      async (req) => cards.recharge(db, callerOf(req), req.params.number, req.body.amount),
    );
    app.post(
      '/cards/:number/consume',
      {
        config: { permission: 'cards:use' },
        schema: docs(
          T,
          'Consume with the secret; the same idempotencyKey answers the first result. 409 INSUFFICIENT_BALANCE / CARD_NOT_USABLE, 403 CARD_SECRET_INVALID, 423 CARD_LOCKED after 5 wrong secrets',
          { ...change, body: consumeCard },
        ),
      },
      async (req) => cards.consume(db, key, callerOf(req), req.params.number, req.body),
    );
    app.post(
      '/cards/:number/refund',
      {
        config: { permission: 'cards:use' },
        schema: docs(T, 'Refund a consume entry of the card, once', { ...change, body: refundCardEntry }),
      },
      async (req) => cards.refund(db, callerOf(req), req.params.number, req.body.entryId),
    );
    app.post(
      '/cards/:number/freeze',
      { config: { permission: 'cards:manage' }, schema: docs(T, 'Freeze an active card', change) },
      async (req) => cards.freeze(db, callerOf(req), req.params.number),
    );
    app.post(
      '/cards/:number/unfreeze',
      {
        config: { permission: 'cards:manage' },
        schema: docs(T, 'Unfreeze a card (also clears a lock-out after wrong secrets)', change),
      },
      async (req) => cards.unfreeze(db, callerOf(req), req.params.number),
    );
    app.post(
      '/cards/:number/scrap',
      {
        config: { permission: 'cards:manage' },
        schema: docs(T, 'Scrap a card (a scrap entry takes off its balance)', change),
      },
      async (req) => cards.scrap(db, callerOf(req), req.params.number),
    );
  };
}
