import { type SlaSettings, slaLimits, type TicketPriority } from '@guanxi/contract';
import dayjs, { type Dayjs } from 'dayjs';

// The SLA settings form's values and how they map to and from the settings.

export type TargetRow = {
  priority: TicketPriority;
  /** The priority's default row (no type): always there, never removed. */
  fixed: boolean;
  typeId: string | null;
  responseMinutes: number | null;
  resolutionMinutes: number | null;
};
export type Values = {
  targets: TargetRow[];
  workDays: number[];
  hours: [Dayjs, Dayjs] | null;
  allDay: boolean;
  holidays: Dayjs[];
  makeupDays: Dayjs[];
};

export const PRIORITY_COLOR: Record<TicketPriority, string> = {
  urgent: 'red',
  high: 'orange',
  normal: 'blue',
  low: 'default',
};
export const DATE = 'YYYY-MM-DD';
export const CLOCK = 'HH:mm';
export const weekDays = [1, 2, 3, 4, 5, 6, 7] as const;

export function initialValues(s: SlaSettings): Values {
  const allDay = s.calendar.start === '00:00' && s.calendar.end === '24:00';
  return {
    targets: s.targets.map((x) => ({
      priority: x.priority,
      fixed: x.typeId === null,
      typeId: x.typeId,
      responseMinutes: x.responseMinutes,
      resolutionMinutes: x.resolutionMinutes,
    })),
    workDays: s.calendar.workDays,
    // 24:00 is no time of a picker: a day to midnight shows as round the clock or up to 23:59
    hours: allDay
      ? null
      : [dayjs(s.calendar.start, CLOCK), dayjs(s.calendar.end === '24:00' ? '23:59' : s.calendar.end, CLOCK)],
    allDay,
    holidays: s.calendar.holidays.map((d) => dayjs(d, DATE)),
    makeupDays: s.calendar.makeupDays.map((d) => dayjs(d, DATE)),
  };
}

/** The calendar as the API takes it; null while the form has no business hours. */
export function calendarOf(v: Partial<Values>) {
  const hours = v.allDay
    ? (['00:00', '24:00'] as const)
    : v.hours
      ? v.hours.map((h) => h.format(CLOCK))
      : null;
  if (!hours || !v.workDays?.length) return null;
  return {
    workDays: v.workDays,
    start: hours[0],
    end: hours[1],
    holidays: (v.holidays ?? []).map((d) => d.format(DATE)),
    makeupDays: (v.makeupDays ?? []).map((d) => d.format(DATE)),
  };
}

/** An instant on the wall clock of the tenant's zone (the calendar's), as `YYYY-MM-DD HH:mm`. */
export function formatIn(timeZone: string, iso: string) {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** A target of at least a minute and at most the limit. */
export const validMinutes = (m: number | null | undefined): m is number =>
  typeof m === 'number' && m >= 1 && m <= slaLimits.minutes;
