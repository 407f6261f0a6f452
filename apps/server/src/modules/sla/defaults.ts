import type { TicketPriority } from '@guanxi/contract';

/** The calendar a tenant starts with: Monday to Friday, 09:00–18:00, no holidays yet. */
export const defaultCalendar = { workDays: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' } as const;

/** Business minutes per priority a tenant starts with (response / resolution). */
export const defaultTargets: Record<TicketPriority, { responseMinutes: number; resolutionMinutes: number }> =
  {
    urgent: { responseMinutes: 30, resolutionMinutes: 4 * 60 },
    high: { responseMinutes: 60, resolutionMinutes: 8 * 60 },
    normal: { responseMinutes: 4 * 60, resolutionMinutes: 24 * 60 },
    low: { responseMinutes: 8 * 60, resolutionMinutes: 40 * 60 },
  };
