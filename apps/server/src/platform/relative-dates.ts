import type { RelativeDate } from '@guanxi/contract';
import { type SQL, sql } from 'drizzle-orm';

/**
 * `column` within a named period (this week, last month …) of the tenant's calendar: bounds
 * are computed by the database in the tenant's time zone from `now` (passed in, so tests can
 * move the clock).
 */
export function inRelativePeriod(column: SQL, period: RelativeDate, timeZone: string, now = new Date()): SQL {
  const local = sql`(${now.toISOString()}::timestamptz AT TIME ZONE ${timeZone})`;
  const trunc = (unit: string) => sql`date_trunc(${unit}, ${local})`;
  const day = trunc('day');
  const bounds: Record<RelativeDate, [SQL, SQL]> = {
    today: [day, sql`${day} + interval '1 day'`],
    yesterday: [sql`${day} - interval '1 day'`, day],
    'this-week': [trunc('week'), sql`${trunc('week')} + interval '7 days'`],
    'last-week': [sql`${trunc('week')} - interval '7 days'`, trunc('week')],
    'this-month': [trunc('month'), sql`${trunc('month')} + interval '1 month'`],
    'last-month': [sql`${trunc('month')} - interval '1 month'`, trunc('month')],
    'this-quarter': [trunc('quarter'), sql`${trunc('quarter')} + interval '3 months'`],
    'this-year': [trunc('year'), sql`${trunc('year')} + interval '1 year'`],
    'last-7-days': [sql`${day} - interval '6 days'`, sql`${day} + interval '1 day'`],
    'last-30-days': [sql`${day} - interval '29 days'`, sql`${day} + interval '1 day'`],
  };
  const [from, to] = bounds[period];
  return sql`(${column} >= ((${from}) AT TIME ZONE ${timeZone}) AND ${column} < ((${to}) AT TIME ZONE ${timeZone}))`;
}

/** `column` on or after the start of a local date (`YYYY-MM-DD`) / before the end of one. */
export const onOrAfterDate = (column: SQL, date: string, timeZone: string) =>
  sql`${column} >= (${date}::date::timestamp AT TIME ZONE ${timeZone})`;
export const onOrBeforeDate = (column: SQL, date: string, timeZone: string) =>
  sql`${column} < ((${date}::date + 1)::timestamp AT TIME ZONE ${timeZone})`;
