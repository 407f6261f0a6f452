import {
  type Card,
  type CardChangeResponse,
  type CardEntry,
  type CardListQuery,
  type ConsumeCard,
  cardLimits,
  type ListResponse,
  toCents,
} from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { todayIn } from '../../platform/dates.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { ServerKey } from '../../platform/secrets.ts';
import { secretMatches } from './card-secrets.ts';
import { appendEntry } from './ledger.ts';
import { storesOf, toCard, toEntry } from './mapping.ts';
import * as repo from './repository.ts';
import { cardScope } from './scope.ts';

export const CARD_ENTITY = 'cards';

export async function getCard(db: Db, c: Caller, number: string): Promise<Card> {
  const row = await repo.findCard(db, c.p.tenantId, number, cardScope(c.p));
  if (!row) throw notFound();
  return toCard(row);
}

export async function listCards(db: Db, c: Caller, q: CardListQuery): Promise<ListResponse<Card>> {
  return repo.listCards(db, c.p.tenantId, cardScope(c.p), q, toCard);
}

export async function cardLedger(
  db: Db,
  c: Caller,
  number: string,
  q: { page: number; pageSize: number },
): Promise<ListResponse<CardEntry>> {
  const card = await repo.findCard(db, c.p.tenantId, number, cardScope(c.p));
  if (!card) throw notFound();
  return repo.listEntries(db, c.p.tenantId, card.id, q, toEntry);
}

/** Past its date (the tenant's today) a card is used no more, even before the expiry job ends it. */
const pastExpiry = (c: Caller, card: repo.CardRow) => toCard(card).expiresAt < todayIn(c.timeZone);

function assertUsable(c: Caller, card: repo.CardRow) {
  if (card.status !== 'active' || pastExpiry(c, card)) throw new AppError('CARD_NOT_USABLE');
}

/**
 * Runs `change` on the card's locked row in one transaction and answers the card after it. A
 * change may return `{fail}`: what it wrote (a wrong secret counted) is committed, then the
 * error is thrown.
 */
async function withLockedCard(
  db: Db,
  c: Caller,
  number: string,
  change: (
    tx: Db,
    card: repo.CardRow,
  ) => Promise<{ entry: repo.EntryRow | null; audit?: string } | { fail: AppError }>,
): Promise<CardChangeResponse> {
  const done = await db.transaction(async (tx) => {
    const card = await repo.findCard(tx, c.p.tenantId, number, cardScope(c.p), true);
    if (!card) throw notFound();
    const out = await change(tx, card);
    if ('fail' in out) return out;
    if (out.audit)
      await writeAudit(tx, c.actor, {
        action: out.audit,
        entity: CARD_ENTITY,
        entityId: card.id,
        summary: number,
      });
    const after = await repo.findCard(tx, c.p.tenantId, number, sql`TRUE`);
    return { card: toCard(after!), entry: out.entry ? toEntry(out.entry) : null };
  });
  if ('fail' in done) throw done.fail;
  return done;
}

const setStatus = (tx: Db, c: Caller, card: repo.CardRow, status: repo.CardRow['status']) =>
  repo.setCard(tx, c.p.tenantId, card.id, { status });

/** 激活: an issued card within its date becomes usable (an `activate` entry of 0). */
export const activate = (db: Db, c: Caller, number: string) =>
  withLockedCard(db, c, number, async (tx, card) => {
    if (card.status !== 'issued') throw new AppError('CARD_STATUS_INVALID');
    if (pastExpiry(c, card)) throw new AppError('CARD_NOT_USABLE');
    const entry = await appendEntry(tx, c.p.tenantId, card, {
      kind: 'activate',
      cents: 0n,
      status: 'active',
      createdBy: c.p.userId,
    });
    return { entry, audit: 'activate' };
  });

export const recharge = (db: Db, c: Caller, number: string, amount: string) =>
  withLockedCard(db, c, number, async (tx, card) => {
    assertUsable(c, card);
    const entry = await appendEntry(tx, c.p.tenantId, card, {
      kind: 'recharge',
      cents: toCents(amount),
      createdBy: c.p.userId,
    });
    return { entry, audit: 'recharge' };
  });

/**
 * 消费. Under the card's lock (so two at once run one after the other): the lock-out, the secret
 * (a wrong one is counted and committed), a key seen before (its first result), then status and
 * date, the store, the day's uses and the balance.
 */
export const consume = (db: Db, key: ServerKey, c: Caller, number: string, input: ConsumeCard) =>
  withLockedCard(db, c, number, async (tx, card) => {
    const tenantId = c.p.tenantId;
    const cents = toCents(input.amount);
    if (card.failed_secret_attempts >= cardLimits.secretAttempts)
      return { fail: new AppError('CARD_LOCKED') };
    const batch = await repo.batchOfCard(tx, tenantId, card.batch_id);
    if (!secretMatches(key.open(batch.mac_key), input.secret, card.secret_hash)) {
      const attempts = card.failed_secret_attempts + 1;
      await repo.setCard(tx, tenantId, card.id, { failedSecretAttempts: attempts });
      await writeAudit(tx, c.actor, {
        action: 'secret-failed',
        entity: CARD_ENTITY,
        entityId: card.id,
        summary: number,
      });
      return {
        fail: new AppError(attempts >= cardLimits.secretAttempts ? 'CARD_LOCKED' : 'CARD_SECRET_INVALID'),
      };
    }
    if (card.failed_secret_attempts > 0)
      await repo.setCard(tx, tenantId, card.id, { failedSecretAttempts: 0 });
    // a retry (same key) answers the first result, whatever changed since (frozen, spent)
    const seen = await repo.entryByIdempotencyKey(tx, tenantId, card.id, input.idempotencyKey);
    if (seen) {
      if (-toCents(seen.amount) !== cents) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      return { entry: seen };
    }
    assertUsable(c, card);
    const stores = storesOf(batch);
    if (stores.length && !(input.storeDepartmentId && stores.includes(input.storeDepartmentId)))
      throw new AppError('CARD_STORE_NOT_ALLOWED');
    if (batch.max_uses_per_day != null) {
      const uses = await repo.usesOn(tx, tenantId, card.id, todayIn(c.timeZone), c.timeZone);
      if (uses >= batch.max_uses_per_day) throw new AppError('CARD_DAILY_LIMIT');
    }
    const entry = await appendEntry(tx, tenantId, card, {
      kind: 'consume',
      cents: -cents,
      storeDepartmentId: input.storeDepartmentId ?? null,
      idempotencyKey: input.idempotencyKey,
      createdBy: c.p.userId,
    });
    return { entry, audit: 'consume' };
  });

/** 退款: a consume entry of this card, once (a unique index is the last guard). */
export const refund = (db: Db, c: Caller, number: string, entryId: string) =>
  withLockedCard(db, c, number, async (tx, card) => {
    const tenantId = c.p.tenantId;
    const consumed = await repo.findEntry(tx, tenantId, card.id, entryId);
    if (consumed?.kind !== 'consume' || (await repo.refundOf(tx, tenantId, entryId)))
      throw new AppError('CARD_ENTRY_NOT_REFUNDABLE');
    if (card.status === 'scrapped' || card.status === 'expired') throw new AppError('CARD_NOT_USABLE');
    const entry = await appendEntry(tx, tenantId, card, {
      kind: 'refund',
      cents: -toCents(consumed.amount),
      refundOf: entryId,
      createdBy: c.p.userId,
    });
    return { entry, audit: 'refund' };
  });

/** 冻结: an active card is used no more until unfrozen. */
export const freeze = (db: Db, c: Caller, number: string) =>
  withLockedCard(db, c, number, async (tx, card) => {
    if (card.status !== 'active') throw new AppError('CARD_STATUS_INVALID');
    await setStatus(tx, c, card, 'frozen');
    return { entry: null, audit: 'freeze' };
  });

/** 解冻: a frozen card is active again; it also clears a lock-out after wrong secrets. */
export const unfreeze = (db: Db, c: Caller, number: string) =>
  withLockedCard(db, c, number, async (tx, card) => {
    if (card.status !== 'frozen' && !(card.status === 'active' && card.failed_secret_attempts > 0))
      throw new AppError('CARD_STATUS_INVALID');
    await repo.setCard(tx, c.p.tenantId, card.id, { status: 'active', failedSecretAttempts: 0 });
    return { entry: null, audit: 'unfreeze' };
  });

/** 作废: the card ends; a `scrap` entry takes off what it held. */
export const scrap = (db: Db, c: Caller, number: string) =>
  withLockedCard(db, c, number, async (tx, card) => {
    if (card.status === 'scrapped' || card.status === 'expired') throw new AppError('CARD_STATUS_INVALID');
    const entry = await appendEntry(tx, c.p.tenantId, card, {
      kind: 'scrap',
      cents: -toCents(card.balance),
      status: 'scrapped',
      createdBy: c.p.userId,
    });
    return { entry, audit: 'scrap' };
  });
