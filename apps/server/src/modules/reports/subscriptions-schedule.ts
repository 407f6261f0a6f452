import type { ReportSubscriptionFrequency } from '@guanxi/contract';
import { zoneOffsetMs as offsetAt, todayIn } from '../../platform/dates.ts';

/** When a subscription is due: weekly on an ISO weekday (1 Monday … 7 Sunday) or monthly on a day 1–28, at an hour. */
export type Schedule = { frequency: ReportSubscriptionFrequency; day: number; hour: number };

const DAY_MS = 86_400_000;

/**
 * The instant the zone's clock reads `date` at `hour`:00. Twice, since the offset may differ
 * between the guess and the answer (a daylight-saving change); an hour a change skips comes out
 * beside it.
 */
export function zonedInstant(date: string, hour: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  let at = wall - offsetAt(wall, timeZone);
  at = wall - offsetAt(at, timeZone);
  return new Date(at);
}

const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * The first time strictly after `after` the schedule is due, in the tenant's zone. A run late by
 * days (the server was down) is followed by the next time from now: missed sends are not made up.
 */
export function nextRunAt(s: Schedule, timeZone: string, after: Date): Date {
  const today = todayIn(timeZone, after);
  // a month holds every day 1–28, so two months hold the next one whatever today is
  for (let i = 0; i <= 62; i++) {
    const date = addDays(today, i);
    const fits = s.frequency === 'weekly' ? isoWeekday(date) === s.day : Number(date.slice(8, 10)) === s.day;
    if (!fits) continue;
    const at = zonedInstant(date, s.hour, timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error(`no run within two months for ${JSON.stringify(s)}`);
}
