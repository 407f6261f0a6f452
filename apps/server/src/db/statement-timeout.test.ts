import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/test-app.ts';
import { isStatementTimeout, withStatementTimeout } from './statement-timeout.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('statement timeout of expensive reads', () => {
  it('PostgreSQL cancels a statement past the timeout (57014); the connection is fine afterwards', async (ctx) => {
    if (t.database.kind === 'pglite') ctx.skip(); // PGlite cannot interrupt a statement (see the helper)
    const started = Date.now();
    const err = await withStatementTimeout(t.database.db, 200, (tx) =>
      tx.execute(sql`SELECT pg_sleep(5)`),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isStatementTimeout(err)).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
    // the setting was local to that transaction: the next statement runs as long as it needs
    const slow = await t.database.db.execute(
      sql`SELECT pg_sleep(0.4), current_setting('statement_timeout') AS s`,
    );
    expect((slow.rows[0] as { s: string }).s).toBe('0');
  });

  it('a read within the timeout answers normally, on either database', async () => {
    const result = await withStatementTimeout(t.database.db, 5_000, (tx) => tx.execute(sql`SELECT 1 AS one`));
    expect(result.rows[0]).toMatchObject({ one: 1 });
  });
});
