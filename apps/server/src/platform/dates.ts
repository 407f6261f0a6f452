/** Calendar days as the API speaks them (`YYYY-MM-DD`), "today" being the tenant's. */

/** `YYYY-MM-DD`: the calendar day of an instant in the time zone. */
export const dayIn = (timeZone: string, at: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );

/** `YYYY-MM-DD` today in the time zone. */
export const todayIn = (timeZone: string, now = new Date()) => dayIn(timeZone, now);

/** A `date` column's value as `YYYY-MM-DD` (drivers give a string or a Date at UTC midnight). */
export const dateText = (v: unknown): string =>
  v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The calendar day `days` after `day` (`YYYY-MM-DD`; negative: before). */
export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** An instant as ISO 8601 (null stays null). */
export const isoOf = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** How far a time zone's wall clock is ahead of UTC at an instant, in ms (whole seconds). */
export function zoneOffsetMs(at: number, timeZone: string): number {
  let f = wallClocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClocks.set(timeZone, f);
  }
  const n = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(n.year, n.month - 1, n.day, n.hour, n.minute, n.second);
  return wall - Math.floor(at / 1000) * 1000;
}
