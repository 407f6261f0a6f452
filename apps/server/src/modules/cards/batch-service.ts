import {
  type CardBatch,
  type CardBatchListQuery,
  type CardSecretsResponse,
  type CreateCardBatch,
  type ListResponse,
  normalizeMoney,
} from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { ServerKey } from '../../platform/secrets.ts';
import { cardNumberOf, hashSecret, newMacKey, newSecret } from './card-secrets.ts';
import { batchPrefix, toBatch } from './mapping.ts';
import * as repo from './repository.ts';
import { batchScope } from './scope.ts';

export const BATCH_ENTITY = 'card-batches';

/**
 * Makes a batch and its cards in one transaction: numbers are the batch prefix, a sequence and a
 * check digit; secrets are random and stored hashed; the clear list is sealed in the batch row
 * until its one export. Each card starts `issued` holding the face value (its `issue` entry).
 */
export async function createBatch(
  db: Db,
  key: ServerKey,
  c: Caller,
  input: CreateCardBatch,
): Promise<CardBatch> {
  const tenantId = c.p.tenantId;
  const id = uuidv7();
  const faceValue = normalizeMoney(input.faceValue);
  await db.transaction(async (tx) => {
    const seq = await repo.nextBatchSeq(tx, tenantId);
    const prefix = batchPrefix(seq);
    const macKey = newMacKey();
    const secrets: { number: string; secret: string }[] = [];
    const rows = [];
    for (let i = 1; i <= input.count; i++) {
      const number = cardNumberOf(prefix, i);
      const secret = newSecret();
      secrets.push({ number, secret });
      rows.push({
        id: uuidv7(),
        tenantId,
        batchId: id,
        number,
        secretHash: hashSecret(macKey, secret),
        status: 'issued' as const,
        balance: faceValue,
        expiresAt: input.expiresAt,
        channel: input.channel ?? null,
        memberId: input.memberId ?? null,
        ownerId: c.p.userId,
        departmentId: c.p.departmentId,
      });
    }
    await repo.insertBatch(tx, {
      id,
      tenantId,
      createdBy: c.p.userId,
      seq,
      name: input.name,
      faceValue,
      count: input.count,
      producedAt: input.producedAt,
      expiresAt: input.expiresAt,
      regionCode: input.regionCode || null,
      channel: input.channel || null,
      memberId: input.memberId ?? null,
      maxUsesPerDay: input.limits?.maxUsesPerDay ?? null,
      storeDepartmentIds: [...new Set(input.limits?.storeDepartmentIds ?? [])],
      ownerId: c.p.userId,
      departmentId: c.p.departmentId,
      macKey: key.seal(macKey),
      secretsSealed: key.seal(JSON.stringify(secrets)),
    });
    await repo.insertCards(tx, rows, c.p.userId);
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: BATCH_ENTITY,
      entityId: id,
      summary: `${prefix} ${input.name}: ${input.count} × ${faceValue}`,
    });
  });
  return getBatch(db, c, id);
}

export async function getBatch(db: Db, c: Caller, id: string): Promise<CardBatch> {
  const row = await repo.findBatch(db, c.p.tenantId, id, batchScope(c.p));
  if (!row) throw notFound();
  return toBatch(row);
}

export async function listBatches(
  db: Db,
  c: Caller,
  q: CardBatchListQuery,
): Promise<ListResponse<CardBatch>> {
  return repo.listBatches(db, c.p.tenantId, batchScope(c.p), q, (r) => toBatch(r));
}

/** The clear secrets, once: they are erased in the same transaction; a second call is 410. */
export async function exportSecrets(
  db: Db,
  key: ServerKey,
  c: Caller,
  id: string,
): Promise<CardSecretsResponse> {
  return db.transaction(async (tx) => {
    const row = await repo.findBatch(tx, c.p.tenantId, id, batchScope(c.p), true);
    if (!row) throw notFound();
    if (!row.secrets_sealed) throw new AppError('SECRETS_ALREADY_EXPORTED');
    const data = JSON.parse(key.open(row.secrets_sealed)) as CardSecretsResponse['data'];
    await repo.markSecretsExported(tx, c.p.tenantId, id);
    await writeAudit(tx, c.actor, {
      action: 'export-secrets',
      entity: BATCH_ENTITY,
      entityId: id,
      summary: `${batchPrefix(row.seq)} ${row.name}: ${data.length}`,
    });
    return { batchId: id, data };
  });
}

/** 区间作废: the batch's cards numbered from … to that are not final yet, in one statement. */
export async function scrapRange(db: Db, c: Caller, id: string, range: { from: string; to: string }) {
  return db.transaction(async (tx) => {
    const row = await repo.findBatch(tx, c.p.tenantId, id, batchScope(c.p), true);
    if (!row) throw notFound();
    // numbers of one batch have one length, so text order is number order
    const scrapped = await repo.endCards(
      tx,
      sql`c.tenant_id = ${c.p.tenantId} AND c.batch_id = ${id} AND c.number BETWEEN ${range.from} AND ${range.to}`,
      'scrapped',
      'scrap',
      c.p.userId,
    );
    await writeAudit(tx, c.actor, {
      action: 'scrap',
      entity: BATCH_ENTITY,
      entityId: id,
      summary: `${range.from}–${range.to}: ${scrapped}`,
    });
    return { scrapped };
  });
}
