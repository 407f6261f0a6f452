import type { bulkUpdateCustomers, Customer, CustomerShare, TimelineEntry } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { diff, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { todayIn } from '../../platform/dates.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertChoosable } from '../dictionaries/service.ts';
import { bulk } from './bulk.ts';
import { customerChildren } from './children.ts';
import { auditable, customerLabel as label } from './mapping.ts';
import * as repo from './repository.ts';
import { derivedColumns } from './search-keys.ts';
import {
  assignee,
  dictionaryFields,
  ENTITY,
  getCustomer,
  lockChangeable,
  lockWritable,
  softDelete,
} from './service.ts';
import * as shares from './shares-repository.ts';

/** Sets a new owner (and the owner's department) on an active customer the caller may write. */
async function transferOne(
  tx: Db,
  c: Caller,
  id: string,
  owner: { id: string; name: string; department_id: string },
) {
  const before = await lockChangeable(tx, c.p, id);
  if (before.state !== 'active') throw new AppError('CONFLICT', [{ path: 'state', message: before.state }]);
  if (before.ownerId === owner.id) return;
  await repo.updateCustomer(tx, c.p.tenantId, id, undefined, {
    ownerId: owner.id,
    departmentId: owner.department_id,
    previousOwnerId: before.ownerId,
    ownedSince: new Date(),
  });
  await writeAudit(tx, c.actor, {
    action: 'transfer',
    entity: ENTITY,
    entityId: id,
    summary: `${label(before)} → ${owner.name}`,
    changes: { ownerId: [before.ownerId, owner.id] },
  });
}

export async function transferCustomer(db: Db, c: Caller, id: string, ownerId: string): Promise<Customer> {
  await db.transaction(async (tx) => transferOne(tx, c, id, await assignee(tx, c.p, ownerId)));
  return getCustomer(db, c.p, id);
}

export async function bulkTransfer(db: Db, c: Caller, ids: string[], ownerId: string) {
  const owner = await assignee(db, c.p, ownerId);
  return bulk(db, ids, (tx, id) => transferOne(tx, c, id, owner));
}

export async function bulkDelete(db: Db, c: Caller, ids: string[]) {
  // an invalidated customer may still be deleted (with the permission)
  return bulk(db, ids, async (tx, id) => softDelete(tx, c.actor, await lockWritable(tx, c.p, id)));
}

export async function bulkUpdate(
  db: Db,
  c: Caller,
  ids: string[],
  values: z.infer<typeof bulkUpdateCustomers>['values'],
) {
  const { addTags, ...fields } = values;
  for (const [field, type] of dictionaryFields) {
    await assertChoosable(
      db,
      c.p.tenantId,
      field,
      type,
      (fields as Record<string, string | null | undefined>)[field],
    );
  }
  return bulk(db, ids, async (tx, id) => {
    const before = await lockChangeable(tx, c.p, id);
    const tags = addTags ? [...new Set([...before.tags, ...addTags])] : undefined;
    const [after] = await repo.updateCustomer(tx, c.p.tenantId, id, undefined, { ...fields, tags });
    const changes = diff(auditable(before), auditable(after));
    if (Object.keys(changes).length)
      await writeAudit(tx, c.actor, {
        action: 'update',
        entity: ENTITY,
        entityId: id,
        summary: label(after),
        changes,
      });
  });
}

// ---- shares ----

export async function listShares(db: Db, p: Principal, id: string): Promise<CustomerShare[]> {
  if (!(await repo.findVisible(db, p, id))) throw notFound();
  return shares.listShares(db, p.tenantId, id);
}

export async function shareCustomer(
  db: Db,
  c: Caller,
  id: string,
  input: { userIds?: string[]; departmentIds?: string[]; access: 'read' | 'write' },
) {
  const userIds = [...new Set(input.userIds ?? [])];
  const departmentIds = [...new Set(input.departmentIds ?? [])];
  await db.transaction(async (tx) => {
    const before = await lockChangeable(tx, c.p, id);
    const found = await shares.existingTargets(tx, c.p.tenantId, userIds, departmentIds);
    const unknown = [
      ...userIds.filter((u) => !found.users.has(u)).map((u) => ({ path: 'userIds', message: u })),
      ...departmentIds
        .filter((d) => !found.departments.has(d))
        .map((d) => ({ path: 'departmentIds', message: d })),
    ];
    if (unknown.length) throw new AppError('VALIDATION_FAILED', unknown);
    const base = { tenantId: c.p.tenantId, customerId: id, access: input.access, by: c.p.userId };
    for (const userId of userIds) await shares.upsertShare(tx, { ...base, userId });
    for (const departmentId of departmentIds) await shares.upsertShare(tx, { ...base, departmentId });
    await writeAudit(tx, c.actor, {
      action: 'share',
      entity: ENTITY,
      entityId: id,
      summary: label(before),
      changes: { shares: [null, { userIds, departmentIds, access: input.access }] },
    });
  });
  return shares.listShares(db, c.p.tenantId, id);
}

export async function unshareCustomer(db: Db, c: Caller, id: string, shareId: string) {
  await db.transaction(async (tx) => {
    const before = await lockChangeable(tx, c.p, id);
    const [removed] = await shares.deleteShare(tx, c.p.tenantId, id, shareId);
    if (!removed) throw notFound();
    await writeAudit(tx, c.actor, {
      action: 'unshare',
      entity: ENTITY,
      entityId: id,
      summary: label(before),
      changes: {
        shares: [
          { userId: removed.userId, departmentId: removed.departmentId, access: removed.access },
          null,
        ],
      },
    });
  });
}

// ---- delay ----

/** 延期: protects an active customer from pool recycling until a date. */
export async function delayCustomer(db: Db, c: Caller, id: string, until: string): Promise<Customer> {
  if (until < todayIn(c.timeZone)) throw new AppError('DATE_IN_PAST', [{ path: 'until', message: until }]);
  await db.transaction(async (tx) => {
    const before = await lockChangeable(tx, c.p, id);
    if (before.state !== 'active') throw new AppError('CONFLICT', [{ path: 'state', message: before.state }]);
    await repo.updateCustomer(tx, c.p.tenantId, id, undefined, { protectedUntil: until });
    await writeAudit(tx, c.actor, {
      action: 'delay',
      entity: ENTITY,
      entityId: id,
      summary: `${label(before)} → ${until}`,
      changes: { protectedUntil: [before.protectedUntil, until] },
    });
  });
  return getCustomer(db, c.p, id);
}

// ---- merge ----

const mergeable = [
  'shortName',
  'levelId',
  'sourceId',
  'industryId',
  'statusId',
  'intentionId',
  'regionId',
  'address',
  'lat',
  'lng',
  'phone',
  'mobile',
  'email',
  'website',
  'taxNumber',
  'bankName',
  'bankAccount',
  'credit',
  'satisfaction',
  'legalRepresentative',
  'registeredCapital',
  'annualTurnover',
  'profile',
  'nextFollowUpAt',
  'lastFollowUpAt',
] as const;

/**
 * 合并: the source's children (contacts, shares and every registered child) move to the
 * target, the target's empty fields take the source's values, tags and custom values are
 * joined, and the source is deleted — one transaction, audited on both.
 */
export async function mergeCustomers(
  db: Db,
  c: Caller,
  targetId: string,
  sourceId: string,
): Promise<Customer> {
  if (targetId === sourceId) throw new AppError('MERGE_SAME_CUSTOMER');
  await db.transaction(async (tx) => {
    // lock in id order so two opposite merges cannot deadlock
    const [first, second] = [targetId, sourceId].sort();
    const locked = new Map([
      [first, await lockChangeable(tx, c.p, first)],
      [second, await lockChangeable(tx, c.p, second)],
    ]);
    const target = locked.get(targetId)!;
    const source = locked.get(sourceId)!;
    const fill: Record<string, unknown> = {};
    for (const field of mergeable) {
      if (target[field] == null && source[field] != null) fill[field] = source[field];
    }
    const tags = [...new Set([...target.tags, ...source.tags])];
    const custom = { ...source.custom, ...target.custom };
    const merged = { ...target, ...fill } as repo.CustomerRow;
    await tx.execute(sql`UPDATE contacts SET is_primary = false
      WHERE tenant_id = ${c.p.tenantId} AND customer_id = ${sourceId} AND is_primary
        AND EXISTS (SELECT 1 FROM contacts WHERE customer_id = ${targetId} AND is_primary AND deleted_at IS NULL)`);
    const moved: Record<string, number> = {};
    for (const child of customerChildren()) {
      await child.beforeMerge?.(tx, c.actor, sourceId, targetId);
      if (child.uniqueWith) {
        const [t, col, key] = [
          sql.identifier(child.table),
          sql.identifier(child.column),
          sql.identifier(child.uniqueWith),
        ];
        await tx.execute(sql`DELETE FROM ${t} s WHERE s.tenant_id = ${c.p.tenantId} AND s.${col} = ${sourceId}
          AND EXISTS (SELECT 1 FROM ${t} k WHERE k.tenant_id = s.tenant_id AND k.${col} = ${targetId} AND k.${key} = s.${key})`);
      }
      const result = await tx.execute(
        sql`UPDATE ${sql.identifier(child.table)} SET ${sql.identifier(child.column)} = ${targetId}
          WHERE tenant_id = ${c.p.tenantId} AND ${sql.identifier(child.column)} = ${sourceId} RETURNING 1`,
      );
      moved[child.table] = result.rows.length;
    }
    await shares.moveShares(tx, c.p.tenantId, sourceId, targetId);
    const [after] = await repo.updateCustomer(tx, c.p.tenantId, targetId, undefined, {
      ...fill,
      tags,
      custom,
      ...derivedColumns(merged),
    });
    await writeAudit(tx, c.actor, {
      action: 'merge',
      entity: ENTITY,
      entityId: targetId,
      summary: `${label(source)} → ${label(target)}`,
      changes: {
        ...diff(auditable(target), auditable(after)),
        mergedFrom: [null, { id: sourceId, ...moved }],
      },
    });
    await softDelete(tx, c.actor, source, `${label(source)} → ${label(target)}`);
  });
  return getCustomer(db, c.p, targetId);
}

// ---- timeline ----

/** The customer's own audit entries merged with those of its children, newest first. */
export async function customerTimeline(db: Db, p: Principal, id: string): Promise<TimelineEntry[]> {
  if (!(await repo.findVisible(db, p, id))) throw notFound();
  // one index look-up per record (audit_logs_entity_idx), newest first across them: walking the
  // tenant's whole audit trail for the few rows of one customer grew with the tenant
  const columns = sql`a.id, a.created_at, a.user_name, a.action, a.entity, a.entity_id, a.summary, a.changes`;
  const branches = [
    sql`(SELECT ${columns} FROM audit_logs a WHERE a.tenant_id = ${p.tenantId} AND a.entity = ${ENTITY}
      AND a.entity_id = ${id} ORDER BY a.created_at DESC LIMIT 200)`,
    ...customerChildren().flatMap((child) => {
      const visible = child.visibleTo ? child.visibleTo(p) : sql`TRUE`;
      if (visible === false) return [];
      return [
        sql`(SELECT ${columns} FROM ${sql.identifier(child.table)} x
      JOIN audit_logs a ON a.tenant_id = x.tenant_id AND a.entity = ${child.entity} AND a.entity_id = x.id
      WHERE x.tenant_id = ${p.tenantId} AND x.${sql.identifier(child.column)} = ${id} AND ${visible}
      ORDER BY a.created_at DESC LIMIT 200)`,
      ];
    }),
  ];
  const result = await db.execute(
    sql`SELECT * FROM (${sql.join(branches, sql` UNION ALL `)}) t ORDER BY t.created_at DESC, t.id DESC LIMIT 200`,
  );
  return result.rows.map((r) => {
    const row = r as Record<string, unknown>;
    return {
      at: new Date(row.created_at as string).toISOString(),
      userName: (row.user_name as string | null) ?? null,
      action: row.action as string,
      entity: row.entity as string,
      entityId: (row.entity_id as string | null) ?? null,
      summary: (row.summary as string | null) ?? null,
      changes: (typeof row.changes === 'string'
        ? JSON.parse(row.changes)
        : row.changes) as TimelineEntry['changes'],
    };
  });
}
