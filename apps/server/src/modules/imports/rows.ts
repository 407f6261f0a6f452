/** The rows of an import file: read in batches under a mapping, converted, and planned. */
import type { Readable } from 'node:stream';
import type { ImportEntity, ImportMode, ImportRowError, Locale } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { AppError } from '../../platform/errors.ts';
import type { FieldDef } from '../custom-fields/service.ts';
import {
  type CustomerRefusal,
  type PreparedCustomer,
  planContacts,
  planCustomers,
  prepareCustomer,
  type RowPlan,
} from '../customers/import-service.ts';
import { unwritableLeadFields } from '../leads/import-service.ts';
import { convertRow, fieldsOf, type RowError } from './fields.ts';
import { FileUnreadable } from './limits.ts';
import { fileProblem, type MessageKey, say } from './messages.ts';
import { type ReadLimits, readRows } from './read-rows.ts';
import type { Resolver } from './resolver.ts';

const BATCH = 500;

/** What the import does with a row: create, update, skip, or report it as an error. */
export type Plan = RowPlan | { action: 'error'; error: RowError };

/** How a row's report words a duplicate the mode refuses. */
const refusalMessages: Record<CustomerRefusal['reason'], MessageKey> = {
  duplicateNotWritable: 'duplicateNotWritable',
  duplicateInvalid: 'invalidCustomer',
  duplicate: 'duplicate',
};

export type Row = { line: number; cells: Record<string, string> };

/** File rows as field → text under a mapping, in batches; `line` is the spreadsheet row number. */
export async function* batches(
  input: Readable,
  format: 'csv' | 'xlsx',
  mapping: Record<string, string>,
  read: ReadLimits & { locale: Locale },
  size = BATCH,
) {
  let headers: string[] | undefined;
  let line = 0;
  let batch: Row[] = [];
  try {
    for await (const record of readRows(input, format, read)) {
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
    throw fileProblem(err, read.locale) ?? fileProblem(new FileUnreadable(), read.locale)!;
  }
  if (batch.length) yield batch;
}

export type Converted = {
  line: number;
  values: Record<string, unknown>;
  errors: RowError[];
  prepared?: PreparedCustomer;
};

/**
 * A batch as API input: values and problems per row (no duplicate check yet). `forWriting`:
 * for the write pass, which converts a batch while the database writes the one before (see
 * writePass) — it yields every 10 rows (well under a millisecond) so that the transaction's
 * statements go out as soon as their predecessors are done, and works out ahead the columns
 * of new customers that need no database (see `prepareCustomer`).
 */
export async function convertBatch(
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
  if (entity === 'leads')
    await resolver.prefetchCampaigns(
      db,
      rows.map((r) => r.cells.campaignId ?? ''),
    );
  const converted: Converted[] = [];
  for (const r of rows) {
    if (forWriting && converted.length % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
    const c: Converted = { line: r.line, ...convertRow(entity, r.cells, resolver, locale) };
    if (forWriting && entity === 'customers' && !c.errors.length) c.prepared = prepareCustomer(c.values);
    if (entity === 'leads')
      for (const field of unwritableLeadFields(resolver.principal, c.values))
        c.errors.push({ field, message: say(locale, 'notWritable') });
    converted.push(c);
  }
  return converted;
}

/** Decides per converted row (create / update / skip / error) under the duplicate mode. */
export async function planBatch(
  db: Db,
  p: Principal,
  entity: ImportEntity,
  mode: ImportMode,
  locale: Locale,
  converted: Converted[],
) {
  const valid = converted.filter((c) => !c.errors.length);
  const values = valid.map((c) => c.values);
  const plans: Plan[] =
    entity === 'leads'
      ? values.map(() => ({ action: 'create' })) // leads have no duplicate check: every row is a new lead
      : entity === 'customers'
        ? (await planCustomers(db, p, values, mode)).map((plan) =>
            plan.action === 'refuse'
              ? {
                  action: 'error',
                  error: { field: 'name', message: say(locale, refusalMessages[plan.reason], plan.name) },
                }
              : plan,
          )
        : await planContacts(db, p, values, mode);
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
export const duplicatesCanFail = (entity: ImportEntity, mode: ImportMode, p: Principal) =>
  entity === 'customers' &&
  (mode === 'update' || (mode === 'create' && !can(p, 'customers:force_duplicate')));

export function missingRequired(
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

export type Planned = Awaited<ReturnType<typeof planBatch>>[number];
