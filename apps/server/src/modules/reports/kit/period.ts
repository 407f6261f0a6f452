import type { ReportCompare, ReportRange } from '@guanxi/contract';
import { todayIn } from '../../../platform/dates.ts';
import { invalid } from '../../../platform/errors.ts';

/** A period of calendar days in the tenant's zone, both ends inclusive (`YYYY-MM-DD`). */
export type Period = { from: string; to: string };

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const text = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (s: string, n: number) => text(new Date(day(s).getTime() + n * 86_400_000));
/** The same day `n` months on, clamped to the month's end (31 Mar − 1 month = 28/29 Feb). */
function addMonths(s: string, n: number) {
  const d = day(s);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d.getUTCDate(), last));
  return text(first);
}
const monthStart = (s: string) => `${s.slice(0, 7)}-01`;
const quarterStart = (s: string) =>
  `${s.slice(0, 4)}-${String(Math.floor((Number(s.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;

/** The longest custom period: ten years (a report over more is "all"). */
const MAX_DAYS = 3660;

/**
 * The period a report covers: a named range as of today in the tenant's zone (weeks start on
 * Monday, as in China), or `custom` from/to; null for `all`. A bad custom period is 400 on its field.
 */
export function resolvePeriod(
  range: ReportRange,
  q: { from?: string; to?: string },
  timeZone: string,
  now = new Date(),
): Period | null {
  const today = todayIn(timeZone, now);
  switch (range) {
    case 'all':
      return null;
    case 'today':
      return { from: today, to: today };
    case 'thisWeek': {
      const monday = addDays(today, -((day(today).getUTCDay() + 6) % 7));
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'lastWeek': {
      // Monday to Sunday of the week before this one (a weekly 报表订阅 sent on Monday: 上周)
      const monday = addDays(today, -((day(today).getUTCDay() + 6) % 7) - 7);
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'thisMonth':
      return { from: monthStart(today), to: addDays(addMonths(monthStart(today), 1), -1) };
    case 'thisQuarter':
      return { from: quarterStart(today), to: addDays(addMonths(quarterStart(today), 3), -1) };
    case 'thisYear':
      return { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
    case 'last7Days':
      return { from: addDays(today, -6), to: today };
    case 'last30Days':
      return { from: addDays(today, -29), to: today };
    case 'last90Days':
      return { from: addDays(today, -89), to: today };
    case 'lastMonth': {
      const start = addMonths(monthStart(today), -1);
      return { from: start, to: addDays(monthStart(today), -1) };
    }
    case 'lastQuarter': {
      const start = addMonths(quarterStart(today), -3);
      return { from: start, to: addDays(quarterStart(today), -1) };
    }
    case 'lastYear': {
      const y = Number(today.slice(0, 4)) - 1;
      return { from: `${y}-01-01`, to: `${y}-12-31` };
    }
    case 'custom': {
      if (!q.from) throw invalid('from', 'a custom period needs from');
      if (!q.to) throw invalid('to', 'a custom period needs to');
      if (q.to < q.from) throw invalid('to', 'before from');
      if (daysBetween(q.from, q.to) > MAX_DAYS) throw invalid('to', 'a period of at most ten years');
      return { from: q.from, to: q.to };
    }
  }
}

const daysBetween = (a: string, b: string) => Math.round((day(b).getTime() - day(a).getTime()) / 86_400_000);

/**
 * The period compared with: `previous` — the same number of days just before (a calendar month
 * or quarter compares with the one before it, whole); `lastYear` — the same days a year before.
 */
export function comparePeriod(p: Period, compare: ReportCompare): Period {
  if (compare === 'lastYear') return { from: addMonths(p.from, -12), to: addMonths(p.to, -12) };
  const wholeMonths = p.from.endsWith('-01') && addDays(p.to, 1).endsWith('-01');
  if (wholeMonths) {
    const months =
      (Number(addDays(p.to, 1).slice(0, 4)) - Number(p.from.slice(0, 4))) * 12 +
      Number(addDays(p.to, 1).slice(5, 7)) -
      Number(p.from.slice(5, 7));
    return { from: addMonths(p.from, -months), to: addDays(p.from, -1) };
  }
  const length = daysBetween(p.from, p.to) + 1;
  return { from: addDays(p.from, -length), to: addDays(p.from, -1) };
}
