import { z } from 'zod';
import { id, listQuery, recordBase, timestamp } from './common.ts';

/** 工作汇报: 日报, 周报, 月报, 半年报, 年报. */
export const workReportPeriods = ['day', 'week', 'month', 'half-year', 'year'] as const;
export type WorkReportPeriod = (typeof workReportPeriods)[number];
export const workReportStatuses = ['draft', 'submitted'] as const;
export type WorkReportStatus = (typeof workReportStatuses)[number];

export const workReportLimits = { summary: 5000, plan: 5000, comment: 1000 } as const;

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const parse = (date: string) => new Date(`${date}T00:00:00Z`);

/**
 * Is `start` (`YYYY-MM-DD`) the first day of a period: any day, a Monday, the 1st of a month,
 * 1 January or 1 July, 1 January.
 */
export function isPeriodStart(period: WorkReportPeriod, start: string): boolean {
  const d = parse(start);
  if (Number.isNaN(d.getTime())) return false;
  const [month, day] = [d.getUTCMonth(), d.getUTCDate()];
  switch (period) {
    case 'day':
      return true;
    case 'week':
      return d.getUTCDay() === 1;
    case 'month':
      return day === 1;
    case 'half-year':
      return day === 1 && (month === 0 || month === 6);
    case 'year':
      return day === 1 && month === 0;
  }
}

/** The first day after the period that starts on `start` (exclusive end). */
export function periodEnd(period: WorkReportPeriod, start: string): string {
  const d = parse(start);
  const months = { day: 0, week: 0, month: 1, 'half-year': 6, year: 12 }[period];
  if (period === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (period === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + months);
  return ymd(d);
}

/** The start of the period that contains `date` (today's week: its Monday). */
export function periodStartOf(period: WorkReportPeriod, date: string): string {
  const d = parse(date);
  switch (period) {
    case 'day':
      break;
    case 'week':
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
      break;
    case 'month':
      d.setUTCDate(1);
      break;
    case 'half-year':
      d.setUTCMonth(d.getUTCMonth() < 6 ? 0 : 6, 1);
      break;
    case 'year':
      d.setUTCMonth(0, 1);
      break;
  }
  return ymd(d);
}

const date = z.iso.date();

/** A period and its first day; `start` on another day is 400 with the path `start`. */
const periodFields = z
  .object({ period: z.enum(workReportPeriods), start: date })
  .refine((v) => isPeriodStart(v.period, v.start), {
    message: 'must be the first day of the period (a week starts on Monday)',
    path: ['start'],
  });

/** `GET /work-reports/prefill?period&start`: the caller's figures of the period from the records. */
export const workReportPeriodQuery = periodFields;
export type WorkReportPeriodQuery = z.infer<typeof workReportPeriodQuery>;

/** The period's figures (新增客户, 跟进, 拜访, 签到); deals join once sales exists. */
export const workReportFigures = z.object({
  newCustomers: z.number().int(),
  followUps: z.number().int(),
  visits: z.number().int(),
  checkIns: z.number().int(),
});
export type WorkReportFigures = z.infer<typeof workReportFigures>;

const summary = z.string().trim().max(workReportLimits.summary);
const plan = z.string().trim().max(workReportLimits.plan);

/**
 * `POST /work-reports`: one report per author, period and start (a second is 409
 * WORK_REPORT_EXISTS). `submit: false` keeps a draft (只有作者可见, changed with PATCH); submitted
 * (the default) it is final, with the period's figures frozen at that moment. A submitted report
 * needs a summary.
 */
export const createWorkReport = z
  .object({
    period: z.enum(workReportPeriods),
    start: date,
    summary: summary.default(''),
    plan: plan.default(''),
    submit: z.boolean().default(true),
  })
  .refine((v) => isPeriodStart(v.period, v.start), {
    message: 'must be the first day of the period (a week starts on Monday)',
    path: ['start'],
  })
  .refine((v) => !v.submit || v.summary.length > 0, { message: 'required to submit', path: ['summary'] });
export type CreateWorkReport = z.input<typeof createWorkReport>;

/** `PATCH /work-reports/:id`: a draft's texts, and `submit: true` to submit it (409 once submitted). */
export const updateWorkReport = z.object({
  version: z.number().int(),
  summary: summary.optional(),
  plan: plan.optional(),
  submit: z.boolean().optional(),
});
export type UpdateWorkReport = z.input<typeof updateWorkReport>;

export const workReport = z.object({
  ...recordBase,
  period: z.enum(workReportPeriods),
  start: z.string(),
  /** The period's last day. */
  end: z.string(),
  userId: z.string(),
  userName: z.string(),
  departmentName: z.string().nullable(),
  status: z.enum(workReportStatuses),
  submittedAt: timestamp.nullable(),
  summary: z.string(),
  plan: z.string(),
  /** Frozen at submission; null for a draft (its figures are the live prefill). */
  figures: workReportFigures.nullable(),
  commentCount: z.number().int(),
  /** The caller wrote it. */
  mine: z.boolean(),
});
export type WorkReport = z.infer<typeof workReport>;

/** 点评. */
export const workReportComment = z.object({
  id: z.string(),
  content: z.string(),
  userId: z.string(),
  userName: z.string(),
  createdAt: timestamp,
});
export type WorkReportComment = z.infer<typeof workReportComment>;

/** `GET /work-reports/:id`: the report with its comments, oldest first. */
export const workReportDetail = workReport.extend({ comments: z.array(workReportComment) });
export type WorkReportDetail = z.infer<typeof workReportDetail>;

export const createWorkReportComment = z.object({
  content: z.string().trim().min(1).max(workReportLimits.comment),
});
export type CreateWorkReportComment = z.input<typeof createWorkReportComment>;

/**
 * `GET /work-reports`: reports in the caller's work-reports scope (by author) — submitted ones,
 * and the caller's own drafts. `view=mine` only mine, `view=team` the others'; newest period first.
 */
export const workReportListQuery = listQuery.extend({
  view: z.enum(['mine', 'team']).optional(),
  period: z.enum(workReportPeriods).optional(),
  userId: id.optional(),
  /** Periods starting on or after / on or before. */
  from: date.optional(),
  to: date.optional(),
});
export type WorkReportListQuery = z.input<typeof workReportListQuery>;

/** `GET /work-reports/missing?period&start`: people in the caller's scope without a submitted report (未汇报). */
export const missingWorkReport = z.object({
  userId: z.string(),
  name: z.string(),
  departmentName: z.string().nullable(),
});
export type MissingWorkReport = z.infer<typeof missingWorkReport>;
export const missingWorkReports = z.object({ data: z.array(missingWorkReport) });
