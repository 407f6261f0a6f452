import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cloneTemplate } from '../test/test-app.ts';
import { analyze } from './maintenance.ts';

describe('periodic planner statistics (the embedded database has no autovacuum)', () => {
  it('the periodic analyze takes the tables never analysed or grown by a tenth, and leaves the rest', async () => {
    const database = await cloneTemplate();
    const db = database.db;
    const estimate = async () =>
      Number(
        (
          (await db.execute(sql`SELECT reltuples::int8 AS n FROM pg_class WHERE relname = 'stats_grow'`))
            .rows[0] as { n: number }
        ).n,
      );
    try {
      await db.execute(sql`CREATE TABLE stats_grow AS SELECT g AS n FROM generate_series(1, 5000) g`);
      await analyze(db); // never analysed: taken
      expect(await estimate()).toBe(5000);
      await db.execute(sql`INSERT INTO stats_grow SELECT g FROM generate_series(1, 5000) g`);
      await analyze(db); // twice the pages: taken
      expect(await estimate()).toBe(10000);
      await db.execute(sql`DELETE FROM stats_grow WHERE n > 100`);
      await analyze(db); // same size on disk: left alone (the estimate is the old one)
      expect(await estimate()).toBe(10000);
    } finally {
      await database.close();
    }
  });
});
