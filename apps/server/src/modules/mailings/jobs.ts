import { defineJob } from '../../platform/jobs.ts';
import { dispatchMailings } from './dispatch-service.ts';
import { MAILING_JOB } from './service.ts';

/**
 * A mailing sent now is one job (its first minute's worth goes at once); every minute the
 * dispatcher starts scheduled mailings whose time has come and continues throttled ones.
 */
export const mailingJobs = [
  defineJob<{ mailingId: string }>(MAILING_JOB, async (_data, { db, log, serverKey }) => {
    await dispatchMailings(db, serverKey, log);
  }),
  defineJob<Record<string, never>>(
    'mailings.dispatch',
    async (_data, { db, log, serverKey }) => {
      await dispatchMailings(db, serverKey, log);
    },
    { schedule: { cron: '* * * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
