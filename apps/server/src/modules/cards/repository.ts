import type { CardBatchListQuery, CardListQuery } from '@guanxi/contract';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { insertRows } from '../../platform/bulk-insert.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { tenantTimeZoneSql } from '../organization/tenants-service.ts';
import { cardBatches, cardEntries, cards } from './schema.ts';

/** SQL of the cards module; only its services call it. Money is read as text (exact). */

export type BatchRow = {
  id: string;
  tenant_id: string;
  version: number;
  created_at: unknown;
  updated_at: unknown;
  seq: number;
  name: string;
  face_value: string;
  count: number;
  produced_at: unknown;
  expires_at: unknown;
  region_code: string | null;
  channel: string | null;
  member_id: string | null;
  max_uses_per_day: number | null;
  store_department_ids: string[] | string;
  owner_id: string | null;
  department_id: string | null;
  mac_key: string;
  secrets_sealed: string | null;
  secrets_exported_at: unknown;
};

export type CardRow = {
  id: string;
  batch_id: string;
  number: string;
  secret_hash: string;
  status: 'issued' | 'active' | 'frozen' | 'scrapped' | 'expired';
  balance: string;
  expires_at: unknown;
  channel: string | null;
  member_id: string | null;
  failed_secret_attempts: number;
  version: number;
};

export type EntryRow = {
  id: string;
  card_id: string;
  kind: string;
  amount: string;
  balance_after: string;
  store_department_id: string | null;
  idempotency_key: string | null;
  refund_of: string | null;
  created_at: unknown;
  created_by: string | null;
};

const batchColumns = sql`b.id, b.tenant_id, b.version, b.created_at, b.updated_at, b.seq, b.name,
  b.face_value::text AS face_value, b.count, b.produced_at::text AS produced_at, b.expires_at::text AS expires_at,
  b.region_code, b.channel, b.member_id, b.max_uses_per_day, b.store_department_ids, b.owner_id,
  b.department_id, b.mac_key, b.secrets_sealed, b.secrets_exported_at`;

const cardColumns = sql`c.id, c.batch_id, c.number, c.secret_hash, c.status, c.balance::text AS balance,
  c.expires_at::text AS expires_at, c.channel, c.member_id, c.failed_secret_attempts, c.version`;

const entryColumns = sql`e.id, e.card_id, e.kind, e.amount::text AS amount, e.balance_after::text AS balance_after,
  e.store_department_id, e.idempotency_key, e.refund_of, e.created_at, e.created_by`;

/** Serialises batch creation per tenant, so the next batch sequence is taken once. */
export async function nextBatchSeq(tx: Db, tenantId: string): Promise<number> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('card_batches'), hashtext(${tenantId}))`);
  const r = await tx.execute(
    sql`SELECT coalesce(max(seq), 0) + 1 AS seq FROM card_batches WHERE tenant_id = ${tenantId}`,
  );
  return Number((r.rows[0] as { seq: number }).seq);
}

export async function insertBatch(tx: Db, row: typeof cardBatches.$inferInsert) {
  await tx.insert(cardBatches).values(row);
}

/** The batch's cards and their `issue` entries, 1,000 rows per statement (set-based). */
export async function insertCards(
  tx: Db,
  rows: (typeof cards.$inferInsert)[],
  createdBy: string | null,
): Promise<void> {
  await insertRows(tx, cards, rows, 1000);
  await insertRows(
    tx,
    cardEntries,
    rows.map((c) => ({
      id: uuidv7(),
      tenantId: c.tenantId,
      cardId: c.id,
      kind: 'issue' as const,
      amount: c.balance as string,
      balanceAfter: c.balance as string,
      createdBy,
    })),
    1000,
  );
}

export async function findBatch(db: Db, tenantId: string, id: string, scope: SQL, lock = false) {
  const r = await db.execute(
    sql`SELECT ${batchColumns} FROM card_batches b
      WHERE b.tenant_id = ${tenantId} AND b.id = ${id} AND ${scope} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  return r.rows[0] as BatchRow | undefined;
}

export async function markSecretsExported(tx: Db, tenantId: string, id: string) {
  await tx.execute(
    sql`UPDATE card_batches SET secrets_sealed = NULL, secrets_exported_at = now(), updated_at = now(),
      version = version + 1 WHERE tenant_id = ${tenantId} AND id = ${id}`,
  );
}

/** A card by number within the scope, its row locked when `lock` (every balance change). */
export async function findCard(db: Db, tenantId: string, number: string, scope: SQL, lock = false) {
  const r = await db.execute(
    sql`SELECT ${cardColumns} FROM cards c
      WHERE c.tenant_id = ${tenantId} AND c.number = ${number} AND ${scope} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  return r.rows[0] as CardRow | undefined;
}

/** The usage limits and hashing key of a card's batch. */
export async function batchOfCard(db: Db, tenantId: string, batchId: string) {
  const r = await db.execute(
    sql`SELECT mac_key, max_uses_per_day, store_department_ids FROM card_batches
      WHERE tenant_id = ${tenantId} AND id = ${batchId}`,
  );
  return r.rows[0] as Pick<BatchRow, 'mac_key' | 'max_uses_per_day' | 'store_department_ids'>;
}

export async function setCard(
  tx: Db,
  tenantId: string,
  id: string,
  values: { status?: string; balance?: string; failedSecretAttempts?: number },
) {
  const sets = [sql`updated_at = now()`, sql`version = version + 1`];
  if (values.status !== undefined) sets.push(sql`status = ${values.status}`);
  if (values.balance !== undefined) sets.push(sql`balance = ${values.balance}::numeric`);
  if (values.failedSecretAttempts !== undefined)
    sets.push(sql`failed_secret_attempts = ${values.failedSecretAttempts}`);
  await tx.execute(
    sql`UPDATE cards SET ${sql.join(sets, sql`, `)} WHERE tenant_id = ${tenantId} AND id = ${id}`,
  );
}

export async function insertEntry(tx: Db, row: typeof cardEntries.$inferInsert) {
  await tx.insert(cardEntries).values(row);
}

export async function findEntry(db: Db, tenantId: string, cardId: string, id: string) {
  const r = await db.execute(
    sql`SELECT ${entryColumns} FROM card_entries e WHERE e.tenant_id = ${tenantId} AND e.card_id = ${cardId} AND e.id = ${id}`,
  );
  return r.rows[0] as EntryRow | undefined;
}

export async function entryByIdempotencyKey(db: Db, tenantId: string, cardId: string, key: string) {
  const r = await db.execute(
    sql`SELECT ${entryColumns} FROM card_entries e
      WHERE e.tenant_id = ${tenantId} AND e.card_id = ${cardId} AND e.idempotency_key = ${key}`,
  );
  return r.rows[0] as EntryRow | undefined;
}

export async function refundOf(db: Db, tenantId: string, entryId: string) {
  const r = await db.execute(
    sql`SELECT id FROM card_entries WHERE tenant_id = ${tenantId} AND refund_of = ${entryId}`,
  );
  return r.rows.length > 0;
}

/** Consumptions of a card on `day` in the time zone (its uses that day). */
export async function usesOn(db: Db, tenantId: string, cardId: string, day: string, timeZone: string) {
  const r = await db.execute(
    sql`SELECT count(*)::int AS n FROM card_entries
      WHERE tenant_id = ${tenantId} AND card_id = ${cardId} AND kind = 'consume'
        AND created_at >= (${day}::date::timestamp AT TIME ZONE ${timeZone})
        AND created_at < ((${day}::date + 1)::timestamp AT TIME ZONE ${timeZone})`,
  );
  return Number((r.rows[0] as { n: number }).n);
}

/**
 * Ends the cards that match `where` (not final yet) in one statement: status set, balance to 0,
 * and an entry taking off what each held (`kind`). Rows are locked in number order first.
 */
export async function endCards(
  tx: Db,
  where: SQL,
  status: 'scrapped' | 'expired',
  kind: 'scrap' | 'expire',
  createdBy: string | null,
): Promise<number> {
  const r = await tx.execute(
    sql`WITH target AS (
        SELECT c.id, c.tenant_id, c.balance FROM cards c
        WHERE ${where} AND c.status IN ('issued', 'active', 'frozen') ORDER BY c.tenant_id, c.number FOR UPDATE
      ), ended AS (
        UPDATE cards c SET status = ${status}, balance = 0, updated_at = now(), version = c.version + 1
        FROM target WHERE c.id = target.id RETURNING c.id, c.tenant_id, target.balance AS held
      ), written AS (
        INSERT INTO card_entries (id, tenant_id, card_id, kind, amount, balance_after, created_by)
        SELECT gen_random_uuid(), tenant_id, id, ${kind}, -held, 0, ${createdBy}::uuid FROM ended
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM written`,
  );
  return Number((r.rows[0] as { n: number }).n);
}

/** Tenants with cards holding value past their date, each with its time zone. */
export async function tenantsWithCards(db: Db) {
  const r = await db.execute(
    sql`SELECT x.tenant_id, ${tenantTimeZoneSql(sql`x.tenant_id`)} AS timezone
      FROM (SELECT DISTINCT tenant_id FROM card_batches) x`,
  );
  return r.rows as { tenant_id: string; timezone: string }[];
}

/** Batches in the scope, newest first; `q` matches the name. */
export function listBatches<T>(
  db: Db,
  tenantId: string,
  scope: SQL,
  q: CardBatchListQuery,
  map: (r: BatchRow) => T,
) {
  const search = q.q ? sql` AND b.name ILIKE ${`%${likeEscape(q.q)}%`}` : sql``;
  return listPage(
    db,
    q,
    {
      columns: batchColumns,
      from: sql`FROM card_batches b WHERE b.tenant_id = ${tenantId} AND ${scope}${search}`,
      orderBy: orderBy(q.sort, { createdAt: notNull(sql`b.created_at`) }, '-createdAt', sql`b.id`),
    },
    (r) => map(r as BatchRow),
  );
}

/** Cards in the scope by number; by batch and status; `q` is the start of a number. */
export function listCards<T>(db: Db, tenantId: string, scope: SQL, q: CardListQuery, map: (r: CardRow) => T) {
  const filters = [
    q.batchId ? sql` AND c.batch_id = ${q.batchId}` : sql``,
    q.status ? sql` AND c.status = ${q.status}` : sql``,
    q.q ? sql` AND c.number LIKE ${`${likeEscape(q.q)}%`}` : sql``,
  ];
  return listPage(
    db,
    q,
    {
      columns: cardColumns,
      from: sql`FROM cards c WHERE c.tenant_id = ${tenantId} AND ${scope}${sql.join(filters, sql``)}`,
      orderBy: orderBy(q.sort, { number: notNull(sql`c.number`) }, 'number', sql`c.id`),
    },
    (r) => map(r as CardRow),
  );
}

/** A card's ledger, newest first. */
export function listEntries<T>(
  db: Db,
  tenantId: string,
  cardId: string,
  q: { page: number; pageSize: number },
  map: (r: EntryRow) => T,
) {
  return listPage(
    db,
    q,
    {
      columns: entryColumns,
      from: sql`FROM card_entries e WHERE e.tenant_id = ${tenantId} AND e.card_id = ${cardId}`,
      orderBy: orderBy(undefined, { createdAt: notNull(sql`e.created_at`) }, '-createdAt', sql`e.id`),
    },
    (r) => map(r as EntryRow),
  );
}
