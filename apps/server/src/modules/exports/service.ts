import {
  type CustomerListQuery,
  customerListQuery,
  type ExportJob,
  exportLimits,
  type Locale,
} from '@guanxi/contract';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { toPrincipal } from '../../platform/auth/hook.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { findUserPrincipal } from '../../platform/auth/principal-repository.ts';
import { callerForJob } from '../../platform/caller.ts';
import { deleteFile, readFile, storeFile } from '../../platform/chunk-store.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Jobs } from '../../platform/jobs.ts';
import { tableFile } from '../../platform/table-file.ts';
import { countCustomerExport, customerExport } from '../customers/export-service.ts';
import { customListSql } from '../customers/service.ts';
import { exports } from './schema.ts';

export const EXPORT_JOB = 'exports.run';
/** Export jobs one process writes at a time. */
export const EXPORT_WORKERS = 2;
type Row = typeof exports.$inferSelect;

const toJob = (r: Row): ExportJob => ({
  id: r.id,
  list: r.list,
  format: r.format,
  status: r.status as ExportJob['status'],
  total: r.total,
  processed: r.processed,
  fileName: r.fileName,
  message: r.message,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/** The list filters of a stored query, checked by the list's own schema (custom-field ones included). */
async function filtersOf(db: Db, p: Principal, query: Record<string, string>) {
  const filters = builtInFilters(query);
  return { filters, custom: await customListSql(db, p, filters) };
}

function builtInFilters(query: Record<string, string>): Partial<CustomerListQuery> {
  const parsed = customerListQuery.safeParse(query);
  if (!parsed.success)
    throw invalid(`query.${String(parsed.error.issues[0].path[0] ?? '')}`, parsed.error.issues[0].message);
  const { page: _p, pageSize: _s, sort: _o, exactTotal: _e, ...filters } = parsed.data;
  return filters;
}

/** Queues a large export; the caller downloads the file when it is done. */
export async function startExport(
  db: Db,
  jobs: Jobs,
  p: Principal,
  locale: Locale,
  input: { format: 'csv' | 'xlsx'; query: Record<string, string> },
) {
  await filtersOf(db, p, input.query); // a bad filter is a 400 now, not a failed job later
  const id = uuidv7();
  const name = `${locale === 'zh-CN' ? '客户' : 'customers'}-${new Date().toISOString().slice(0, 10)}.${input.format}`;
  await db.transaction(async (tx) => {
    // one start at a time per tenant, so that two at once cannot both take the last place
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`exports:${p.tenantId}`}))`);
    await refuseOverLimits(tx, p);
    await tx.insert(exports).values({
      id,
      tenantId: p.tenantId,
      createdBy: p.userId,
      userId: p.userId,
      list: 'customers',
      format: input.format,
      query: input.query,
      fileName: name,
    });
  });
  await jobs.send(EXPORT_JOB, { exportId: id, locale });
  return { id };
}

/**
 * An export is in flight while it waits its turn (for a day at most) or runs and is alive: a
 * running one touches its row with every batch, so one whose process died stops counting after
 * a while instead of blocking its user for good.
 */
const inFlight = sql`((status = 'queued' AND created_at > now() - interval '1 day')
  OR (status = 'running' AND updated_at > now() - interval '15 minutes'))`;

/** 429 `TOO_MANY_EXPORTS` when the user, or the tenant, already has the most exports in flight. */
async function refuseOverLimits(tx: Db, p: Principal) {
  const result = await tx.execute(
    sql`SELECT count(*) FILTER (WHERE user_id = ${p.userId})::int AS mine, count(*)::int AS tenant
      FROM exports WHERE tenant_id = ${p.tenantId} AND ${inFlight}`,
  );
  const { mine, tenant } = result.rows[0] as { mine: number; tenant: number };
  if (mine >= exportLimits.activePerUser)
    throw new AppError('TOO_MANY_EXPORTS', { limit: exportLimits.activePerUser, per: 'user' });
  if (tenant >= exportLimits.activePerTenant)
    throw new AppError('TOO_MANY_EXPORTS', { limit: exportLimits.activePerTenant, per: 'tenant' });
}

async function mine(db: Db, p: Principal, id: string) {
  const [row] = await db
    .select()
    .from(exports)
    .where(and(eq(exports.tenantId, p.tenantId), eq(exports.userId, p.userId), eq(exports.id, id)));
  if (!row) throw notFound();
  return row;
}

export const getExport = async (db: Db, p: Principal, id: string) => toJob(await mine(db, p, id));

/** The finished file, streamed from the database. */
export async function exportFile(db: Db, p: Principal, id: string) {
  const row = await mine(db, p, id);
  if (row.status !== 'done') throw new AppError('CONFLICT', [{ path: 'status', message: row.status }]);
  return { job: toJob(row), stream: readFile(db, 'exports', id) };
}

const setExport = (db: Db, id: string, values: Partial<Row>) =>
  db
    .update(exports)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(exports.id, id));

/**
 * The job: writes the same table as a direct download (the customers module's export: same
 * scope, field permissions, audit) with the user's current rights, storing the file and
 * counting rows as it goes. The rows are counted and read on `readDb` (the replica, when there
 * is one: an export may be a moment old); the user's rights, the filters' definitions, the job's
 * row, its file and the audit entry stay on the primary `db`.
 */
export async function runExport(db: Db, readDb: Db, exportId: string, locale: Locale) {
  const [row] = await db.select().from(exports).where(eq(exports.id, exportId));
  if (row?.status !== 'queued') return;
  try {
    const principalRow = await findUserPrincipal(db, row.tenantId, row.userId);
    if (!principalRow) throw new Error('user no longer active');
    const p = toPrincipal(principalRow, 'job');
    const caller = callerForJob(p);
    const { filters, custom } = await filtersOf(db, p, row.query);
    const total = await countCustomerExport(readDb, caller, filters, custom);
    await setExport(db, exportId, { status: 'running', total });
    const onProgress = async (written: number) => {
      await setExport(db, exportId, { processed: written });
      // a turn for everyone else's requests between two batches
      await new Promise((resolve) => setImmediate(resolve));
    };
    const table = customerExport(db, caller, filters, row.format, locale, { custom, onProgress, readDb });
    await storeFile(db, 'exports', exportId, tableFile(row.format, table));
    await setExport(db, exportId, { status: 'done', finishedAt: new Date() });
  } catch (err) {
    await deleteFile(db, 'exports', exportId);
    await setExport(db, exportId, {
      status: 'failed',
      message: String((err as Error).message).slice(0, 300),
      finishedAt: new Date(),
    });
    throw err;
  }
}

/** Finished export files are kept a week. */
export async function purgeOldExports(db: Db) {
  const old = await db.execute(
    sql`SELECT id FROM exports WHERE finished_at < now() - interval '7 days' AND status = 'done'`,
  );
  for (const r of old.rows as { id: string }[]) {
    await deleteFile(db, 'exports', r.id);
    await setExport(db, r.id, { status: 'failed', message: 'expired' });
  }
}
