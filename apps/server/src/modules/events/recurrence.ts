import type { EventRepeat } from '@guanxi/contract';
import { eventLimits } from '@guanxi/contract';
import * as rrule from 'rrule';
import { zoneOffsetMs } from '../../platform/dates.ts';
import { invalid } from '../../platform/errors.ts';

// rrule 2.8 is CommonJS for Node (its exports are the default export's properties) and ESM for
// Vite (named exports): take whichever this loader gave
const { RRule } = (rrule as unknown as { default?: typeof rrule }).default ?? rrule;

const DAY = 86_400_000;
const FREQ = { daily: RRule.DAILY, weekly: RRule.WEEKLY, monthly: RRule.MONTHLY } as const;
const FREQ_NAME: Record<number, EventRepeat['freq']> = {
  [RRule.DAILY]: 'daily',
  [RRule.WEEKLY]: 'weekly',
  [RRule.MONTHLY]: 'monthly',
};

/**
 * Repeats are expanded on wall-clock time in the tenant's time zone (a 09:00 meeting stays at
 * 09:00, a monthly one on the same day of the month), as rrule's "floating" UTC dates: `wall`
 * shifts an instant by the zone's offset, `instant` shifts back.
 */
const offsetMs = (at: Date, timeZone: string) => zoneOffsetMs(at.getTime(), timeZone);
const wall = (at: Date, timeZone: string) => new Date(at.getTime() + offsetMs(at, timeZone));
function instant(w: Date, timeZone: string): Date {
  const guess = new Date(w.getTime() - offsetMs(w, timeZone));
  return new Date(w.getTime() - offsetMs(guess, timeZone));
}

/** Midnight of a date `YYYY-MM-DD` in the time zone. */
export function startOfDate(date: string, timeZone: string): Date {
  return instant(new Date(`${date}T00:00:00Z`), timeZone);
}
/** The date `YYYY-MM-DD` of an instant in the time zone. */
export const dateOf = (at: Date, timeZone: string) => wall(at, timeZone).toISOString().slice(0, 10);

/** The stored rule of a repeat (no DTSTART: the event's start is it); checked against its start. */
export function toRRule(repeat: EventRepeat, startAt: Date, timeZone: string): string {
  if (repeat.until && repeat.count) throw invalid('repeat.count', 'give either until or count, not both');
  const options: ConstructorParameters<typeof RRule>[0] = {
    freq: FREQ[repeat.freq],
    interval: repeat.interval ?? 1,
  };
  if (repeat.until) {
    const first = dateOf(startAt, timeZone);
    if (repeat.until < first) throw invalid('repeat.until', 'must not be before the start');
    const limit = new Date(`${first}T00:00:00Z`);
    limit.setUTCFullYear(limit.getUTCFullYear() + eventLimits.untilYears);
    if (repeat.until > limit.toISOString().slice(0, 10))
      throw invalid('repeat.until', `at most ${eventLimits.untilYears} years after the start`);
    options.until = new Date(`${repeat.until}T23:59:59Z`); // the whole last day, on wall-clock time
  }
  if (repeat.count) options.count = repeat.count;
  return new RRule(options).toString().replace(/^RRULE:/, '');
}

/** The repeat of a stored rule, as the API shows it. */
export function toRepeat(rule: string): EventRepeat {
  const o = RRule.parseString(rule);
  return {
    freq: FREQ_NAME[o.freq ?? RRule.DAILY] ?? 'daily',
    interval: o.interval ?? 1,
    until: o.until ? o.until.toISOString().slice(0, 10) : null,
    count: o.count ?? null,
  };
}

function ruleFrom(rule: string, startAt: Date, timeZone: string) {
  return new RRule({ ...RRule.parseString(rule), dtstart: wall(startAt, timeZone) });
}

type Series = { startAt: Date; endAt: Date | null; allDay: boolean; rrule: string | null };

/** How long one occurrence lasts (an all-day event without an end: its day). */
export const durationMs = (e: Series) =>
  e.endAt ? e.endAt.getTime() - e.startAt.getTime() : e.allDay ? DAY : 0;

/**
 * The starts of the occurrences that overlap `[from, to)` (one that ends exactly at `from` does not;
 * an instant one at `from` does), in order.
 */
export function occurrencesIn(e: Series, timeZone: string, from: Date, to: Date): Date[] {
  const length = durationMs(e);
  const overlaps = (start: Date) =>
    start < to && (start.getTime() + length > from.getTime() || start.getTime() >= from.getTime());
  if (!e.rrule) return overlaps(e.startAt) ? [e.startAt] : [];
  // a margin of a day each side for the zone's offset, then exact on instants
  const rule = ruleFrom(e.rrule, e.startAt, timeZone);
  const lo = new Date(wall(from, timeZone).getTime() - length - DAY);
  const hi = new Date(wall(to, timeZone).getTime() + DAY);
  return rule
    .between(lo, hi, true)
    .map((w) => instant(w, timeZone))
    .filter(overlaps);
}

/** Whether `at` is the start of one of the event's occurrences. */
export function isOccurrence(e: Series, timeZone: string, at: Date): boolean {
  if (!e.rrule) return at.getTime() === e.startAt.getTime();
  return occurrencesIn({ ...e, endAt: null, allDay: false }, timeZone, at, new Date(at.getTime() + 1)).some(
    (s) => s.getTime() === at.getTime(),
  );
}

/** When the last occurrence ends; null for a repeat without end. */
export function lastEnd(e: Series, timeZone: string): Date | null {
  const length = durationMs(e);
  if (!e.rrule) return new Date(e.startAt.getTime() + length);
  const o = RRule.parseString(e.rrule);
  if (!o.until && !o.count) return null;
  const all = ruleFrom(e.rrule, e.startAt, timeZone).all();
  const last = all.length ? instant(all[all.length - 1], timeZone) : e.startAt;
  return new Date(last.getTime() + length);
}
