import dayjs from 'dayjs';

/** Today in the tenant's time zone (its days are the server's days), as YYYY-MM-DD. */
export function tenantToday(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('sv', { timeZone }).format(new Date());
  } catch {
    return dayjs().format('YYYY-MM-DD'); // a zone this browser does not know
  }
}
