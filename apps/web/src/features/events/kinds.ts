import type { EventKind, EventOccurrence } from '@guanxi/contract';
import dayjs, { type Dayjs } from 'dayjs';

/** Each kind's colour (antd preset colours for tags, the same hue for blocks). */
export const kindColors: Record<EventKind, { tag: string; fill: string; border: string }> = {
  meeting: { tag: 'blue', fill: '#e6f4ff', border: '#1677ff' },
  visit: { tag: 'green', fill: '#f6ffed', border: '#52c41a' },
  call: { tag: 'orange', fill: '#fff7e6', border: '#fa8c16' },
  todo: { tag: 'purple', fill: '#f9f0ff', border: '#722ed1' },
};

/** Monday of the week of `d` (the calendar's weeks start on Monday, as in China). */
export const weekStart = (d: Dayjs) => d.startOf('day').subtract((d.day() + 6) % 7, 'day');

const HALF_DAY = 12 * 3_600_000;

/**
 * The first and last day of an all-day occurrence. It runs from midnight to midnight in the
 * tenant's time zone; its days are read from noon after the start and noon before the end, so a
 * browser in another zone (±12 h) still shows the same dates.
 */
export function allDayDays(o: Pick<EventOccurrence, 'occurrenceStart' | 'occurrenceEnd'>) {
  const start = dayjs(o.occurrenceStart).valueOf();
  const end = o.occurrenceEnd ? dayjs(o.occurrenceEnd).valueOf() : start + 2 * HALF_DAY;
  const first = dayjs(start + HALF_DAY).startOf('day');
  const last = dayjs(Math.max(end - HALF_DAY, start + HALF_DAY)).startOf('day');
  return { first, last };
}

/** The occurrences that touch day `d` (an all-day or multi-day event on each of its days). */
export function onDay(list: EventOccurrence[], d: Dayjs) {
  const from = d.startOf('day');
  const to = from.add(1, 'day');
  return list.filter((o) => {
    if (o.allDay) {
      const { first, last } = allDayDays(o);
      return !from.isBefore(first) && !from.isAfter(last);
    }
    const start = dayjs(o.occurrenceStart);
    const end = o.occurrenceEnd ? dayjs(o.occurrenceEnd) : o.allDay ? start.add(1, 'day') : start;
    return start.isBefore(to) && (end.isAfter(from) || (!start.isBefore(from) && start.isBefore(to)));
  });
}

/** `09:30` or `09:30–10:30`. */
export function timeRange(o: EventOccurrence) {
  const start = dayjs(o.occurrenceStart).format('HH:mm');
  return o.occurrenceEnd ? `${start}–${dayjs(o.occurrenceEnd).format('HH:mm')}` : start;
}
