import type { Readable } from 'node:stream';
import {
  type ImportEntity,
  type ImportJob,
  type ImportMode,
  type ImportPreview,
  importPermissions,
  type Locale,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { storeFile } from '../../platform/chunk-store.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Jobs } from '../../platform/jobs.ts';
import { csvSafe } from '../../platform/table-file.ts';
import { definitions } from '../custom-fields/service.ts';
import { importMaxRows } from '../organization/tenants-service.ts';
import { describeFields, suggestMapping } from './fields.ts';
import { FileUnreadable, parseTurn } from './limits.ts';
import { fileProblem, say } from './messages.ts';
import { readRows } from './read-rows.ts';
import * as repo from './repository.ts';
import { Resolver } from './resolver.ts';
import { convertBatch, missingRequired, planBatch } from './rows.ts';

export const IMPORT_JOB = 'imports.run';

const toImportJob = (r: repo.ImportRow): ImportJob => ({
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

/** Whether the caller may import anything at all (the routes' guard). */
export const mayImport = (p: Principal) => Object.values(importPermissions).some((x) => can(p, x));

/** 403 unless the caller may import this entity (customers:import, leads:import). */
export function assertMayImport(p: Principal, entity: ImportEntity) {
  if (!can(p, importPermissions[entity])) throw forbidden();
}

/** Step 1 of the wizard: headers, first rows, suggested mapping and the problems of those rows. */
export async function preview(
  db: Db,
  p: Principal,
  locale: Locale,
  input: { entity: ImportEntity; format: 'csv' | 'xlsx'; file: Readable; mapping?: Record<string, string> },
): Promise<ImportPreview> {
  assertMayImport(p, input.entity);
  const raw: string[][] = [];
  const limits = { maxRows: await importMaxRows(db, p.tenantId) };
  const release = await parseTurn(p.tenantId); // a few files are read at once, the rest wait
  try {
    for await (const record of readRows(input.file, input.format, limits)) {
      raw.push(record);
      if (raw.length > 20) break;
    }
  } catch (err) {
    throw fileProblem(err, locale) ?? fileProblem(new FileUnreadable(), locale)!;
  } finally {
    release();
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

type StartInput = {
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
  assertMayImport(p, input.entity);
  if (!jobs) throw new AppError('JOBS_UNAVAILABLE');
  if (input.idempotencyKey) {
    const earlier = await repo.findByIdempotencyKey(db, p.tenantId, p.userId, input.idempotencyKey);
    if (earlier) return { id: earlier.id, repeated: true };
  }
  const custom =
    input.entity === 'leads' // leads carry no custom fields
      ? []
      : (await definitions(db, p.tenantId, input.entity)).filter((d) => d.enabled);
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
    // leads have no duplicate check: every row is a new lead whatever the mode
    mode: input.entity === 'leads' ? 'create' : input.mode,
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
  assertMayImport(p, row.entity);
  if (row.status !== 'interrupted') throw new AppError('IMPORT_NOT_RESUMABLE');
  if (!jobs) throw new AppError('JOBS_UNAVAILABLE');
  await repo.setImport(db, id, { status: 'queued', message: null });
  await jobs.send(IMPORT_JOB, { importId: id, locale });
  return getImport(db, p, id);
}

/** The full per-row report as CSV (row, field, message). */
export async function errorReport(db: Db, p: Principal, id: string): Promise<string> {
  const job = await getImport(db, p, id);
  const quote = (s: string) => `"${csvSafe(s).replace(/"/g, '""')}"`; // no formula runs in a spreadsheet
  const lines = [
    'row,field,message',
    ...job.errors.map((e) => `${e.row},${quote(e.field)},${quote(e.message)}`),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
