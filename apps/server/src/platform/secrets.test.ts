import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { generate, generateSecret } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { testConfig } from '../config.ts';
import type { Agent } from '../test/agent.ts';
import { makeUser } from '../test/factories.ts';
import { TEST_PASSWORD } from '../test/fixtures.ts';
import { createTestContext, type TestContext } from '../test/test-app.ts';
import { AppError } from './errors.ts';
import { prepareSealedValues, rotateServerKey } from './sealed-values.ts';
import { KEY_FILE, keyFromDataDir, ServerKey } from './secrets.ts';

/** The AppError code a call throws. */
function codeOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
  return 'no error';
}

describe('ServerKey', () => {
  const key = ServerKey.generate('test');

  it('seals into a versioned envelope naming the key, with a fresh IV each time', () => {
    const a = key.seal('JBSWY3DPEHPK3PXP');
    const b = key.seal('JBSWY3DPEHPK3PXP');
    expect(a).toMatch(new RegExp(`^gx1\\.${key.id}\\.[\\w-]{16}\\.[\\w-]+$`));
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(key.open(a)).toBe('JBSWY3DPEHPK3PXP');
    expect(key.open(b)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses another key, an altered envelope and a value that is no envelope', () => {
    const sealed = key.seal('secret');
    expect(codeOf(() => ServerKey.generate('other').open(sealed))).toBe('SECRET_KEY_MISMATCH');
    const [format, id, iv, body] = sealed.split('.');
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    expect(codeOf(() => key.open([format, id, iv, flip(body, 3)].join('.')))).toBe('SECRET_UNREADABLE');
    expect(codeOf(() => key.open([format, id, flip(iv, 0), body].join('.')))).toBe('SECRET_UNREADABLE');
    expect(codeOf(() => key.open([format, id, iv, body.slice(0, -2)].join('.')))).toBe('SECRET_UNREADABLE');
    expect(codeOf(() => key.open(['gx9', id, iv, body].join('.')))).toBe('SECRET_UNREADABLE');
    expect(codeOf(() => key.open('JBSWY3DPEHPK3PXP'))).toBe('SECRET_UNREADABLE');
  });

  it('reads base64 and base64url of 32 bytes, nothing else; never shows the key when serialised', () => {
    const text = key.toText();
    const again = ServerKey.parse(Buffer.from(text, 'base64url').toString('base64'), 'env');
    expect(again.id).toBe(key.id);
    expect(again.open(key.seal('x'))).toBe('x');
    for (const bad of ['', 'short', `${text}A`, text.slice(1), 'x'.repeat(64)]) {
      expect(codeOf(() => ServerKey.parse(bad, 'env'))).toBe('SECRET_KEY_INVALID');
    }
    expect(JSON.stringify({ key })).toBe(`{"key":{"id":"${key.id}","source":"test"}}`);
  });

  it('is generated once into the data directory with mode 0600 and read back after', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-key-'));
    const first = keyFromDataDir(dir);
    const file = path.join(dir, KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(keyFromDataDir(dir).id).toBe(first.id);
    expect(fs.readdirSync(dir)).toEqual([KEY_FILE]);
    fs.writeFileSync(file, 'not a key\n');
    expect(codeOf(() => keyFromDataDir(dir))).toBe('SECRET_KEY_INVALID');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('TOTP secrets at rest', () => {
  let t: TestContext;
  const key = testConfig().serverKey;
  beforeAll(async () => {
    t = await createTestContext({ loginIpLimit: 1000 });
    await prepareSealedValues(t.database.db, key); // what every start does
  });
  afterAll(() => t.close());

  const loginOn = (app: FastifyInstance, body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body });
  const secretsOf = async (userId: string) =>
    (
      await t.database.db.execute(
        sql`SELECT totp_secret, totp_pending_secret FROM users WHERE id = ${userId}::uuid`,
      )
    ).rows[0] as { totp_secret: string | null; totp_pending_secret: string | null };

  /** A user with TOTP enrolled through the API; returns the secret the authenticator got. */
  async function enrolled(): Promise<{ id: string; username: string; secret: string; agent: Agent }> {
    const admin = await t.admin();
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId });
    const agent = await t.login(u.username);
    const { secret } = (await agent.post('/api/v1/auth/totp/setup')).json();
    const pending = await secretsOf(u.id);
    expect(pending.totp_pending_secret).toMatch(new RegExp(`^gx1\\.${key.id}\\.`));
    expect(pending.totp_pending_secret).not.toContain(secret);
    expect(
      (await agent.post('/api/v1/auth/totp/confirm', { code: await generate({ secret }) })).statusCode,
    ).toBe(200);
    return { id: u.id, username: u.username, secret, agent };
  }

  it('stores no readable secret, and TOTP login works', async () => {
    const u = await enrolled();
    const stored = await secretsOf(u.id);
    expect(stored.totp_pending_secret).toBeNull();
    expect(stored.totp_secret).toMatch(new RegExp(`^gx1\\.${key.id}\\.`));
    expect(stored.totp_secret).not.toContain(u.secret);
    expect(stored.totp_secret).not.toMatch(/^[A-Z2-7]{16,}=*$/); // no base32 anywhere in the column
    const rows = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM users WHERE totp_secret ~ '^[A-Z2-7]+=*$' OR totp_pending_secret ~ '^[A-Z2-7]+=*$'`,
    );
    expect(rows.rows[0].n).toBe(0);

    const password = { username: u.username, password: TEST_PASSWORD };
    expect((await loginOn(t.app, password)).json().code).toBe('TOTP_REQUIRED');
    expect((await loginOn(t.app, { ...password, totp: '000000' })).json().code).toBe('TOTP_INVALID');
    const right = await loginOn(t.app, { ...password, totp: await generate({ secret: u.secret }) });
    expect(right.statusCode).toBe(200);
  });

  it('refuses a tampered value: the login fails with SECRET_UNREADABLE, 2FA is never skipped', async () => {
    const u = await enrolled();
    const stored = (await secretsOf(u.id)).totp_secret!;
    const tampered = `${stored.slice(0, -4)}${stored.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    await t.database.db.execute(sql`UPDATE users SET totp_secret = ${tampered} WHERE id = ${u.id}::uuid`);
    const res = await loginOn(t.app, {
      username: u.username,
      password: TEST_PASSWORD,
      totp: await generate({ secret: u.secret }),
    });
    expect(res.statusCode).toBe(500);
    expect(res.json().code).toBe('SECRET_UNREADABLE');
    // with no code at all it is not let in either
    expect((await loginOn(t.app, { username: u.username, password: TEST_PASSWORD })).statusCode).not.toBe(
      200,
    );
    await t.database.db.execute(sql`UPDATE users SET totp_secret = ${stored} WHERE id = ${u.id}::uuid`);
  });

  it('seals secrets an earlier version kept in clear, once (running it again changes nothing)', async () => {
    const admin = await t.admin();
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId });
    const secret = generateSecret();
    const pending = generateSecret();
    await t.database.db.execute(
      sql`UPDATE users SET totp_secret = ${secret}, totp_pending_secret = ${pending}, totp_enabled = true
          WHERE id = ${u.id}::uuid`,
    );
    expect(await prepareSealedValues(t.database.db, key)).toBe(2);
    const sealed = await secretsOf(u.id);
    expect(key.open(sealed.totp_secret!)).toBe(secret);
    expect(key.open(sealed.totp_pending_secret!)).toBe(pending);
    expect(await prepareSealedValues(t.database.db, key)).toBe(0);
    expect(await secretsOf(u.id)).toEqual(sealed);
    const res = await loginOn(t.app, {
      username: u.username,
      password: TEST_PASSWORD,
      totp: await generate({ secret }),
    });
    expect(res.statusCode).toBe(200);
  });

  it('a start with another key stops with SECRET_KEY_MISMATCH and changes nothing', async () => {
    const before = await t.database.db.execute(sql`SELECT id, totp_secret FROM users ORDER BY id`);
    await expect(prepareSealedValues(t.database.db, ServerKey.generate('other'))).rejects.toMatchObject({
      code: 'SECRET_KEY_MISMATCH',
    });
    const after = await t.database.db.execute(sql`SELECT id, totp_secret FROM users ORDER BY id`);
    expect(after.rows).toEqual(before.rows);
  });

  it('rotation re-seals everything with the new key: TOTP keeps working, the old key opens nothing', async () => {
    const u = await enrolled();
    const next = ServerKey.generate('test rotation');
    const count = (
      await t.database.db.execute(
        sql`SELECT (count(totp_secret) + count(totp_pending_secret))::int AS n FROM users`,
      )
    ).rows[0].n;
    expect(await rotateServerKey(t.database.db, key, next)).toBe(count);

    const stored = (await secretsOf(u.id)).totp_secret!;
    expect(stored).toMatch(new RegExp(`^gx1\\.${next.id}\\.`));
    expect(codeOf(() => key.open(stored))).toBe('SECRET_KEY_MISMATCH');
    expect(next.open(stored)).toBe(u.secret);
    const left = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM users
          WHERE totp_secret NOT LIKE ${`gx1.${next.id}.%`} OR totp_pending_secret NOT LIKE ${`gx1.${next.id}.%`}`,
    );
    expect(left.rows[0].n).toBe(0);

    // a server started with the old key stops; one with the new key serves TOTP logins
    await expect(prepareSealedValues(t.database.db, key)).rejects.toMatchObject({
      code: 'SECRET_KEY_MISMATCH',
    });
    expect(await prepareSealedValues(t.database.db, next)).toBe(0);
    const rotated = await buildApp({
      db: t.database.db,
      config: testConfig({ webDist: '/nonexistent', serverKey: next }),
      listen: t.database.listen,
    });
    try {
      const totp = await generate({ secret: u.secret });
      const res = await loginOn(rotated, { username: u.username, password: TEST_PASSWORD, totp });
      expect(res.statusCode).toBe(200);
      const old = await loginOn(t.app, { username: u.username, password: TEST_PASSWORD, totp });
      expect(old.json().code).toBe('SECRET_KEY_MISMATCH');
    } finally {
      await rotated.close();
    }
    await expect(rotateServerKey(t.database.db, next, next)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
