import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns, propertySeed } from '../../test/authz-property.ts';
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
  businessWindows,
  isBusinessDay,
  localDateOf,
} from './business-time.ts';

/** Mon–Fri 09:00–18:00 in Shanghai (UTC+8, no DST); 2026-06-05 is a Friday. */
const sh: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  workDays: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '18:00',
  holidays: [],
};
const at = (local: string, offset = '+08:00') => new Date(`${local}${offset}`);
const iso = (d: Date) => d.toISOString();
const add = (cal: BusinessCalendar, from: string, minutes: number) =>
  iso(addBusinessMinutes(cal, at(from), minutes));
const between = (cal: BusinessCalendar, from: string, to: string) =>
  businessMinutesBetween(cal, at(from), at(to));

describe('addBusinessMinutes', () => {
  it('counts inside the window of the day', () => {
    expect(add(sh, '2026-06-01T10:00', 60)).toBe(iso(at('2026-06-01T11:00')));
  });
  it('starts the clock at the window when created before it', () => {
    expect(add(sh, '2026-06-01T07:12', 30)).toBe(iso(at('2026-06-01T09:30')));
  });
  it('starts the clock the next work day when created after the window', () => {
    expect(add(sh, '2026-06-01T19:00', 30)).toBe(iso(at('2026-06-02T09:30')));
  });
  it('skips the weekend: Friday 17:00 + 2 h is Monday 10:00', () => {
    expect(add(sh, '2026-06-05T17:00', 120)).toBe(iso(at('2026-06-08T10:00')));
  });
  it('created on a Saturday counts from Monday morning', () => {
    expect(add(sh, '2026-06-06T11:00', 30)).toBe(iso(at('2026-06-08T09:30')));
  });
  it('a target that uses the rest of the day is due at its end, not the next morning', () => {
    expect(add(sh, '2026-06-01T17:00', 60)).toBe(iso(at('2026-06-01T18:00')));
    expect(add(sh, '2026-06-01T18:00', 1)).toBe(iso(at('2026-06-02T09:01')));
  });
  it('spans several days: 24 business hours from Monday 09:00 end Wednesday 15:00', () => {
    expect(add(sh, '2026-06-01T09:00', 24 * 60)).toBe(iso(at('2026-06-03T15:00')));
  });
  it('skips a holiday and the weekend after it', () => {
    const cal = { ...sh, holidays: ['2026-06-05'] };
    expect(add(cal, '2026-06-04T17:30', 60)).toBe(iso(at('2026-06-08T09:30')));
  });
  it('works a make-up Saturday (调休上班)', () => {
    const cal = { ...sh, makeupDays: ['2026-06-06'] };
    expect(add(cal, '2026-06-05T17:30', 60)).toBe(iso(at('2026-06-06T09:30')));
  });
  it('0 minutes (or fewer) leave the instant as it is, even outside business hours', () => {
    expect(add(sh, '2026-06-06T11:00', 0)).toBe(iso(at('2026-06-06T11:00')));
    expect(add(sh, '2026-06-06T11:00', -5)).toBe(iso(at('2026-06-06T11:00')));
  });
  it('keeps seconds of the start inside a window', () => {
    expect(add(sh, '2026-06-01T10:00:30', 1)).toBe(iso(at('2026-06-01T10:01:30')));
  });
  it('a round-the-clock calendar is plain time', () => {
    const cal = { ...sh, workDays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' };
    expect(add(cal, '2026-06-05T23:30', 90)).toBe(iso(at('2026-06-06T01:00')));
  });
  it('counts the wall clock of the zone: New York 09:00–17:00', () => {
    const ny = { ...sh, timeZone: 'America/New_York', end: '17:00' };
    // Friday 16:00 EDT + 2 h → Monday 10:00 EDT
    expect(iso(addBusinessMinutes(ny, at('2026-06-05T16:00', '-04:00'), 120))).toBe(
      iso(at('2026-06-08T10:00', '-04:00')),
    );
    // across the change to summer time (Sunday 2026-03-08): Friday EST, Monday EDT
    expect(iso(addBusinessMinutes(ny, at('2026-03-06T16:00', '-05:00'), 120))).toBe(
      iso(at('2026-03-09T10:00', '-04:00')),
    );
  });
  it('refuses a calendar with empty hours', () => {
    expect(() => addBusinessMinutes({ ...sh, start: '18:00', end: '09:00' }, new Date(), 5)).toThrow(
      RangeError,
    );
  });
});

describe('businessMinutesBetween', () => {
  it('is 0 when to is not after from', () => {
    expect(between(sh, '2026-06-01T10:00', '2026-06-01T10:00')).toBe(0);
    expect(between(sh, '2026-06-01T11:00', '2026-06-01T10:00')).toBe(0);
  });
  it('counts only the window of a day', () => {
    expect(between(sh, '2026-06-01T00:00', '2026-06-02T00:00')).toBe(540);
    expect(between(sh, '2026-06-01T17:30', '2026-06-01T23:00')).toBe(30);
  });
  it('never counts the weekend', () => {
    expect(between(sh, '2026-06-06T00:00', '2026-06-08T00:00')).toBe(0);
    expect(between(sh, '2026-06-05T17:00', '2026-06-08T10:00')).toBe(120);
  });
  it('never counts a holiday, counts a make-up day', () => {
    const cal = { ...sh, holidays: ['2026-06-05'], makeupDays: ['2026-06-06'] };
    expect(between(cal, '2026-06-05T00:00', '2026-06-06T00:00')).toBe(0);
    expect(between(cal, '2026-06-04T17:00', '2026-06-06T10:00')).toBe(120);
  });
  it('rounds partial minutes down', () => {
    expect(between(sh, '2026-06-01T10:00:00', '2026-06-01T10:01:59')).toBe(1);
  });
  it('a round-the-clock day on the change to summer time has 23 hours (real time)', () => {
    const ny: BusinessCalendar = {
      timeZone: 'America/New_York',
      workDays: [1, 2, 3, 4, 5, 6, 7],
      start: '00:00',
      end: '24:00',
      holidays: [],
    };
    expect(
      businessMinutesBetween(ny, at('2026-03-08T00:00', '-05:00'), at('2026-03-09T00:00', '-04:00')),
    ).toBe(23 * 60);
  });
});

describe('calendar helpers', () => {
  it('business days: work days, holidays, make-up days', () => {
    const cal = { ...sh, holidays: ['2026-06-05'], makeupDays: ['2026-06-06'] };
    expect(
      ['2026-06-04', '2026-06-05', '2026-06-06', '2026-06-07'].map((d) => isBusinessDay(cal, d)),
    ).toEqual([true, false, true, false]);
  });
  it('windows over a range are the business days', () => {
    const w = businessWindows(sh, at('2026-06-05T12:00'), at('2026-06-08T10:00'));
    expect(w.map(([s, e]) => [iso(new Date(s)), iso(new Date(e))])).toEqual([
      [iso(at('2026-06-05T09:00')), iso(at('2026-06-05T18:00'))],
      [iso(at('2026-06-08T09:00')), iso(at('2026-06-08T18:00'))],
    ]);
  });
  it('local date in the zone', () => {
    expect(localDateOf(sh, new Date('2026-06-05T17:00:00Z'))).toBe('2026-06-06');
  });
});

// ---- properties ----

const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
const T0 = Date.parse('2026-01-01T00:00:00Z');
const T1 = Date.parse('2027-12-31T00:00:00Z');
const hhmm = (m: number) =>
  m === 1440 ? '24:00' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const dateIn = fc
  .integer({ min: T0 / 86_400_000, max: T1 / 86_400_000 })
  .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

/** Any calendar; `daytime` keeps the hours clear of the night when zones change their clocks. */
const calendarArb = (daytime: boolean) =>
  fc
    .record({
      timeZone: fc.constantFrom(...zones),
      workDays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      startMinute: daytime ? fc.integer({ min: 6 * 60, max: 12 * 60 }) : fc.integer({ min: 0, max: 1439 }),
      length: fc.integer({ min: 1, max: 1440 }),
      holidays: fc.uniqueArray(dateIn, { maxLength: 60 }),
      makeupDays: fc.uniqueArray(dateIn, { maxLength: 10 }),
    })
    .map(
      (r): BusinessCalendar => ({
        timeZone: r.timeZone,
        workDays: r.workDays,
        start: hhmm(r.startMinute),
        end: hhmm(Math.min(1440, r.startMinute + r.length)),
        holidays: r.holidays,
        makeupDays: r.makeupDays.filter((d) => !r.holidays.includes(d)),
      }),
    );
/** Instants on whole minutes, as every window edge is (zones' offsets are whole minutes). */
const instant = fc.integer({ min: T0 / 60_000, max: T1 / 60_000 }).map((m) => new Date(m * 60_000));
const windowMinutes = (cal: BusinessCalendar) =>
  [cal.end, cal.start].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3))).reduce((e, s) => e - s);
const opts = { numRuns: Math.min(propertyRuns(), 200), seed: propertySeed() };

describe('business time properties (fast-check)', () => {
  it('measuring what was added gives back the minutes, and the due instant never goes backwards', () => {
    fc.assert(
      fc.property(calendarArb(false), instant, fc.integer({ min: 0, max: 20_000 }), (cal, from, minutes) => {
        // a century holds the minutes (≥ 5,000 weeks of the window even after 60 holidays)
        fc.pre(minutes <= cal.workDays.length * windowMinutes(cal) * 5000);
        const due = addBusinessMinutes(cal, from, minutes);
        expect(businessMinutesBetween(cal, from, due)).toBe(minutes);
        expect(due.getTime()).toBeGreaterThanOrEqual(from.getTime());
        expect(addBusinessMinutes(cal, from, minutes + 1).getTime()).toBeGreaterThan(due.getTime());
      }),
      opts,
    );
  });

  it('measuring is additive over a split', () => {
    fc.assert(
      fc.property(calendarArb(false), instant, instant, instant, (cal, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime());
        expect(businessMinutesBetween(cal, a, b) + businessMinutesBetween(cal, b, c)).toBe(
          businessMinutesBetween(cal, a, c),
        );
      }),
      opts,
    );
  });

  /** The plain model: a minute counts when its local date is a business day and its local time is in the window. */
  const local = (timeZone: string) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
  function modelMinutes(cal: BusinessCalendar, from: Date, to: Date) {
    const f = local(cal.timeZone);
    const [s, e] = [cal.start, cal.end].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
    let n = 0;
    for (let t = from.getTime(); t < to.getTime(); t += 60_000) {
      const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
      const date = `${p.year}-${p.month}-${p.day}`;
      const minute = Number(p.hour) * 60 + Number(p.minute);
      const weekDay = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
      const workDay =
        (cal.makeupDays ?? []).includes(date) ||
        (cal.workDays.includes(weekDay) && !cal.holidays.includes(date));
      if (workDay && minute >= s && minute < e) n++;
    }
    return n;
  }

  it('counts exactly the minutes a plain minute-by-minute model counts: weekends and holidays never count', () => {
    fc.assert(
      fc.property(
        calendarArb(true).chain((cal) =>
          fc.record({
            cal: fc.constant(cal),
            from: instant,
            // up to three days, often with one of the calendar's holidays in it
            length: fc.integer({ min: 0, max: 3 * 1440 }),
            onHoliday: cal.holidays.length ? fc.constantFrom(...cal.holidays) : fc.constant(null),
            useHoliday: fc.boolean(),
          }),
        ),
        ({ cal, from, length, onHoliday, useHoliday }) => {
          const start = useHoliday && onHoliday ? new Date(`${onHoliday}T00:00:00Z`) : from;
          const to = new Date(start.getTime() + length * 60_000);
          expect(businessMinutesBetween(cal, start, to)).toBe(modelMinutes(cal, start, to));
        },
      ),
      { ...opts, numRuns: Math.min(opts.numRuns, 60) },
    );
  });
});
