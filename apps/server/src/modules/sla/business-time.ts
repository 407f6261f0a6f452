/**
 * Business time (工作时间): SLA clocks count only the minutes inside the tenant's business
 * windows — each work day's `start`–`end` on the wall clock of the calendar's IANA time zone,
 * holidays off, make-up days (调休上班) on. Pure functions, no database.
 *
 * A business minute is a minute of real time inside a window, so on a day a zone changes its clock
 * a window is as long as it really is (a 00:00–24:00 window on a spring-forward day has 23 hours);
 * adding and measuring use the same windows, so measuring what was added gives it back.
 */

import { zoneOffsetMs } from '../../platform/dates.ts';

export type BusinessCalendar = {
  timeZone: string;
  /** ISO week days, 1 = Monday … 7 = Sunday. */
  workDays: number[];
  /** `HH:MM`; `end` after `start`, `24:00` for the end of the day. */
  start: string;
  end: string;
  /** `YYYY-MM-DD` days off, even on a work day. */
  holidays: string[];
  /** `YYYY-MM-DD` days worked even when their week day is not a work day (调休上班). */
  makeupDays?: string[];
};

/** One business window: [start, end) as epoch milliseconds. */
export type BusinessWindow = readonly [start: number, end: number];

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Days looked at before giving up on a calendar that has (almost) no business time left. */
const MAX_DAYS = 366 * 100;

/** The zone's offset (wall clock − UTC, ms) at an instant. */
const offsetAt = (timeZone: string, t: number) => zoneOffsetMs(t, timeZone);

/** The wall clock of the zone at an instant, as if it were UTC (epoch ms, whole seconds). */
const wallClockOf = (timeZone: string, t: number) => Math.floor(t / 1000) * 1000 + offsetAt(timeZone, t);

/** The local day of an instant, as days since 1970-01-01. */
const dayOf = (timeZone: string, t: number) => Math.floor(wallClockOf(timeZone, t) / DAY);

/** The instant a wall-clock time (ms after the day's local midnight) of a local day happens. */
function instantOf(timeZone: string, day: number, msOfDay: number): number {
  const wall = day * DAY + msOfDay;
  const first = wall - offsetAt(timeZone, wall);
  // near a change of offset the first guess used the other side's offset
  const second = wall - offsetAt(timeZone, first);
  return second;
}

const dateText = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
/** ISO week day (1 = Monday) of a day number. */
const weekDay = (day: number) => ((new Date(day * DAY).getUTCDay() + 6) % 7) + 1;
const msOfClock = (hhmm: string) => (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * MINUTE;

type Compiled = {
  timeZone: string;
  workDays: Set<number>;
  holidays: Set<number>;
  makeupDays: Set<number>;
  start: number;
  end: number;
};
const compiled = new WeakMap<BusinessCalendar, Compiled>();
function compile(cal: BusinessCalendar): Compiled {
  let c = compiled.get(cal);
  if (!c) {
    const start = msOfClock(cal.start);
    const end = msOfClock(cal.end);
    if (!(end > start)) throw new RangeError(`business hours ${cal.start}–${cal.end} are empty`);
    c = {
      timeZone: cal.timeZone,
      workDays: new Set(cal.workDays),
      holidays: new Set(cal.holidays.map(dayNumber)),
      makeupDays: new Set((cal.makeupDays ?? []).map(dayNumber)),
      start,
      end,
    };
    compiled.set(cal, c);
  }
  return c;
}

const isWorkDay = (c: Compiled, day: number) =>
  c.makeupDays.has(day) || (c.workDays.has(weekDay(day)) && !c.holidays.has(day));

const windowOf = (c: Compiled, day: number): BusinessWindow => [
  instantOf(c.timeZone, day, c.start),
  instantOf(c.timeZone, day, c.end),
];

/** Whether a local date (`YYYY-MM-DD`) is a business day of the calendar. */
export function isBusinessDay(cal: BusinessCalendar, date: string): boolean {
  return isWorkDay(compile(cal), dayNumber(date));
}

/**
 * The instant `minutes` business minutes after `from` (from inside or outside business hours).
 * Outside business hours the clock starts at the next window's start; a due instant that uses a
 * window up to its end is that end (18:00 that day, not 09:00 of the next work day). 0 or less
 * gives `from`.
 */
export function addBusinessMinutes(cal: BusinessCalendar, from: Date, minutes: number): Date {
  const f = from.getTime();
  if (!(minutes > 0)) return new Date(f);
  const c = compile(cal);
  let remaining = minutes * MINUTE;
  // a window never crosses its day's end, so none before from's local day can still be open
  const first = dayOf(c.timeZone, f);
  for (let day = first; day < first + MAX_DAYS; day++) {
    if (!isWorkDay(c, day)) continue;
    const [ws, we] = windowOf(c, day);
    const s = Math.max(ws, f);
    if (s >= we) continue;
    if (remaining <= we - s) return new Date(s + remaining);
    remaining -= we - s;
  }
  throw new RangeError('the business calendar has no business time left');
}

/** Business milliseconds in [from, to). */
function businessMs(c: Compiled, a: number, b: number): number {
  if (b <= a) return 0;
  let total = 0;
  const last = dayOf(c.timeZone, b);
  for (let day = dayOf(c.timeZone, a); day <= last; day++) {
    if (!isWorkDay(c, day)) continue;
    const [ws, we] = windowOf(c, day);
    const overlap = Math.min(we, b) - Math.max(ws, a);
    if (overlap > 0) total += overlap;
  }
  return total;
}

/** Business minutes between two instants (0 when to <= from), whole minutes rounded down. */
export function businessMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  return Math.floor(businessMs(compile(cal), from.getTime(), to.getTime()) / MINUTE);
}

/**
 * The business windows overlapping [from, to), in order — for set-based SQL that measures many
 * tickets at once (the SLA sweep joins them as a table).
 */
export function businessWindows(cal: BusinessCalendar, from: Date, to: Date): BusinessWindow[] {
  const c = compile(cal);
  const a = from.getTime();
  const b = to.getTime();
  const out: BusinessWindow[] = [];
  if (b <= a) return out;
  const last = dayOf(c.timeZone, b);
  for (let day = dayOf(c.timeZone, a); day <= last; day++) {
    if (!isWorkDay(c, day)) continue;
    const w = windowOf(c, day);
    if (w[1] > a && w[0] < b) out.push(w);
  }
  return out;
}

/** The local date (`YYYY-MM-DD`) of an instant in the calendar's zone. */
export const localDateOf = (cal: Pick<BusinessCalendar, 'timeZone'>, at: Date) =>
  dateText(dayOf(cal.timeZone, at.getTime()));
