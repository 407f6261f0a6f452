/**
 * The import job: validate every row, then write in committed batches (see runImport); and the
 * start-up check for imports a stop cut off.
 */
import {
  errorMessage,
  type ImportEntity,
  type ImportMode,
  type ImportRowError,
  type Locale,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import { toPrincipal } from '../../platform/auth/hook.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { findUserPrincipal } from '../../platform/auth/principal-repository.ts';
import { deleteFile, readFile } from '../../platform/chunk-store.ts';
import { AppError } from '../../platform/errors.ts';
import { analyzeColumns } from '../../platform/maintenance.ts';
import { writeContacts, writeCustomers } from '../customers/import-service.ts';
import { insertImportedLeads } from '../leads/import-service.ts';
import { importMaxRows } from '../organization/tenants-service.ts';
import { parseTurn } from './limits.ts';
import { say } from './messages.ts';
import * as repo from './repository.ts';
import { Resolver } from './resolver.ts';
import { batches, type Converted, convertBatch, duplicatesCanFail, type Planned, planBatch } from './rows.ts';

/** The columns whose statistics an import changes in ways list plans notice (see analyzeColumns). */
const PLAN_COLUMNS: Record<ImportEntity, string[]> = {
  customers: ['tenant_id', 'state', 'owner_id', 'department_id', 'created_at', 'deleted_at'],
  contacts: ['tenant_id', 'customer_id', 'created_at', 'deleted_at'],
  leads: ['tenant_id', 'owner_id', 'department_id', 'status', 'created_at', 'deleted_at'],
};

/** The report keeps this many row errors (the count of failed rows is always exact). */
const MAX_ERRORS = 10_000;

/** At start-up: imports cut off by a stop say exactly how far they got (and can be resumed). */
export async function recoverInterrupted(db: Db) {
  for (const row of await repo.markInterrupted(db)) {
    await repo.setImport(db, row.id, { message: say('zh-CN', 'interrupted', row.processed) });
  }
}

/**
 * The job. Pass 1 validates every row (nothing is written): any problem fails the import with a
 * per-row report and nothing imported. Pass 2 imports in batches of 500, each batch one
 * transaction together with the progress counters — so `processed` always says exactly which
 * rows are in (after a crash the import is `interrupted` and resumes after them).
 */
export async function runImport(db: Db, importId: string, locale: Locale) {
  try {
    await importRows(db, importId, locale);
  } catch (err) {
    // whatever broke, the import says how far it got: nothing (failed) or `processed` rows (interrupted)
    const row = await repo.findImportById(db, importId);
    if (row && row.status !== 'done') {
      const partial = row.processed > 0;
      await repo.setImport(db, importId, {
        status: partial ? 'interrupted' : 'failed',
        message: partial
          ? say(locale, 'interrupted', row.processed)
          : String((err as Error).message).slice(0, 300),
        finishedAt: new Date(),
      });
    }
    throw err;
  }
}

/** What the passes of an import job work with. */
type Job = {
  db: Db;
  row: repo.ImportRow;
  p: Principal;
  actor: Actor;
  resolver: Resolver;
  entity: ImportEntity;
  mode: ImportMode;
  locale: Locale;
};

async function importRows(db: Db, importId: string, locale: Locale) {
  const row = await repo.findImportById(db, importId);
  if (!row || !['queued', 'interrupted'].includes(row.status)) return;
  const principalRow = await findUserPrincipal(db, row.tenantId, row.userId);
  if (!principalRow) {
    await repo.setImport(db, importId, {
      status: 'failed',
      message: 'user no longer active',
      finishedAt: new Date(),
    });
    return;
  }
  const p = toPrincipal(principalRow, 'job');
  const job: Job = {
    db,
    row,
    p,
    actor: { tenantId: row.tenantId, userId: row.userId, userName: p.name },
    resolver: await Resolver.load(db, p),
    entity: row.entity as ImportEntity,
    mode: row.mode as ImportMode,
    locale,
  };
  if (row.processed === 0 && !(await validatePass(job))) return;
  await repo.setImport(db, importId, { status: 'importing', startedAt: row.startedAt ?? new Date() });
  await writePass(job);
  await repo.setImport(db, importId, { status: 'done', message: null, finishedAt: new Date() });
  await analyzeColumns(db, job.entity, PLAN_COLUMNS[job.entity]);
  await deleteFile(db, 'imports', importId);
}

/** Pass 1: checks every row, writes nothing; false (and the import failed, with its report) on any problem. */
async function validatePass({ db, row, p, resolver, entity, mode, locale }: Job): Promise<boolean> {
  await repo.setImport(db, row.id, { status: 'validating', startedAt: new Date(), total: 0 });
  const errors: ImportRowError[] = [];
  let failed = 0;
  let total = 0;
  const read = { maxRows: await importMaxRows(db, row.tenantId), locale };
  const release = await parseTurn(row.tenantId); // a few files are read at once, the rest wait
  try {
    for await (const rows of batches(readFile(db, 'imports', row.id), row.format, row.mapping, read)) {
      const converted = await convertBatch(db, resolver, entity, locale, rows);
      const checked = duplicatesCanFail(entity, mode, p)
        ? await planBatch(db, p, entity, mode, locale, converted)
        : converted;
      for (const r of checked) {
        if (!r.errors.length) continue;
        failed++;
        for (const e of r.errors) if (errors.length < MAX_ERRORS) errors.push({ row: r.line, ...e });
      }
      total += rows.length;
      await repo.setImport(db, row.id, { total });
    }
  } catch (err) {
    // a file over a limit or unreadable fails the import saying which (nothing was written)
    if (!(err instanceof AppError) || !['IMPORT_TOO_LARGE', 'IMPORT_FILE_INVALID'].includes(err.code))
      throw err;
    const details = (err.details ?? []) as { message: string }[];
    await repo.setImport(db, row.id, {
      status: 'failed',
      failed: 0,
      // the rows read so far are moot: the file as a whole is refused
      errors: details.map((d) => ({ row: 1, field: 'file', message: d.message })),
      message: [errorMessage(err.code, locale), ...details.map((d) => d.message)].join(
        locale === 'zh-CN' ? '：' : ': ',
      ),
      finishedAt: new Date(),
    });
    return false;
  } finally {
    release();
  }
  if (!total) errors.push({ row: 1, field: 'file', message: say(locale, 'empty') });
  if (failed || !total) {
    await repo.setImport(db, row.id, {
      status: 'failed',
      failed,
      errors,
      message: say(locale, 'failed', failed),
      finishedAt: new Date(),
    });
    return false;
  }
  return true;
}

/**
 * Pass 2: the rows after the `processed` ones, batch by batch, each planned after the one before
 * it is in (its rows count as duplicates) and written in one transaction. While a batch is
 * written and the next one planned — the database's work — the one after those is read and
 * converted — this process's work — so the two overlap.
 */
async function writePass(job: Job) {
  const { db, row, p, resolver, entity, mode, locale } = job;
  const read = { maxRows: await importMaxRows(db, row.tenantId), locale };
  async function* fresh() {
    let seen = 0;
    const release = await parseTurn(row.tenantId);
    try {
      for await (const rows of batches(readFile(db, 'imports', row.id), row.format, row.mapping, read)) {
        const left = rows.filter(() => ++seen > row.processed);
        if (left.length) yield left;
      }
    } finally {
      release();
    }
  }
  const source = fresh();
  const convertNext = async () => {
    const read = await source.next();
    return read.done ? null : convertBatch(db, resolver, entity, locale, read.value, { forWriting: true });
  };
  const writeThenPlan = async (planned: Planned[] | null, converted: Converted[]) => {
    if (planned) await writeBatch(job, planned);
    return planBatch(db, p, entity, mode, locale, converted);
  };
  try {
    // in flight: batch n-1 being written, then n planned, while n+1 is read and converted
    let planned: Planned[] | null = null;
    let converted = await convertNext();
    while (converted) [converted, planned] = await both(convertNext(), writeThenPlan(planned, converted));
    if (planned) await writeBatch(job, planned);
  } finally {
    await source.return(undefined); // closes the file on an error
  }
}

/** One batch in one transaction, with the progress counters and the batch's audit entry. */
async function writeBatch({ db, row, p, actor, entity }: Job, planned: Planned[]) {
  await db.transaction(async (tx) => {
    const counts =
      entity === 'customers'
        ? await writeCustomers(tx, p, actor, p.profile.tenant.timezone, planned)
        : entity === 'contacts'
          ? await writeContacts(tx, p, actor, planned)
          : await insertImportedLeads(
              tx,
              actor,
              planned.filter((r) => r.plan.action === 'create').map((r) => r.values),
            );
    const skipped = planned.filter((r) => r.plan.action === 'skip').length;
    const { processed } = await repo.addProgress(tx, row.id, {
      processed: planned.length,
      created: counts.created,
      updated: counts.updated,
      skipped,
    });
    await writeAudit(tx, actor, {
      action: 'import',
      entity,
      summary: `${row.fileName}: ${processed - planned.length + 1}–${processed}`,
      changes: {
        created: [null, counts.created],
        updated: [null, counts.updated],
        skipped: [null, skipped],
      },
    });
  });
}

/**
 * Both at once; settles when both have, so that on an error no transaction is still running
 * (the job's error handler reads the progress it leaves).
 */
async function both<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [x, y] = await Promise.allSettled([a, b]);
  if (x.status === 'rejected') throw x.reason;
  if (y.status === 'rejected') throw y.reason;
  return [x.value, y.value];
}
