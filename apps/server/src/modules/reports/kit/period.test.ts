import { describe, expect, it } from 'vitest';
import { comparePeriod, resolvePeriod } from './period.ts';

// "today" is Saturday 2026-12-05 in Shanghai while it is still Friday in New York
const now = new Date('2026-12-05T02:00:00Z');
const sh = (range: Parameters<typeof resolvePeriod>[0], q = {}) =>
  resolvePeriod(range, q, 'Asia/Shanghai', now);

describe('report periods', () => {
  it('names periods as of the tenant’s today; weeks start on Monday', () => {
    expect(sh('today')).toEqual({ from: '2026-12-05', to: '2026-12-05' });
    expect(resolvePeriod('today', {}, 'America/New_York', now)).toEqual({
      from: '2026-12-04',
      to: '2026-12-04',
    });
    expect(sh('thisWeek')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(sh('lastWeek')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    // on a Monday, last week is the one that ended yesterday
    expect(resolvePeriod('lastWeek', {}, 'Asia/Shanghai', new Date('2026-11-30T01:00:00Z'))).toEqual({
      from: '2026-11-23',
      to: '2026-11-29',
    });
    expect(sh('thisMonth')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(sh('thisQuarter')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(sh('thisYear')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(sh('last7Days')).toEqual({ from: '2026-11-29', to: '2026-12-05' });
    expect(sh('lastMonth')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(sh('lastQuarter')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(sh('lastYear')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(sh('all')).toBeNull();
  });

  it('takes a custom period and refuses a bad one on its field', () => {
    expect(sh('custom', { from: '2026-02-01', to: '2026-02-10' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-10',
    });
    const fieldOf = (q: object) => {
      try {
        sh('custom', q);
      } catch (e) {
        return (e as { details?: { path: string }[] }).details?.[0]?.path;
      }
    };
    expect(fieldOf({ to: '2026-02-10' })).toBe('from');
    expect(fieldOf({ from: '2026-02-11', to: '2026-02-10' })).toBe('to');
    expect(fieldOf({ from: '2000-01-01', to: '2026-02-10' })).toBe('to');
  });

  it('compares whole months with whole months, days with as many days, years a year before', () => {
    expect(comparePeriod({ from: '2026-03-01', to: '2026-03-31' }, 'previous')).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(comparePeriod({ from: '2026-10-01', to: '2026-12-31' }, 'previous')).toEqual({
      from: '2026-07-01',
      to: '2026-09-30',
    });
    expect(comparePeriod({ from: '2026-11-29', to: '2026-12-05' }, 'previous')).toEqual({
      from: '2026-11-22',
      to: '2026-11-28',
    });
    expect(comparePeriod({ from: '2024-02-01', to: '2024-02-29' }, 'lastYear')).toEqual({
      from: '2023-02-01',
      to: '2023-02-28',
    });
  });
});
