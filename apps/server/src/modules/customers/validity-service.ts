import type { Customer } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError } from '../../platform/errors.ts';
import { bulk } from './bulk.ts';
import { customerLabel as label } from './mapping.ts';
import * as repo from './repository.ts';
import { ENTITY, getCustomer, lockWritable } from './service.ts';

/**
 * 失效: the customer stays on every record that refers to it and in the lists (flagged), but is
 * view-only and cannot be chosen for new records until restored. Only active customers (a draft
 * is deleted instead; pool customers are changed by claiming them). Invalidating twice is a no-op.
 */
async function invalidateOne(tx: Db, c: Caller, id: string, reason: string | undefined) {
  const before = await lockWritable(tx, c.p, id);
  if (before.invalidatedAt) return;
  if (before.state !== 'active') throw new AppError('CONFLICT', [{ path: 'state', message: before.state }]);
  await repo.updateCustomer(tx, c.p.tenantId, id, undefined, {
    invalidatedAt: new Date(),
    invalidReason: reason || null,
  });
  await writeAudit(tx, c.actor, {
    action: 'invalidate',
    entity: ENTITY,
    entityId: id,
    summary: reason ? `${label(before)}: ${reason}` : label(before),
    changes: { valid: [true, false], invalidReason: [null, reason || null] },
  });
}

export async function invalidateCustomer(db: Db, c: Caller, id: string, reason?: string): Promise<Customer> {
  await db.transaction((tx) => invalidateOne(tx, c, id, reason));
  return getCustomer(db, c.p, id);
}

export function bulkInvalidate(db: Db, c: Caller, ids: string[], reason?: string) {
  return bulk(db, ids, (tx, id) => invalidateOne(tx, c, id, reason));
}

/** 恢复: valid again, workable as before. Restoring a valid customer is a no-op. */
export async function restoreCustomer(db: Db, c: Caller, id: string): Promise<Customer> {
  await db.transaction(async (tx) => {
    const before = await lockWritable(tx, c.p, id);
    if (!before.invalidatedAt) return;
    await repo.updateCustomer(tx, c.p.tenantId, id, undefined, { invalidatedAt: null, invalidReason: null });
    await writeAudit(tx, c.actor, {
      action: 'restore',
      entity: ENTITY,
      entityId: id,
      summary: label(before),
      changes: { valid: [false, true], invalidReason: [before.invalidReason, null] },
    });
  });
  return getCustomer(db, c.p, id);
}
