import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app.ts';
import { testConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { Agent } from '../test/agent.ts';
import { TEST_PASSWORD } from '../test/fixtures.ts';
import { cloneTemplate } from '../test/test-app.ts';
import { logErrorSerializer, redactDetail } from './log-redaction.ts';

/** The app's log, line by line, as main.ts would print it. */
const log: string[] = [];
let database: Database;
let app: FastifyInstance;
let admin: Agent;
beforeAll(async () => {
  database = await cloneTemplate();
  app = await buildApp({
    db: database.db,
    config: testConfig({ webDist: '/nonexistent', logLevel: 'info' }),
    logStream: { write: (line) => void log.push(line) },
  });
  await app.ready();
  admin = await Agent.login(app, 'admin', TEST_PASSWORD);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** Every insert into these tables fails in the database, quoting the row (as a check constraint would). */
async function failInserts(...tables: string[]) {
  await database.db.execute(
    sql.raw(`CREATE OR REPLACE FUNCTION simulated_failure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'simulated failure' USING ERRCODE = 'XX000',
          DETAIL = 'Failing row contains ' || row_to_json(NEW)::text;
      END $$`),
  );
  for (const table of tables)
    await database.db.execute(
      sql.raw(
        `CREATE TRIGGER ${table}_fails BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION simulated_failure()`,
      ),
    );
}

describe('the log never carries statement parameters (issue 11, finding 4)', () => {
  it('a failing user or API token create logs the SQL and the database message, not the hash', async () => {
    await failInserts('users', 'api_tokens');
    const password = 'Very-secret-pass-42';
    const [tenant] = inject('templateTenants');
    const user = await admin.post('/api/v1/users', {
      username: 'loggeduser',
      name: '日志测试',
      password,
      departmentId: tenant.rootDepartmentId,
      roleIds: [],
    });
    expect(user.statusCode, user.body).toBe(500);
    const token = await admin.post('/api/v1/api-tokens', { name: 'ERP 集成' });
    expect(token.statusCode, token.body).toBe(500);

    const text = log.join('');
    const errors = log.map((l) => JSON.parse(l)).filter((l) => l.level >= 50);
    expect(errors).toHaveLength(2);
    // the parameters do not: no argon2 hash, no token hash (sha256 hex), no password, no row
    expect(text).not.toContain('$argon2');
    expect(text).not.toMatch(/[0-9a-f]{64}/);
    expect(text).not.toContain(password);
    expect(text).not.toContain('loggeduser');
    expect(text).not.toContain('Failing row contains {');
    // what one needs to diagnose stays: the SQL, the database's message and code
    expect(text).toContain('insert into \\"users\\"');
    expect(text).toContain('insert into \\"api_tokens\\"');
    expect(text).toContain('simulated failure');
    expect(text).toContain('XX000');
    expect(text).toContain(`params: [redacted]`);
  });

  it('a database detail keeps its columns and drops its values', () => {
    expect(redactDetail('Key (token_hash)=(abc123) already exists.')).toBe(
      'Key (token_hash)=([redacted]) already exists.',
    );
    expect(redactDetail('Key (tenant_id, username)=(0190, bob) already exists.')).toBe(
      'Key (tenant_id, username)=([redacted]) already exists.',
    );
    expect(redactDetail('Key (customer_id)=(x) is not present in table "customers".')).toBe(
      'Key (customer_id)=([redacted]) is not present in table "customers".',
    );
    expect(redactDetail('Failing row contains (1, $argon2id$v=19…).')).toBe('[redacted]');
  });

  it('redacts through the cause chain and survives cycles and non-errors', () => {
    const cause = Object.assign(new Error('duplicate key'), {
      code: '23505',
      detail: 'Key (a)=(s3cret) already exists.',
    });
    const err = Object.assign(new Error('Failed query: insert into "t" values ($1)\nparams: s3cret'), {
      query: 'insert into "t" values ($1)',
      params: ['s3cret'],
      cause,
    });
    (cause as unknown as { again: unknown }).again = err;
    const out = JSON.stringify(logErrorSerializer(err));
    expect(out).not.toContain('s3cret');
    expect(out).toContain('insert into \\"t\\" values ($1)');
    expect(out).toContain('23505');
    expect(out).toContain('[Circular]');
    expect(logErrorSerializer('plain text').message).toBe('plain text');
  });
});
