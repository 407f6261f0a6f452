import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from '../db/data-dir-lock.ts';
import { cloneTemplate, createTestContext, type TestContext } from '../test/test-app.ts';
import { mask } from './access.ts';
import { localeFrom } from './i18n.ts';
import { uuidv7 } from './ids.ts';
import { analyze } from './maintenance.ts';
import { formatNumber, nextNumber } from './numbering.ts';
import { COUNT_BELOW_ESTIMATE, EXACT_COUNT_LIMIT, listPage, notNull, orderBy } from './pagination.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('numbering', () => {
  it('formats prefix + date in the tenant time zone + sequence', () => {
    const rule = {
      prefix: 'KH',
      datePattern: 'YYYYMMDD',
      sequenceWidth: 4,
      resetPeriod: 'daily',
      separator: '-',
    } as const;
    // 2026-11-22T17:30Z is already the 23rd in Shanghai
    expect(formatNumber(rule, 1, new Date('2026-11-22T17:30:00Z'), 'Asia/Shanghai')).toBe('KH20261123-0001');
    expect(formatNumber(rule, 12345, new Date('2026-11-22T17:30:00Z'), 'UTC')).toBe('KH20261122-12345');
  });

  it('hands out unique numbers under concurrency', async () => {
    const db = t.database.db;
    const numbers = await Promise.all(
      Array.from({ length: 40 }, () =>
        db.transaction((tx) => nextNumber(tx, t.tenant.id, 'customer', 'Asia/Shanghai')),
      ),
    );
    expect(new Set(numbers).size).toBe(40);
    expect(numbers.every((n) => /^KH\d{8}-\d{4}$/.test(n))).toBe(true);
    const other = await db.transaction((tx) => nextNumber(tx, t.other.id, 'customer', 'Asia/Shanghai'));
    expect(other).toMatch(/-0001$/);
  });
});

describe('list helper', () => {
  /** Rows of `bench_items`: above the estimate below which a count is tried. */
  const ROWS = 30_000;

  it('counts exactly for small sets and returns the flagged planner estimate for large ones', async () => {
    const db = t.database.db;
    expect(ROWS).toBeGreaterThan(COUNT_BELOW_ESTIMATE);
    await db.execute(sql`CREATE TABLE bench_items AS SELECT g AS n FROM generate_series(1, ${ROWS}) g`);
    await db.execute(sql`ANALYZE bench_items`);
    const parts = (where: ReturnType<typeof sql>) => ({
      columns: sql`n`,
      from: sql`FROM bench_items WHERE ${where}`,
      orderBy: sql`n`,
    });
    const small = await listPage(db, { page: 2, pageSize: 20 }, parts(sql`n <= 500`), (r) => r.n);
    expect(small).toMatchObject({ total: 500, totalIsEstimate: false, page: 2, pageSize: 20 });
    expect(small.data[0]).toBe(21);
    const large = await listPage(db, { page: 1, pageSize: 20 }, parts(sql`TRUE`), (r) => r.n);
    expect(large.totalIsEstimate).toBe(true);
    expect(Math.abs(large.total - ROWS)).toBeLessThan(ROWS * 0.1);
    const last = await listPage(db, { page: 3, pageSize: 20 }, parts(sql`n <= 45`), (r) => r.n);
    expect(last).toMatchObject({ total: 45, totalIsEstimate: false });
    const past = await listPage(db, { page: 9, pageSize: 20 }, parts(sql`n <= 45`), (r) => r.n);
    expect(past).toMatchObject({ data: [], total: 45 });
  });

  it('is exact up to the limit; past it, with an estimate below the gate, counts only to the limit', async () => {
    const db = t.database.db;
    const parts = (where: ReturnType<typeof sql>) => ({
      columns: sql`b.*`,
      from: sql`FROM bench_items b WHERE ${where}`,
      orderBy: orderBy('-n', { n: notNull(sql`b.n`) }, '-n', sql`b.n`),
    });
    const list = (where: ReturnType<typeof sql>, q: { page: number; cursor?: string }, exact = false) =>
      listPage(db, { pageSize: 20, ...q }, { ...parts(where), exact }, (r) => Number(r.n));
    // at the limit: exact, on page 1 and on the next page by its cursor
    const at = await list(sql`b.n <= ${EXACT_COUNT_LIMIT}`, { page: 1 });
    expect(at).toMatchObject({ total: EXACT_COUNT_LIMIT, totalIsEstimate: false });
    const next = await list(sql`b.n <= ${EXACT_COUNT_LIMIT}`, { page: 2, cursor: at.nextCursor });
    expect(next).toMatchObject({ total: EXACT_COUNT_LIMIT, totalIsEstimate: false });
    expect(next.data[0]).toBe(EXACT_COUNT_LIMIT - 20);
    // a branch of 5,000 (estimated below the gate, so counted — but only up to the limit): the
    // flagged estimate, never below what was counted; 精确计数 (exact) counts them all
    const branch = sql`b.n <= 5000`;
    const first = await list(branch, { page: 1 });
    expect(first.totalIsEstimate).toBe(true);
    expect(first.total).toBeGreaterThan(EXACT_COUNT_LIMIT);
    expect(Math.abs(first.total - 5000)).toBeLessThan(500);
    const second = await list(branch, { page: 2, cursor: first.nextCursor });
    expect(second).toMatchObject({ total: first.total, totalIsEstimate: true });
    expect(second.data[0]).toBe(5000 - 20);
    expect(await list(branch, { page: 1 }, true)).toMatchObject({ total: 5000, totalIsEstimate: false });
  });

  it('never counts past the limit when the estimate is wrong', async () => {
    const db = t.database.db;
    // `n % 2 = 0`: the planner guesses 0.5% of the rows (150), the truth is 15,000
    const parts = (where: ReturnType<typeof sql>) => ({
      columns: sql`b.*`,
      from: sql`FROM bench_items b WHERE ${where}`,
      orderBy: orderBy('-n', { n: notNull(sql`b.n`) }, '-n', sql`b.n`),
    });
    const many = await listPage(db, { page: 2, pageSize: 20 }, parts(sql`b.n % 2 = 0`), (r) => r.n);
    expect(many).toMatchObject({ totalIsEstimate: true });
    expect(many.total).toBeGreaterThan(EXACT_COUNT_LIMIT);
    const exact = await listPage(
      db,
      { page: 2, pageSize: 20 },
      { ...parts(sql`b.n % 2 = 0`), exact: true },
      (r) => r.n,
    );
    expect(exact).toMatchObject({ total: ROWS / 2, totalIsEstimate: false });
    // a lower limit (quick search): 500 rows are more than it counts
    const capped = await listPage(
      db,
      { page: 1, pageSize: 20 },
      { ...parts(sql`b.n <= 500`), countUpTo: 100 },
      (r) => r.n,
    );
    expect(capped.totalIsEstimate).toBe(true);
    expect(capped.total).toBeGreaterThan(100);
    // counting first: the same rows and totals whether the matches are few (fetched, sorted) or
    // many (read in list order)
    for (const where of [sql`b.n % 2 = 0`, sql`b.n % 1000 = 0`]) {
      const plain = await listPage(db, { page: 2, pageSize: 20 }, parts(where), (r) => r.n);
      const counted = await listPage(
        db,
        { page: 2, pageSize: 20 },
        { ...parts(where), countFirst: { alias: 'b' } },
        (r) => r.n,
      );
      expect(counted.data).toEqual(plain.data);
      expect(counted.totalIsEstimate).toBe(plain.totalIsEstimate);
      if (!plain.totalIsEstimate) expect(counted.total).toBe(plain.total);
    }
    const few = await listPage(db, { page: 1, pageSize: 20 }, parts(sql`b.n % 1000 = 0`), (r) => r.n);
    expect(few).toMatchObject({ total: 30, totalIsEstimate: false });
    expect(few.data[0]).toBe(30_000);
  });

  it('moves page by page by keyset, forwards and back, in every order, empty values last', async () => {
    const db = t.database.db;
    // 47 rows: timestamps a microsecond apart (a JS Date would merge them), ties, and empty values
    await db.execute(sql`CREATE TABLE keyset_items AS SELECT gen_random_uuid() AS id,
      timestamptz '2026-11-23 08:00:00' + g * interval '1 microsecond' AS at,
      CASE WHEN g % 5 = 0 THEN NULL ELSE g % 7 END AS score FROM generate_series(1, 47) g`);
    const allowed = { at: notNull(sql`at`), score: sql`score` };
    for (const sort of ['-at', 'at', '-score', 'score']) {
      const list = (q: { page: number; cursor?: string }) =>
        listPage(
          db,
          { pageSize: 10, ...q },
          {
            columns: sql`id`,
            from: sql`FROM keyset_items WHERE TRUE`,
            orderBy: orderBy(sort, allowed, '-at', sql`id`),
          },
          (r) => String(r.id),
        );
      const byOffset = [];
      for (let page = 1; page <= 5; page++) byOffset.push((await list({ page })).data);
      expect(byOffset.flat()).toHaveLength(47);
      // forwards from page 1 with nextCursor, then back with prevCursor
      let current = await list({ page: 1 });
      expect(current.prevCursor).toBeUndefined();
      for (let page = 2; page <= 5; page++) {
        current = await list({ page, cursor: current.nextCursor });
        expect(current.data, `${sort} page ${page} forwards`).toEqual(byOffset[page - 1]);
      }
      expect(current).toMatchObject({ total: 47, totalIsEstimate: false });
      expect(current.nextCursor).toBeUndefined();
      for (let page = 4; page >= 1; page--) {
        current = await list({ page, cursor: current.prevCursor });
        expect(current.data, `${sort} page ${page} back`).toEqual(byOffset[page - 1]);
      }
      expect(current.prevCursor).toBeUndefined();
    }
  });

  it('refuses a cursor that is not one, or belongs to another order', async () => {
    const db = t.database.db;
    const parts = (sort: string) => ({
      columns: sql`id`,
      from: sql`FROM keyset_items WHERE TRUE`,
      orderBy: orderBy(sort, { at: notNull(sql`at`) }, '-at', sql`id`),
    });
    const first = await listPage(db, { page: 1, pageSize: 10 }, parts('-at'), (r) => r.id);
    await expect(
      listPage(db, { page: 2, pageSize: 10, cursor: first.nextCursor }, parts('at'), (r) => r.id),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      listPage(db, { page: 2, pageSize: 10, cursor: 'not-a-cursor' }, parts('-at'), (r) => r.id),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('small pieces', () => {
  it('uuid v7 ids are valid and time-ordered', () => {
    const a = uuidv7();
    const b = uuidv7();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.slice(0, 13) <= b.slice(0, 13)).toBe(true);
  });

  it('picks the language from Accept-Language, zh-CN by default', () => {
    expect(localeFrom(undefined)).toBe('zh-CN');
    expect(localeFrom('en-US,en;q=0.9')).toBe('en-US');
    expect(localeFrom('fr-FR,en;q=0.5,zh;q=0.8')).toBe('zh-CN');
    expect(localeFrom('de')).toBe('zh-CN');
  });

  it('masks phones and emails', () => {
    expect(mask('13812341234')).toBe('138****1234');
    expect(mask('zhang@example.com')).toBe('z****@example.com');
  });

  it('a second process on one data dir is refused; a stale lock is taken over', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-lock-'));
    const release = acquireDataDirLock(dir);
    fs.writeFileSync(path.join(dir, 'guanxi.lock'), '1'); // pid 1 is alive: another process holds it
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    fs.writeFileSync(path.join(dir, 'guanxi.lock'), '999999'); // no such process: stale
    const again = acquireDataDirLock(dir);
    again();
    release();
    expect(fs.existsSync(path.join(dir, 'guanxi.lock'))).toBe(false);
  });
});

describe('database types', () => {
  it('parses int8, numeric and date the same on PGlite and PostgreSQL; pg_trgm is there', async () => {
    const r = await t.database.db.execute(
      sql`SELECT 42::int8 AS n, 1234567890123.45::numeric(18,2) AS money, '2026-11-23'::date AS day, similarity('华为技术', '华为') > 0 AS trgm`,
    );
    expect(r.rows[0]).toEqual({ n: 42, money: '1234567890123.45', day: '2026-11-23', trgm: true });
  });
});

describe('planner statistics', () => {
  it('analyze gives the planner real row counts (the embedded database has no autovacuum)', async () => {
    const database = await cloneTemplate();
    try {
      await database.db.execute(
        sql`CREATE TABLE stats_probe AS SELECT g AS n FROM generate_series(1, 5000) g`,
      );
      await analyze(database.db, ['stats_probe']);
      const result = await database.db.execute(
        sql`SELECT reltuples::int8 AS n FROM pg_class WHERE relname = 'stats_probe'`,
      );
      expect(Number((result.rows[0] as { n: number }).n)).toBe(5000);
    } finally {
      await database.close();
    }
  });
});
