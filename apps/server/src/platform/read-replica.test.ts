import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, TEST_SECRET_KEY } from '../config.ts';
import { openPglite, openPostgres, wrapPglite } from '../db/client.ts';
import type { Agent } from '../test/agent.ts';
import { makeCustomer, unique } from '../test/factories.ts';
import { createTestContext, type TestContext } from '../test/test-app.ts';
import { openReadDatabase, replicaState, waitForReplay } from './read-db.ts';

describe('DATABASE_READ_URL settings', () => {
  it('takes a postgres:// URL only, and is ignored with a warning on the embedded database', async () => {
    const env = { GUANXI_SECRET_KEY: TEST_SECRET_KEY };
    expect(() => loadConfig({ ...env, DATABASE_READ_URL: 'mysql://replica/db' })).toThrow(
      /DATABASE_READ_URL/,
    );
    const config = loadConfig({ ...env, DATABASE_READ_URL: 'postgres://replica:5432/guanxi' });
    expect(config.databaseReadUrl).toBe('postgres://replica:5432/guanxi');
    const embedded = wrapPglite(await openPglite());
    try {
      const read = openReadDatabase(config, embedded);
      expect(read.readDb).toBe(embedded.db);
      expect(read.replica).toBeUndefined();
      expect(read.warning).toMatch(/DATABASE_READ_URL is ignored/);
      // no setting, no warning, no replica
      expect(openReadDatabase({}, embedded)).toEqual({ readDb: embedded.db });
    } finally {
      await embedded.close();
    }
  });
});

const readUrl = process.env.TEST_DATABASE_READ_URL;

describe.skipIf(!readUrl || !process.env.TEST_DATABASE_URL)(
  'read replica (runs only with TEST_DATABASE_READ_URL: a PostgreSQL primary and its streaming replica, as .ci/run starts them)',
  () => {
    let t: TestContext;
    let admin: Agent;
    const replicaDb = () => t.replica!.db;
    const setReplay = async (paused: boolean) => {
      await replicaDb().execute(
        paused ? sql`SELECT pg_wal_replay_pause()` : sql`SELECT pg_wal_replay_resume()`,
      );
    };
    /** Shanghai's current month, the report's default tenant time zone. */
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

    beforeAll(async () => {
      t = await createTestContext({}, { jobs: true, readReplica: true });
      admin = await t.admin();
    });
    afterAll(async () => {
      // never leave the shared replica paused, whatever failed
      if (t?.replica) await setReplay(false).catch(() => {});
      await t?.close();
    });

    async function exportJobRows(tag: string) {
      const started = await admin.post('/api/v1/customers/exports', { format: 'csv', query: { tag } });
      expect(started.statusCode, started.body).toBe(202);
      const { id } = started.json();
      let job = (await admin.get(`/api/v1/exports/${id}`)).json();
      for (let i = 0; i < 200 && ['queued', 'running'].includes(job.status); i++) {
        await new Promise((r) => setTimeout(r, 100));
        job = (await admin.get(`/api/v1/exports/${id}`)).json();
      }
      expect(job.status, JSON.stringify(job)).toBe('done');
      return (await admin.get(`/api/v1/exports/${id}/file`)).body;
    }
    const directExport = async (tag: string) => {
      const res = await admin.get(`/api/v1/customers/export?format=csv&tag=${encodeURIComponent(tag)}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.body;
    };
    const complianceCustomers = async () => {
      const res = await admin.get(
        `/api/v1/reports/contact-compliance/customers?month=${month}&userId=${t.tenant.adminId}&pageSize=100`,
      );
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { data: { name: string }[] }).data.map((c) => c.name);
    };
    const complianceRow = async () => {
      const res = await admin.get(`/api/v1/reports/contact-compliance?month=${month}`);
      expect(res.statusCode, res.body).toBe(200);
      const rows = (res.json() as { data: { userId: string; customers: number }[] }).data;
      return rows.find((r) => r.userId === t.tenant.adminId)?.customers ?? 0;
    };

    it('exports and the report read the replica: a customer written while replay is paused shows up only once it is replayed', async () => {
      // a customer level with a norm, so the compliance report counts the admin's customers of it
      const level = await admin.post('/api/v1/dictionaries/customer-level/items', { name: unique('等级') });
      expect(level.statusCode, level.body).toBe(201);
      const norms = await admin.put('/api/v1/settings/contact-norms', {
        norms: [{ levelId: level.json().id, perMonth: 1 }],
      });
      expect(norms.statusCode, norms.body).toBe(200);
      const tag = unique('副本');
      const before = await makeCustomer(admin, {
        name: unique('早客户'),
        tags: [tag],
        levelId: level.json().id,
      });
      await waitForReplay(t.database.db, replicaDb());
      const countBefore = await complianceRow();

      let lateName: string;
      await setReplay(true);
      try {
        lateName = await whilePaused(tag, before.name, level.json().id, countBefore);
      } finally {
        await setReplay(false);
      }
      await waitForReplay(t.database.db, replicaDb());
      for (const file of [await exportJobRows(tag), await directExport(tag)]) {
        expect(file).toContain(before.name);
        expect(file).toContain(lateName);
      }
      expect(await complianceCustomers()).toContain(lateName);
      expect(await complianceRow()).toBe(countBefore + 1);
      // the exports' audit entries were written on the primary
      const audit = await t.database.db.execute(
        sql`SELECT count(*)::int AS n FROM audit_logs WHERE tenant_id = ${t.tenant.id} AND action = 'export' AND entity = 'customers'`,
      );
      expect((audit.rows[0] as { n: number }).n).toBeGreaterThanOrEqual(4);
    });

    /** Writes a customer while replay is paused (on the primary) and checks the replica's readers miss it. */
    async function whilePaused(tag: string, beforeName: string, levelId: string, countBefore: number) {
      const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.json()).toMatchObject({
        status: 'ready',
        replica: { status: 'streaming', replayPaused: true },
      });

      // the write goes to the primary while the replica stands still, and reads back from it
      const late = await makeCustomer(admin, { name: unique('新客户'), tags: [tag], levelId });
      const own = await admin.get(`/api/v1/customers/${late.id}`);
      expect(own.statusCode, own.body).toBe(200);
      const edited = await admin.patch(`/api/v1/customers/${late.id}`, {
        version: late.version,
        shortName: '新',
      });
      expect(edited.statusCode, edited.body).toBe(200);
      expect((await admin.get(`/api/v1/customers?tag=${encodeURIComponent(tag)}`)).json().total).toBe(2);

      // …but what reads from the replica does not see it yet
      for (const file of [await exportJobRows(tag), await directExport(tag)]) {
        expect(file).toContain(beforeName);
        expect(file).not.toContain(late.name);
      }
      const names = await complianceCustomers();
      expect(names).toContain(beforeName);
      expect(names).not.toContain(late.name);
      expect(await complianceRow()).toBe(countBefore);
      const behind = (await t.app.inject({ method: 'GET', url: '/readyz' })).json().replica;
      expect(behind.lagBytes).toBeGreaterThan(0);
      return late.name as string;
    }

    it('readDb refuses a write: read-only on our side, not only because it is a standby', async () => {
      const refused = (db: typeof t.database.db) =>
        db.execute(sql`UPDATE customers SET name = name WHERE false`).then(
          () => 'written',
          (err: { code?: string; cause?: { code?: string } }) => err.cause?.code ?? err.code,
        );
      // 25006: read_only_sql_transaction
      expect(await refused(replicaDb())).toBe('25006');
      const setting = await replicaDb().execute(
        sql`SELECT current_setting('default_transaction_read_only') AS v`,
      );
      expect((setting.rows[0] as { v: string }).v).toBe('on');
      // the same pool settings against the primary refuse too (a promoted replica would not)
      const named = await t.database.db.execute(sql`SELECT current_database() AS name`);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${(named.rows[0] as { name: string }).name}`;
      const readOnlyPrimary = openPostgres(url.toString(), 1, { readOnly: true });
      try {
        expect(await refused(readOnlyPrimary.db)).toBe('25006');
      } finally {
        await readOnlyPrimary.close();
      }
    });

    it('the readiness route reports the replica streaming, caught up', async () => {
      await waitForReplay(t.database.db, replicaDb());
      const state = await replicaState(t.database.db, replicaDb());
      // the queue keeps writing on the primary, so the lag is small rather than nil
      expect(state).toMatchObject({ status: 'streaming', replayPaused: false });
      expect(state.lagBytes).toBeGreaterThanOrEqual(0);
      expect(state.lagSeconds).toBeGreaterThanOrEqual(0);
      const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json().replica).toMatchObject({ status: 'streaming', replayPaused: false });
      // an unreachable replica is reported, not a failure of the readiness of the primary
      const gone = openPostgres('postgres://postgres@127.0.0.1:1/postgres', 1, { readOnly: true });
      try {
        expect(await replicaState(t.database.db, gone.db)).toEqual({
          status: 'unavailable',
          lagSeconds: null,
          lagBytes: null,
          replayPaused: false,
        });
      } finally {
        await gone.close();
      }
    });
  },
);
