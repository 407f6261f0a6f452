import type { Locale } from '@guanxi/contract';
import { defineJob } from '../../platform/jobs.ts';
import { runImport } from './run.ts';
import { IMPORT_JOB } from './service.ts';

export const importJobs = [
  defineJob<{ importId: string; locale: Locale }>(IMPORT_JOB, async ({ importId, locale }, { db }) => {
    await runImport(db, importId, locale);
  }),
];
