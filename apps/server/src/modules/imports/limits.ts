import { importRowLimits } from '@guanxi/contract';

/**
 * What an uploaded file may cost to read, and how many files are read at once. A 1 MB XLSX can
 * inflate to gigabytes (a zip bomb), so every limit is checked while the file streams, on the
 * bytes actually inflated (never only on the sizes the zip declares), and a file over one is
 * refused the moment it is seen: `413 IMPORT_TOO_LARGE` naming the limit.
 */

/** Rows of one import (after the header) unless the tenant sets its own (`importMaxRows`). */
export const DEFAULT_MAX_ROWS = importRowLimits.default;

/** Bytes an XLSX may inflate to, all its parts together (a 1M-row, 15-column sheet is ~600 MB). */
export const XLSX_MAX_BYTES = 1024 * 1024 * 1024;

/** Bytes each part other than sheets and shared strings may inflate to (styles, workbook, relations). */
export const XLSX_MAX_PART_BYTES = 32 * 1024 * 1024;

/**
 * Memory the shared strings (the text table every XLSX cell of text points into, held while the
 * sheet is read) may take, packed as UTF-8 with 4 bytes per string: ~1.3M strings of 15 Chinese
 * characters. A bigger file imports as CSV, which has no such table.
 */
export const SHARED_STRINGS_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Bytes of one row (XLSX: its XML; CSV: its text as UTF-8, whatever encoding the file was saved
 * in) and of one shared string's XML.
 */
export const ROW_MAX_BYTES = 8 * 1024 * 1024;
export const STRING_MAX_BYTES = 1024 * 1024;

/**
 * Files read at once (previews and import jobs; the rest wait their turn): per process, since
 * each may hold its shared strings, and per tenant, so that one tenant cannot take every turn.
 */
export const PARSES_PER_PROCESS = 3;
export const PARSES_PER_TENANT = 2;

export type LimitName = 'rows' | 'bytes' | 'sharedStrings' | 'row';

/** A file over one of the limits; the caller words it in the importer's language. */
export class FileTooLarge extends Error {
  constructor(
    readonly limit: LimitName,
    readonly max: number,
  ) {
    super(`file over the ${limit} limit (${max})`);
  }
}

/** A file that is not the CSV or XLSX it claims to be; `line` when the reader knows where. */
export class FileUnreadable extends Error {
  constructor(
    readonly line?: number,
    readonly column?: number,
    options?: { cause?: unknown },
  ) {
    super('file unreadable', options);
  }
}

/** A counting semaphore whose waiters are served in order. */
class Slots {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}
  async acquire() {
    if (this.busy < this.size) {
      this.busy++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release() {
    const next = this.waiting.shift();
    if (next)
      next(); // the slot passes straight to the next in line
    else this.busy--;
  }
  get idle() {
    return this.busy === 0 && !this.waiting.length;
  }
}

const processSlots = new Slots(PARSES_PER_PROCESS);
const tenantSlots = new Map<string, Slots>();

/**
 * Waits for a turn to read a file (the tenant's first, so that a tenant queueing many files holds
 * no process-wide slot while it waits) and answers the function that gives it back. Waiting is
 * queueing, never a failure.
 */
export async function parseTurn(tenantId: string): Promise<() => void> {
  let mine = tenantSlots.get(tenantId);
  if (!mine) {
    mine = new Slots(PARSES_PER_TENANT);
    tenantSlots.set(tenantId, mine);
  }
  const tenant = mine;
  await tenant.acquire();
  try {
    await processSlots.acquire();
  } catch (err) {
    tenant.release();
    throw err;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    processSlots.release();
    tenant.release();
    if (tenant.idle && tenantSlots.get(tenantId) === tenant) tenantSlots.delete(tenantId);
  };
}
