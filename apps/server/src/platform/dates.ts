/** Calendar days as the API speaks them (`YYYY-MM-DD`), "today" being the tenant's. */

/** `YYYY-MM-DD` today in the time zone. */
export const todayIn = (timeZone: string, now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );

/** A `date` column's value as `YYYY-MM-DD` (drivers give a string or a Date at UTC midnight). */
export const dateText = (v: unknown): string =>
  v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** An instant as ISO 8601 (null stays null). */
export const isoOf = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());
