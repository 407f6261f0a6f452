import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { cloneTemplate } from '../test/test-app.ts';
import { defineJob, Jobs } from './jobs.ts';

let database: Database;
let jobs: Jobs;
const seen: string[] = [];

beforeAll(async () => {
  database = await cloneTemplate();
  const echo = defineJob<{ word: string }>('test.echo', async (data, { db }) => {
    // the handler gets the real database: prove it by asking it something
    const result = await db.execute(sql`SELECT upper(${data.word}) AS w`);
    seen.push((result.rows[0] as { w: string }).w);
  });
  jobs = await new Jobs(database, testConfig()).start(pino({ level: 'silent' }), [echo]);
});
afterAll(async () => {
  await jobs.stop();
  await database.close();
});

describe('job queue (pg-boss on the same database)', () => {
  it('runs a sent job in the background with the database at hand', async () => {
    const id = await jobs.send('test.echo', { word: 'guanxi' });
    expect(id).toBeTruthy();
    for (let i = 0; i < 100 && !seen.length; i++) await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual(['GUANXI']);
  });
});
