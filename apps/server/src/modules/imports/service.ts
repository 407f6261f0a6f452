import type { Readable } from 'node:stream';
import type {
  ImportEntity,
  ImportJob,
  ImportMode,
  ImportPreview,
  ImportRowError,
  Locale,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import { toPrincipal } from '../../platform/auth/hook.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { findUserPrincipal } from '../../platform/auth/principal-repository.ts';
import { deleteFile, readFile, storeFile } from '../../platform/chunk-store.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Jobs } from '../../platform/jobs.ts';
import { analyzeColumns } from '../../platform/maintenance.ts';
import { definitions, type FieldDef } from '../custom-fields/service.ts';
import { convertRow, describeFields, fieldsOf, type RowError, suggestMapping } from './fields.ts';
import { say } from './messages.ts';
import { readRows } from './read-rows.ts';
import * as repo from './repository.ts';
import { Resolver } from './resolver.ts';
import { planContacts, writeContacts } from './write-contacts.ts';
import {
  type Plan,
  type Prepared,
  planCustomers,
  prepareCustomer,
  writeCustomers,
} from './write-customers.ts';

/** The columns whose statistics an import changes in ways list plans notice (see analyzeColumns). */
const PLAN_COLUMNS: Record<ImportEntity, string[]> = {
  customers: ['tenant_id', 'state', 'owner_id', 'department_id', 'created_at', 'deleted_at'],
  contacts: ['tenant_id', 'customer_id', 'created_at', 'deleted_at'],
};

export const IMPORT_JOB = 'imports.run';
const BATCH = 500;
/** The report keeps this many row errors (the count of failed rows is always exact). */
const MAX_ERRORS = 10_000;

export const toImportJob = (r: repo.ImportRow): ImportJob => ({
  id: r.id,
  entity: r.entity,
  mode: r.mode,
  fileName: r.fileName,
  status: r.status as ImportJob['status'],
  total: r.total,
  processed: r.processed,
  created: r.created,
  updated: r.updated,
  skipped: r.skipped,
  failed: r.failed,
  errors: r.errors,
  message: r.message,
  createdAt: r.createdAt.toISOString(),
  startedAt: r.startedAt?.toISOString() ?? null,
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

type Row = { line: number; cells: Record<string, string> };

/** File rows as field → text under a mapping, in batches; `line` is the spreadsheet row number. */
async function* batches(
  input: Readable,
  format: 'csv' | 'xlsx',
  mapping: Record<string, string>,
  size = BATCH,
) {
  let headers: string[] | undefined;
  let line = 0;
  let batch: Row[] = [];
  try {
    for await (const record of readRows(input, format)) {
      line++;
      if (!headers) {
        headers = record.map((h) => h.trim());
        continue;
      }
      const cells: Record<string, string> = {};
      headers.forEach((h, i) => {
        const field = mapping[h];
        if (field && record[i] !== undefined && record[i] !== '') cells[field] = record[i];
      });
      batch.push({ line, cells });
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('IMPORT_FILE_INVALID', [
      { path: 'file', message: (err as Error).message.slice(0, 200) },
    ]);
  }
  if (batch.length) yield batch;
}

type Converted = { line: number; values: Record<string, unknown>; errors: RowError[]; prepared?: Prepared };

/**
 * A batch as API input: values and problems per row (no duplicate check yet). `forWriting`:
 * for the write pass, which converts a batch while the database writes the one before (see
 * writePass) — it yields every 10 rows (well under a millisecond) so that the transaction's
 * statements go out as soon as their predecessors are done, and works out ahead the columns
 * of new customers that need no database (see `prepareCustomer`).
 */
async function convertBatch(
  db: Db,
  resolver: Resolver,
  entity: ImportEntity,
  locale: Locale,
  rows: Row[],
  { forWriting = false } = {},
): Promise<Converted[]> {
  if (entity === 'contacts')
    await resolver.prefetchCustomers(
      db,
      rows.map((r) => r.cells.customerId ?? ''),
    );
  const converted: Converted[] = [];
  for (const r of rows) {
    if (forWriting && converted.length % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
    const c: Converted = { line: r.line, ...convertRow(entity, r.cells, resolver, locale) };
    if (forWriting && entity === 'customers' && !c.errors.length) c.prepared = prepareCustomer(c.values);
    converted.push(c);
  }
  return converted;
}

/** Decides per converted row (create / update / skip / error) under the duplicate mode. */
async function planBatch(
  db: Db,
  p: Principal,
  entity: ImportEntity,
  mode: ImportMode,
  locale: Locale,
  converted: Converted[],
) {
  const valid = converted.filter((c) => !c.errors.length);
  const plans =
    entity === 'customers'
      ? await planCustomers(
          db,
          p,
          valid.map((c) => c.values),
          mode,
          locale,
        )
      : await planContacts(
          db,
          p,
          valid.map((c) => c.values),
          mode,
        );
  const planned = new Map(valid.map((c, i) => [c, plans[i]]));
  return converted.map((c) => {
    const plan: Plan = c.errors.length ? { action: 'error', error: c.errors[0] } : planned.get(c)!;
    const errors = plan.action === 'error' && !c.errors.length ? [plan.error] : c.errors;
    return { line: c.line, values: c.values, plan, errors, prepared: c.prepared };
  });
}

/**
 * Whether a duplicate can make a row fail under the mode: a customer the importer may not
 * change (update), or a duplicate without customers:force_duplicate (create). Otherwise
 * duplicates only decide what the write pass does, and validating needs no look-up.
 */
const duplicatesCanFail = (entity: ImportEntity, mode: ImportMode, p: Principal) =>
  entity === 'customers' &&
  (mode === 'update' || (mode === 'create' && !p.permissions.has('customers:force_duplicate')));

function missingRequired(
  entity: ImportEntity,
  mapping: Record<string, string>,
  locale: Locale,
  custom: FieldDef[],
): ImportRowError[] {
  const mapped = new Set(Object.values(mapping));
  return fieldsOf(entity, custom)
    .filter((f) => f.required && !mapped.has(f.key))
    .map((f) => ({
      row: 1,
      field: f.key,
      message: say(locale, 'notMapped', locale === 'zh-CN' ? f.zh : f.en),
    }));
}

/** Step 1 of the wizard: headers, first rows, suggested mapping and the problems of those rows. */
export async function preview(
  db: Db,
  p: Principal,
  locale: Locale,
  input: { entity: ImportEntity; format: 'csv' | 'xlsx'; file: Readable; mapping?: Record<string, string> },
): Promise<ImportPreview> {
  const raw: string[][] = [];
  try {
    for await (const record of readRows(input.file, input.format)) {
      raw.push(record);
      if (raw.length > 20) break;
    }
  } catch (err) {
    throw new AppError('IMPORT_FILE_INVALID', [
      { path: 'file', message: (err as Error).message.slice(0, 200) },
    ]);
  } finally {
    input.file.resume(); // drain what is left of the upload
  }
  if (!raw.length)
    throw new AppError('IMPORT_FILE_INVALID', [{ path: 'file', message: say(locale, 'empty') }]);
  const headers = raw[0].map((h) => h.trim());
  const resolver = await Resolver.load(db, p);
  const custom = resolver.customFields(input.entity);
  const mapping = input.mapping ?? suggestMapping(input.entity, headers, custom);
  const rows = raw.slice(1);
  const sample = rows.map((record, i) => {
    const cells: Record<string, string> = {};
    headers.forEach((h, j) => {
      if (mapping[h] && record[j]) cells[mapping[h]] = record[j];
    });
    return { line: i + 2, cells };
  });
  const planned = sample.length
    ? await planBatch(
        db,
        p,
        input.entity,
        'skip',
        locale,
        await convertBatch(db, resolver, input.entity, locale, sample),
      )
    : [];
  const errors = [
    ...missingRequired(input.entity, mapping, locale, custom),
    ...planned.flatMap((r) => r.errors.map((e) => ({ row: r.line, ...e }))),
  ];
  return { headers, rows, mapping, fields: describeFields(input.entity, locale, custom), errors };
}

export type StartInput = {
  entity: ImportEntity;
  mode: ImportMode;
  mapping: Record<string, string>;
  fileName: string;
  format: 'csv' | 'xlsx';
  idempotencyKey?: string;
};

/**
 * Step 2: stores the file and queues the import. The same `Idempotency-Key` from the same user
 * answers the import it started before (a retried upload never imports twice).
 */
export async function start(
  db: Db,
  jobs: Jobs | undefined,
  p: Principal,
  locale: Locale,
  input: StartInput,
  file: AsyncIterable<Buffer>,
): Promise<{ id: string; repeated: boolean }> {
  if (!jobs) throw new AppError('JOBS_UNAVAILABLE');
  if (input.idempotencyKey) {
    const earlier = await repo.findByIdempotencyKey(db, p.tenantId, p.userId, input.idempotencyKey);
    if (earlier) return { id: earlier.id, repeated: true };
  }
  const custom = (await definitions(db, p.tenantId, input.entity)).filter((d) => d.enabled);
  const missing = missingRequired(input.entity, input.mapping, locale, custom);
  if (missing.length)
    throw new AppError(
      'VALIDATION_FAILED',
      missing.map((m) => ({ path: `mapping.${m.field}`, message: m.message })),
    );
  const id = uuidv7();
  const row = await repo.insertImport(db, {
    id,
    tenantId: p.tenantId,
    createdBy: p.userId,
    userId: p.userId,
    entity: input.entity,
    mode: input.mode,
    mapping: input.mapping,
    fileName: input.fileName,
    format: input.format,
    idempotencyKey: input.idempotencyKey ?? null,
  });
  if (!row) {
    // a concurrent request with the same key won the insert
    const earlier = await repo.findByIdempotencyKey(db, p.tenantId, p.userId, input.idempotencyKey!);
    return { id: earlier!.id, repeated: true };
  }
  await storeFile(db, 'imports', id, file);
  await jobs.send(IMPORT_JOB, { importId: id, locale });
  return { id, repeated: false };
}

export async function getImport(db: Db, p: Principal, id: string) {
  const row = await repo.findImport(db, p.tenantId, id, p.userId);
  if (!row) throw notFound();
  return toImportJob(row);
}

export async function listImports(db: Db, p: Principal) {
  return (await repo.listImports(db, p.tenantId, p.userId)).map(toImportJob);
}

/** Continues an interrupted import after the rows it had already imported. */
export async function resume(db: Db, jobs: Jobs | undefined, p: Principal, locale: Locale, id: string) {
  const row = await repo.findImport(db, p.tenantId, id, p.userId);
  if (!row) throw notFound();
  if (row.status !== 'interrupted') throw new AppError('IMPORT_NOT_RESUMABLE');
  if (!jobs) throw new AppError('JOBS_UNAVAILABLE');
  await repo.setImport(db, id, { status: 'queued', message: null });
  await jobs.send(IMPORT_JOB, { importId: id, locale });
  return getImport(db, p, id);
}

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
  for await (const rows of batches(readFile(db, 'imports', row.id), row.format, row.mapping)) {
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
  async function* fresh() {
    let seen = 0;
    for await (const rows of batches(readFile(db, 'imports', row.id), row.format, row.mapping)) {
      const left = rows.filter(() => ++seen > row.processed);
      if (left.length) yield left;
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

type Planned = Awaited<ReturnType<typeof planBatch>>[number];

/** One batch in one transaction, with the progress counters and the batch's audit entry. */
async function writeBatch({ db, row, p, actor, entity }: Job, planned: Planned[]) {
  await db.transaction(async (tx) => {
    const counts =
      entity === 'customers'
        ? await writeCustomers(tx, p, actor, p.profile.tenant.timezone, planned)
        : await writeContacts(tx, p, actor, planned);
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

/** The full per-row report as CSV (row, field, message). */
export async function errorReport(db: Db, p: Principal, id: string): Promise<string> {
  const job = await getImport(db, p, id);
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = [
    'row,field,message',
    ...job.errors.map((e) => `${e.row},${quote(e.field)},${quote(e.message)}`),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
