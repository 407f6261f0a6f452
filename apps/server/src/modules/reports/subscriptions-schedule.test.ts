import { describe, expect, it } from 'vitest';
import { nextRunAt, zonedInstant } from './subscriptions-schedule.ts';

// When a report subscription is next due: weekly / monthly at an hour of the tenant's zone.

const SH = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('next run of a report subscription', () => {
  it('weekly: the next such weekday at the hour, in the tenant zone', () => {
    // Sunday 2026-12-06 12:00 in Shanghai → Monday 2026-12-07 08:00 (00:00 UTC)
    expect(
      nextRunAt({ frequency: 'weekly', day: 1, hour: 8 }, SH, at('2026-12-06T04:00:00Z')).toISOString(),
    ).toBe('2026-12-07T00:00:00.000Z');
    // the same day, later: today at the hour
    expect(
      nextRunAt({ frequency: 'weekly', day: 7, hour: 20 }, SH, at('2026-12-06T04:00:00Z')).toISOString(),
    ).toBe('2026-12-06T12:00:00.000Z');
    // exactly at the hour: the week after, not now again
    expect(
      nextRunAt({ frequency: 'weekly', day: 1, hour: 8 }, SH, at('2026-12-07T00:00:00Z')).toISOString(),
    ).toBe('2026-12-14T00:00:00.000Z');
    // Monday 01:00 in Shanghai is still Sunday in UTC: the zone's day counts
    expect(
      nextRunAt({ frequency: 'weekly', day: 1, hour: 1 }, SH, at('2026-12-06T10:00:00Z')).toISOString(),
    ).toBe('2026-12-06T17:00:00.000Z');
  });

  it('monthly: the day of this month if still ahead, else next month’s', () => {
    expect(
      nextRunAt({ frequency: 'monthly', day: 28, hour: 23 }, SH, at('2026-02-10T00:00:00Z')).toISOString(),
    ).toBe('2026-02-28T15:00:00.000Z');
    expect(
      nextRunAt({ frequency: 'monthly', day: 1, hour: 0 }, SH, at('2026-12-06T04:00:00Z')).toISOString(),
    ).toBe('2026-12-31T16:00:00.000Z');
    // across the year's end
    expect(
      nextRunAt({ frequency: 'monthly', day: 5, hour: 9 }, SH, at('2026-12-06T04:00:00Z')).toISOString(),
    ).toBe('2027-01-05T01:00:00.000Z');
  });

  it('a run days late is followed by the schedule’s next time from now (no backlog)', () => {
    const late = at('2026-12-20T03:00:00Z'); // two weeks after a missed Monday
    expect(nextRunAt({ frequency: 'weekly', day: 1, hour: 8 }, SH, late).toISOString()).toBe(
      '2026-12-21T00:00:00.000Z',
    );
  });

  it('follows daylight saving in zones that have it', () => {
    const ny = 'America/New_York';
    expect(zonedInstant('2026-03-02', 9, ny).toISOString()).toBe('2026-03-02T14:00:00.000Z'); // EST
    expect(zonedInstant('2026-03-09', 9, ny).toISOString()).toBe('2026-03-09T13:00:00.000Z'); // EDT
    expect(
      nextRunAt({ frequency: 'weekly', day: 1, hour: 9 }, ny, at('2026-03-03T00:00:00Z')).toISOString(),
    ).toBe('2026-03-09T13:00:00.000Z');
  });
});
