import type { SavedQuery } from '@guanxi/contract';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { requireUpdated } from '../../platform/optimistic.ts';
import { savedQueries } from './schema.ts';

type Row = typeof savedQueries.$inferSelect & { ownerName: string | null };

const toSaved = (p: Principal, r: Row): SavedQuery => ({
  id: r.id,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  list: r.list as SavedQuery['list'],
  name: r.name,
  query: r.query,
  shared: r.shared,
  ownerName: r.ownerName ?? '',
  mine: r.userId === p.userId,
});

/** Mine and the ones colleagues share, for one list. */
async function visible(db: Db, p: Principal, where: ReturnType<typeof and>) {
  const rows = await db
    // the owner's name: users are the organisation's reference data, read (never written) by SQL
    .select({
      saved: savedQueries,
      ownerName: sql<string | null>`(SELECT u.name FROM users u WHERE u.id = ${savedQueries.userId})`,
    })
    .from(savedQueries)
    .where(
      and(
        eq(savedQueries.tenantId, p.tenantId),
        isNull(savedQueries.deletedAt),
        or(eq(savedQueries.userId, p.userId), eq(savedQueries.shared, true)),
        where,
      ),
    )
    .orderBy(sql`${savedQueries.userId} = ${p.userId} DESC`, savedQueries.name);
  return rows.map((r) => toSaved(p, { ...r.saved, ownerName: r.ownerName }));
}

export const listSaved = (db: Db, p: Principal, list: string) => visible(db, p, eq(savedQueries.list, list));

async function getSaved(db: Db, p: Principal, id: string) {
  const [found] = await visible(db, p, eq(savedQueries.id, id));
  if (!found) throw notFound();
  return found;
}

export async function createSaved(
  db: Db,
  p: Principal,
  input: { list: string; name: string; query: Record<string, string>; shared: boolean },
) {
  const id = uuidv7();
  await db
    .insert(savedQueries)
    .values({ ...input, id, tenantId: p.tenantId, createdBy: p.userId, userId: p.userId });
  return getSaved(db, p, id);
}

/** Only the owner may change or delete a saved query; others see shared ones read-only. */
async function requireMine(db: Db, p: Principal, id: string) {
  const found = await getSaved(db, p, id);
  if (!found.mine) throw new AppError('FORBIDDEN');
  return found;
}

export async function updateSaved(
  db: Db,
  p: Principal,
  id: string,
  input: { version: number; name?: string; query?: Record<string, string>; shared?: boolean },
) {
  await requireMine(db, p, id);
  const { version, ...values } = input;
  const rows = await db
    .update(savedQueries)
    .set({ ...values, updatedAt: new Date(), version: sql`${savedQueries.version} + 1` })
    .where(and(eq(savedQueries.id, id), eq(savedQueries.version, version)))
    .returning();
  await requireUpdated(rows, async () => true);
  return getSaved(db, p, id);
}

export async function deleteSaved(db: Db, p: Principal, id: string, version: number) {
  await requireMine(db, p, id);
  const rows = await db
    .update(savedQueries)
    .set({ deletedAt: new Date() })
    .where(and(eq(savedQueries.id, id), eq(savedQueries.version, version)))
    .returning();
  await requireUpdated(rows, async () => true);
}
