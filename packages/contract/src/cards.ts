import { z } from 'zod';
import { calendarDate as day, id, listQuery, recordBase, timestamp } from './common.ts';
import { amount } from './money.ts';

/**
 * 充值卡: prepaid cards made in batches. A card's balance is the running sum of its ledger
 * (every change is an entry); money is a decimal string with 2 decimals.
 */

/** 未激活 (issued, holds its face value but cannot be used) → 已激活 ⇄ 已冻结; 已作废 and 已过期 are final. */
export const cardStatuses = ['issued', 'active', 'frozen', 'scrapped', 'expired'] as const;
export type CardStatus = (typeof cardStatuses)[number];

/** 发卡, 激活, 充值, 消费, 退款, 过期, 作废: signed amounts, the balance after each. */
export const cardEntryKinds = [
  'issue',
  'activate',
  'recharge',
  'consume',
  'refund',
  'expire',
  'scrap',
] as const;
export type CardEntryKind = (typeof cardEntryKinds)[number];

export const cardLimits = {
  /** Cards per batch (generated in one set-based insert). */
  batchSize: 10_000,
  name: 100,
  channel: 60,
  regionCode: 20,
  /** Wrong secrets in a row before a card locks (CARD_LOCKED). */
  secretAttempts: 5,
  secretDigits: 16,
} as const;

/** A card number: digits only (batch prefix + sequence + Luhn check digit). */
export const cardNumber = z
  .string()
  .trim()
  .regex(/^\d{6,20}$/, 'a card number');
export const cardNumberParams = z.object({ number: cardNumber });

const positive = amount.refine((s) => Number(s) > 0, 'must be more than 0');

export const cardBatchUsageLimits = z.object({
  /** Uses (consumptions) per card and day, the day in the tenant's zone. */
  maxUsesPerDay: z.number().int().min(1).max(1000).optional(),
  /** Store departments where the cards may be used (none: anywhere). */
  storeDepartmentIds: z.array(id).max(200).optional(),
});

export const createCardBatch = z
  .object({
    name: z.string().trim().min(1).max(cardLimits.name),
    faceValue: positive,
    count: z.number().int().min(1).max(cardLimits.batchSize),
    producedAt: day,
    expiresAt: day,
    regionCode: z.string().trim().max(cardLimits.regionCode).optional(),
    channel: z.string().trim().max(cardLimits.channel).optional(),
    /** The member the cards are issued to (members come later: kept as given). */
    memberId: id.optional(),
    limits: cardBatchUsageLimits.optional(),
  })
  .strict()
  .refine((b) => b.expiresAt >= b.producedAt, { path: ['expiresAt'], message: 'before producedAt' });
export type CreateCardBatch = z.infer<typeof createCardBatch>;

export const cardBatch = z.object({
  ...recordBase,
  name: z.string(),
  prefix: z.string(),
  faceValue: z.string(),
  count: z.number().int(),
  producedAt: z.string(),
  expiresAt: z.string(),
  regionCode: z.string().nullable(),
  channel: z.string().nullable(),
  memberId: z.string().nullable(),
  maxUsesPerDay: z.number().int().nullable(),
  storeDepartmentIds: z.array(z.string()),
  ownerId: z.string().nullable(),
  departmentId: z.string().nullable(),
  /** When the clear secrets were exported (they are gone from the server since). */
  secretsExportedAt: timestamp.nullable(),
});
export type CardBatch = z.infer<typeof cardBatch>;

export const cardBatchListQuery = listQuery;
export type CardBatchListQuery = z.infer<typeof cardBatchListQuery>;

/** The one-time export: every number with its clear secret. */
export const cardSecretsResponse = z.object({
  batchId: z.string(),
  data: z.array(z.object({ number: z.string(), secret: z.string() })),
});
export type CardSecretsResponse = z.infer<typeof cardSecretsResponse>;

/** 区间作废: the cards of the batch numbered from … to (inclusive) that are not final yet. */
export const scrapCardRange = z.object({ from: cardNumber, to: cardNumber }).strict();
export const scrapRangeResponse = z.object({ scrapped: z.number().int() });

export const card = z.object({
  id: z.string(),
  number: z.string(),
  batchId: z.string(),
  status: z.enum(cardStatuses),
  balance: z.string(),
  expiresAt: z.string(),
  channel: z.string().nullable(),
  memberId: z.string().nullable(),
  /** Wrong secrets since the last right one; at cardLimits.secretAttempts the card is locked. */
  failedSecretAttempts: z.number().int(),
  locked: z.boolean(),
  version: z.number().int(),
});
export type Card = z.infer<typeof card>;

export const cardListQuery = listQuery.extend({
  batchId: id.optional(),
  status: z.enum(cardStatuses).optional(),
});
export type CardListQuery = z.infer<typeof cardListQuery>;

export const cardEntry = z.object({
  id: z.string(),
  kind: z.enum(cardEntryKinds),
  /** Signed: consumption, expiry and scrapping are below 0. */
  amount: z.string(),
  balanceAfter: z.string(),
  storeDepartmentId: z.string().nullable(),
  idempotencyKey: z.string().nullable(),
  refundOf: z.string().nullable(),
  createdAt: timestamp,
  createdBy: z.string().nullable(),
});
export type CardEntry = z.infer<typeof cardEntry>;

export const cardLedgerQuery = listQuery.pick({ page: true, pageSize: true });

export const rechargeCard = z.object({ amount: positive }).strict();
export const consumeCard = z
  .object({
    amount: positive,
    secret: z
      .string()
      .trim()
      .regex(/^\d{1,32}$/, 'digits'),
    storeDepartmentId: id.optional(),
    /** The same key twice on a card consumes once; the second answers the first's result. */
    idempotencyKey: z.string().trim().min(1).max(100),
  })
  .strict();
export type ConsumeCard = z.infer<typeof consumeCard>;
export const refundCardEntry = z.object({ entryId: id }).strict();

/** What a balance change answers: the card after it and the entry written. */
export const cardChangeResponse = z.object({ card, entry: cardEntry.nullable() });
export type CardChangeResponse = z.infer<typeof cardChangeResponse>;
