import { type Card, type CardBatch, type CardEntry, type CardStatus, cardLimits } from '@guanxi/contract';
import { dateText, isoOf } from '../../platform/dates.ts';
import type { BatchRow, CardRow, EntryRow } from './repository.ts';

/** Rows as the API answers them (money as 2-decimal strings, days as YYYY-MM-DD). */

const uuids = (v: string[] | string): string[] =>
  Array.isArray(v)
    ? v
    : v
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean);

export const batchPrefix = (seq: number) => String(seq).padStart(4, '0');

export const toBatch = (r: BatchRow): CardBatch => ({
  id: r.id,
  version: r.version,
  createdAt: isoOf(r.created_at)!,
  updatedAt: isoOf(r.updated_at)!,
  name: r.name,
  prefix: batchPrefix(r.seq),
  faceValue: r.face_value,
  count: r.count,
  producedAt: dateText(r.produced_at),
  expiresAt: dateText(r.expires_at),
  regionCode: r.region_code,
  channel: r.channel,
  memberId: r.member_id,
  maxUsesPerDay: r.max_uses_per_day,
  storeDepartmentIds: uuids(r.store_department_ids),
  ownerId: r.owner_id,
  departmentId: r.department_id,
  secretsExportedAt: isoOf(r.secrets_exported_at),
});

export const storesOf = (r: { store_department_ids: string[] | string }) => uuids(r.store_department_ids);

export const toCard = (r: CardRow): Card => ({
  id: r.id,
  number: r.number,
  batchId: r.batch_id,
  status: r.status as CardStatus,
  balance: r.balance,
  expiresAt: dateText(r.expires_at),
  channel: r.channel,
  memberId: r.member_id,
  failedSecretAttempts: r.failed_secret_attempts,
  locked: r.failed_secret_attempts >= cardLimits.secretAttempts,
  version: r.version,
});

export const toEntry = (r: EntryRow): CardEntry => ({
  id: r.id,
  kind: r.kind as CardEntry['kind'],
  amount: r.amount,
  balanceAfter: r.balance_after,
  storeDepartmentId: r.store_department_id,
  idempotencyKey: r.idempotency_key,
  refundOf: r.refund_of,
  createdAt: isoOf(r.created_at)!,
  createdBy: r.created_by,
});
