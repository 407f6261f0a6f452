import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

const money = (name: string) => numeric(name, { precision: 18, scale: 2 });

/**
 * 充值卡批次. `prefix` (the tenant's batch sequence) starts every card number of the batch.
 * `mac_key` is the batch's secret-hashing key, sealed with the server key (so a key rotation
 * re-seals it and the hashes stay valid); `secrets_sealed` holds the clear secrets, sealed, only
 * until their one export, then NULL.
 */
export const cardBatches = pgTable(
  'card_batches',
  {
    ...baseColumns(),
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    faceValue: money('face_value').notNull(),
    count: integer('count').notNull(),
    producedAt: date('produced_at').notNull(),
    expiresAt: date('expires_at').notNull(),
    regionCode: text('region_code'),
    channel: text('channel'),
    memberId: uuid('member_id'),
    maxUsesPerDay: integer('max_uses_per_day'),
    storeDepartmentIds: uuid('store_department_ids').array().notNull().default(sql`'{}'::uuid[]`),
    ownerId: uuid('owner_id'),
    departmentId: uuid('department_id'),
    macKey: text('mac_key').notNull(),
    secretsSealed: text('secrets_sealed'),
    secretsExportedAt: tz('secrets_exported_at'),
  },
  (t) => [
    uniqueIndex('card_batches_seq_uq').on(t.tenantId, t.seq),
    index('card_batches_created_idx').on(t.tenantId, t.createdAt, t.id),
  ],
);

/**
 * 充值卡. `balance` caches the ledger's running sum, written only with an entry in the same
 * transaction under the card's row lock; the check is the last guard against overdrawing.
 * Owner and department are the batch's, copied for the scope predicate.
 */
export const cards = pgTable(
  'cards',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    batchId: uuid('batch_id').notNull(),
    number: text('number').notNull(),
    secretHash: text('secret_hash').notNull(),
    status: text('status', { enum: ['issued', 'active', 'frozen', 'scrapped', 'expired'] })
      .notNull()
      .default('issued'),
    balance: money('balance').notNull().default('0'),
    expiresAt: date('expires_at').notNull(),
    channel: text('channel'),
    memberId: uuid('member_id'),
    ownerId: uuid('owner_id'),
    departmentId: uuid('department_id'),
    failedSecretAttempts: integer('failed_secret_attempts').notNull().default(0),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('cards_number_uq').on(t.tenantId, t.number),
    index('cards_batch_idx').on(t.tenantId, t.batchId, t.number),
    // the expiry job's walk: cards still holding value past their date
    index('cards_expiry_idx')
      .on(t.tenantId, t.expiresAt)
      .where(sql`${t.status} IN ('issued', 'active', 'frozen')`),
    check('cards_balance_not_negative', sql`${t.balance} >= 0`),
  ],
);

/**
 * 充值卡流水: append-only; `amount` is signed and `balance_after` the card's balance after it.
 * A consume's idempotency key is unique per card (the retry finds the first); a refund names its
 * consume entry, unique, so a consumption is refunded once.
 */
export const cardEntries = pgTable(
  'card_entries',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    cardId: uuid('card_id').notNull(),
    kind: text('kind', {
      enum: ['issue', 'activate', 'recharge', 'consume', 'refund', 'expire', 'scrap'],
    }).notNull(),
    amount: money('amount').notNull(),
    balanceAfter: money('balance_after').notNull(),
    storeDepartmentId: uuid('store_department_id'),
    idempotencyKey: text('idempotency_key'),
    refundOf: uuid('refund_of'),
    createdAt: tz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('card_entries_card_idx').on(t.tenantId, t.cardId, t.createdAt),
    uniqueIndex('card_entries_idempotency_uq')
      .on(t.tenantId, t.cardId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
    uniqueIndex('card_entries_refund_uq').on(t.tenantId, t.refundOf).where(sql`${t.refundOf} IS NOT NULL`),
    check('card_entries_balance_not_negative', sql`${t.balanceAfter} >= 0`),
  ],
);
