import { defineJob } from '../../platform/jobs.ts';
import { sendReviewDigests } from './service.ts';

/** Every morning: each reviewer hears how many plans wait in their 未审核 queue (once a day). */
export const planJobs = [
  defineJob<Record<string, never>>(
    'marketing-plans.review-digest',
    async (_data, { db, log }) => {
      const sent = await sendReviewDigests(db);
      if (sent) log.info({ sent }, 'marketing-plan review digests sent');
    },
    { schedule: { cron: '0 8 * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
