import type { Customer } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { fieldAccess, mask } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { liveInScope } from './scope.ts';
import { ENTITY, getCustomer, updateCustomer } from './service.ts';

/**
 * Customers by location, for field work (签到): the customer of a visit, customers near a point,
 * and 设为客户位置 from a visit. Every look-up goes through the customers scope and field rules.
 */

/** A customer the caller may view (scope and `customers:view`), as they see it; null otherwise. */
export async function visibleCustomer(db: Db, p: Principal, id: string): Promise<Customer | null> {
  if (!can(p, 'customers:view')) return null;
  try {
    return await getCustomer(db, p, id);
  } catch (err) {
    if ((err as { code?: string }).code === 'NOT_FOUND') return null;
    throw err;
  }
}

/** Names of those of `ids` the caller may view (a list shows the others without a name). */
export async function visibleCustomerNames(
  db: Db,
  p: Principal,
  ids: string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length || !can(p, 'customers:view')) return new Map();
  const result = await db.execute(
    sql`SELECT c.id, c.name FROM customers c WHERE ${liveInScope(p)} AND c.id = ANY(${uuidList(unique)})`,
  );
  return new Map((result.rows as { id: string; name: string }[]).map((r) => [r.id, r.name]));
}

/** Degrees of latitude per metre (and of longitude at the equator): for a bounding box only. */
const DEG_PER_M = 1 / 111_320;

/**
 * Visible customers with a location within `withinMeters` of a WGS-84 point, nearest first, at
 * most `limit` (the caller computes exact distances). Nothing when the caller's field rules hide
 * the location (a hidden address hides lat/lng too).
 */
export async function customersNear(
  db: Db,
  p: Principal,
  point: { lat: number; lng: number },
  limit: number,
  withinMeters = 50_000,
) {
  if (!can(p, 'customers:view') || fieldAccess(p, 'customers', 'lat') === 'hidden') return [];
  const dLat = withinMeters * DEG_PER_M;
  const dLng = dLat / Math.max(0.01, Math.cos((point.lat * Math.PI) / 180));
  const cosLat = Math.cos((point.lat * Math.PI) / 180);
  // equirectangular distance for the order: exact enough within 50 km
  const result =
    await db.execute(sql`SELECT c.id, c.name, c.address, c.lat::float8 AS lat, c.lng::float8 AS lng
    FROM customers c
    WHERE ${liveInScope(p)} AND c.lat IS NOT NULL
      AND c.lat BETWEEN ${point.lat - dLat} AND ${point.lat + dLat}
      AND c.lng BETWEEN ${point.lng - dLng} AND ${point.lng + dLng}
    ORDER BY (c.lat::float8 - ${point.lat}) ^ 2 + ((c.lng::float8 - ${point.lng}) * ${cosLat}) ^ 2, c.id
    LIMIT ${limit}`);
  const address = fieldAccess(p, 'customers', 'address');
  return (
    result.rows as { id: string; name: string; address: string | null; lat: number; lng: number }[]
  ).map((r) => ({
    ...r,
    lat: Number(r.lat),
    lng: Number(r.lng),
    address: address === 'hidden' ? null : address === 'masked' && r.address ? mask(r.address) : r.address,
  }));
}

/**
 * 设为客户位置: the customer's location becomes `lat`/`lng` (rounded to the column's 6 places, about
 * 0.1 m) — an ordinary customer update: edit permission, write scope, field rules, version, audit.
 */
export async function setCustomerLocation(db: Db, c: Caller, id: string, lat: number, lng: number) {
  if (!can(c.p, 'customers:edit')) throw forbidden();
  const current = await visibleCustomer(db, c.p, id);
  if (!current) throw notFound();
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  const updated = await updateCustomer(db, c, id, {
    version: current.version,
    lat: round(lat),
    lng: round(lng),
  });
  return { customerId: updated.id, lat: updated.lat ?? round(lat), lng: updated.lng ?? round(lng) };
}

/**
 * Demo data (manifest `seedDemo`, no caller): an owner's active customers located within ~30 km
 * of `near`, nearest first, for the check-ins of their visits; when there are too few, some of
 * their customers without a location get one near there (an audited change by the owner), so
 * every demo salesperson has customers to visit around their office.
 */
export async function demoVisitTargets(
  db: Db,
  owner: { tenantId: string; userId: string; userName: string },
  near: { lat: number; lng: number },
  count: number,
) {
  const located = async () =>
    (
      await db.execute(sql`SELECT c.id, c.name, c.lat::float8 AS lat, c.lng::float8 AS lng FROM customers c
        WHERE c.tenant_id = ${owner.tenantId} AND c.owner_id = ${owner.userId} AND c.state = 'active'
          AND c.deleted_at IS NULL AND c.lat IS NOT NULL
          AND c.lat BETWEEN ${near.lat - 0.3} AND ${near.lat + 0.3} AND c.lng BETWEEN ${near.lng - 0.35} AND ${near.lng + 0.35}
        ORDER BY (c.lat::float8 - ${near.lat}) ^ 2 + (c.lng::float8 - ${near.lng}) ^ 2, c.id LIMIT ${count}`)
    ).rows as { id: string; name: string; lat: number; lng: number }[];
  const found = await located();
  if (found.length >= count) return found;
  const missing = (
    await db.execute(sql`SELECT c.id, c.name FROM customers c
      WHERE c.tenant_id = ${owner.tenantId} AND c.owner_id = ${owner.userId} AND c.state = 'active'
        AND c.deleted_at IS NULL AND c.lat IS NULL
      ORDER BY c.id LIMIT ${count - found.length}`)
  ).rows as { id: string; name: string }[];
  await db.transaction(async (tx) => {
    for (const [i, c] of missing.entries()) {
      // spread around the point, 1–4 km apart
      const angle = (i * 2.4) % (2 * Math.PI);
      const km = 1 + (i % 4);
      const lat = Math.round((near.lat + (Math.sin(angle) * km) / 111.2) * 1e6) / 1e6;
      const lng =
        Math.round(
          (near.lng + (Math.cos(angle) * km) / (111.2 * Math.cos((near.lat * Math.PI) / 180))) * 1e6,
        ) / 1e6;
      await tx.execute(
        sql`UPDATE customers SET lat = ${lat}, lng = ${lng}, updated_at = now(), version = version + 1 WHERE id = ${c.id}`,
      );
      await writeAudit(tx, owner, {
        action: 'update',
        entity: ENTITY,
        entityId: c.id,
        summary: c.name,
        changes: { lat: [null, lat.toFixed(6)], lng: [null, lng.toFixed(6)] },
      });
    }
  });
  return located();
}
