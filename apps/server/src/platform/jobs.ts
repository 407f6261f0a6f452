import type { FastifyBaseLogger } from 'fastify';
import PgBoss from 'pg-boss';
import type { Config } from '../config.ts';
import type { Database, Db } from '../db/client.ts';
import type { ServerKey } from './secrets.ts';

type JobOptions = {
  /** Makes the job recurring (pg-boss runs it once across replicas). */
  schedule?: { cron: string; timeZone: string };
  /** How many of these jobs one process runs at a time (default 1); the rest wait in the queue. */
  workers?: number;
};

/**
 * What a job's handler works with: the database, a logger, the server key (sealed credentials),
 * the settings; `readDb` is the read replica for exports and reports (the primary when there is
 * none; see platform/read-db.ts).
 */
export type JobContext = { db: Db; readDb: Db; log: FastifyBaseLogger; serverKey: ServerKey; config: Config };

/** A kind of job a module offers. */
export type JobDefinition = JobOptions & {
  name: string;
  handler: (data: never, ctx: JobContext) => Promise<void>;
};

/** Typed helper for a module's job definition. */
export const defineJob = <T>(
  name: string,
  handler: (data: T, ctx: JobContext) => Promise<void>,
  options: JobOptions = {},
): JobDefinition => ({ name, handler: handler as JobDefinition['handler'], ...options });

/**
 * pg-boss on PGlite: its single connection takes parameterised statements through `query`
 * and migration scripts (several statements) through `exec`; a failed script is rolled back.
 */
function pgliteAdapter(pglite: NonNullable<Database['pglite']>) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values?.length) return pglite.query(text, values as never[]);
      try {
        const results = await pglite.exec(text);
        return results[results.length - 1] ?? { rows: [] };
      } catch (err) {
        await pglite.exec('ROLLBACK').catch(() => {});
        throw err;
      }
    },
  };
}

/**
 * The queue: modules send work to it; `start` runs the defined handlers in the background.
 * Created before the app (routes need it to send), started once the app's logger exists.
 */
export class Jobs {
  private readonly boss: PgBoss;

  constructor(
    private readonly database: Database,
    private readonly config: Config,
    private readonly readDb: Db = database.db,
  ) {
    this.boss =
      database.kind === 'pglite'
        ? new PgBoss({ db: pgliteAdapter(database.pglite!), schema: 'pgboss' })
        : new PgBoss({ ...poolOptions(database), schema: 'pgboss' });
  }

  async start(log: FastifyBaseLogger, definitions: JobDefinition[], opts: { work?: boolean } = {}) {
    this.boss.on('error', (err) => log.error({ err }, 'job queue error'));
    await this.boss.start();
    for (const d of definitions) {
      await this.boss.createQueue(d.name);
      // each worker takes one job at a time: `workers` of them is that kind's concurrency here
      for (let w = 0; opts.work !== false && w < (d.workers ?? 1); w++) {
        await this.boss.work(d.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
          log.info({ job: d.name, id: job.id }, 'job started');
          await d.handler(job.data as never, {
            db: this.database.db,
            readDb: this.readDb,
            log,
            serverKey: this.config.serverKey,
            config: this.config,
          });
          log.info({ job: d.name, id: job.id }, 'job finished');
        });
      }
      if (d.schedule) await this.boss.schedule(d.name, d.schedule.cron, {}, { tz: d.schedule.timeZone });
    }
    return this;
  }

  /** Enqueues a job; returns its id. */
  async send(name: string, data: object): Promise<string> {
    const id = await this.boss.send(name, data, { retryLimit: 0 });
    if (!id) throw new Error(`job ${name} was not queued`);
    return id;
  }

  /** Waits up to 7 s for running jobs (the process has 10 s to stop), then fails what still runs. */
  async stop() {
    await this.boss.stop({ graceful: true, wait: true, timeout: 7_000 });
  }
}

/** pg-boss keeps its own small pool on PostgreSQL, from the same connection settings. */
function poolOptions(database: Database) {
  const options = (database.pool as unknown as { options: { connectionString?: string } }).options;
  return { connectionString: options.connectionString, max: 3 };
}
