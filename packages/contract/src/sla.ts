import { z } from 'zod';
import { calendarDate, id, timestamp } from './common.ts';

/** A ticket's priority (服务工单 优先级): each has an SLA target of its own. */
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];
export const ticketPriority = z.enum(ticketPriorities);

export const slaLimits = {
  /** Business minutes of one target (about 185 working days of 9 hours). */
  minutes: 100_000,
  /** Holidays (and make-up work days) kept in the calendar: several years of them. */
  dates: 1000,
  /** Target rows: a default per priority plus type-specific ones. */
  targets: 200,
  /** Instants the preview computes at once. */
  preview: 20,
} as const;

/** `HH:MM` on a 24-hour clock; `24:00` (midnight at the end of the day) only as an end. */
export const timeOfDay = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:MM');

const unique = <T>(values: readonly T[]) => new Set(values).size === values.length;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The business calendar (工作日历) SLA clocks count in, in the tenant's time zone: ISO week days
 * (1 = Monday … 7 = Sunday) with one daily window `start`–`end`; `holidays` are days off even on a
 * work day, `makeupDays` (调休上班) are work days even on a weekend.
 */
export const slaCalendarInput = z
  .object({
    workDays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    start: timeOfDay,
    end: timeOfDay,
    holidays: z.array(calendarDate).max(slaLimits.dates),
    makeupDays: z.array(calendarDate).max(slaLimits.dates).default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (!unique(c.workDays))
      ctx.addIssue({ code: 'custom', path: ['workDays'], message: 'a day named twice' });
    if (c.start === '24:00') ctx.addIssue({ code: 'custom', path: ['start'], message: 'HH:MM before 24:00' });
    if (minutesOf(c.end) <= minutesOf(c.start))
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'after the start' });
    if (!unique(c.holidays))
      ctx.addIssue({ code: 'custom', path: ['holidays'], message: 'a date named twice' });
    if (!unique(c.makeupDays))
      ctx.addIssue({ code: 'custom', path: ['makeupDays'], message: 'a date named twice' });
    const off = new Set(c.holidays);
    const both = c.makeupDays.findIndex((d) => off.has(d));
    if (both >= 0) ctx.addIssue({ code: 'custom', path: ['makeupDays', both], message: 'also a holiday' });
  });
export type SlaCalendarInput = z.input<typeof slaCalendarInput>;

export const slaCalendar = z.object({
  /** The tenant's IANA time zone (set in the tenant's settings): the calendar's days and hours are its. */
  timeZone: z.string(),
  workDays: z.array(z.number().int()),
  start: z.string(),
  end: z.string(),
  holidays: z.array(z.string()),
  makeupDays: z.array(z.string()),
});
export type SlaCalendar = z.infer<typeof slaCalendar>;

const slaMinutes = z.number().int().min(1).max(slaLimits.minutes);

/** One target: business minutes to the first response and to the resolution. */
export const slaTargetInput = z
  .object({
    priority: ticketPriority,
    /** A `service-type` dictionary item: this row wins over the priority's default for tickets of that type. */
    typeId: id.nullish(),
    responseMinutes: slaMinutes,
    resolutionMinutes: slaMinutes,
  })
  .strict()
  .refine((t) => t.resolutionMinutes >= t.responseMinutes, {
    path: ['resolutionMinutes'],
    message: 'not less than the response time',
  });
export type SlaTargetInput = z.infer<typeof slaTargetInput>;

export const slaTarget = z.object({
  priority: ticketPriority,
  typeId: z.string().nullable(),
  /** The type's name (zh-CN / en-US) for the editor; null for the priority's default. */
  typeName: z.string().nullable(),
  typeNameEn: z.string().nullable(),
  responseMinutes: z.number().int(),
  resolutionMinutes: z.number().int(),
});
export type SlaTarget = z.infer<typeof slaTarget>;

/** GET /settings/sla: the targets (defaults first, by priority) and the calendar; one version for both. */
export const slaSettings = z.object({
  targets: z.array(slaTarget),
  calendar: slaCalendar,
  version: z.number().int(),
  updatedAt: timestamp,
});
export type SlaSettings = z.infer<typeof slaSettings>;

/**
 * PATCH /settings/sla: `targets` (when given) replace the whole set — every priority needs its
 * default row (no typeId), each (priority, type) once; `calendar` (when given) replaces the
 * calendar. `version` as read: a stale one is 409 CONFLICT.
 */
export const updateSlaSettings = z
  .object({
    targets: z.array(slaTargetInput).min(ticketPriorities.length).max(slaLimits.targets).optional(),
    calendar: slaCalendarInput.optional(),
    version: z.number().int().min(0),
  })
  .strict();
export type UpdateSlaSettings = z.infer<typeof updateSlaSettings>;

/**
 * POST /settings/sla/preview: the due instants of tickets created at `from` (default now) under a
 * calendar being edited — what the settings page shows before it is saved.
 */
export const slaPreviewRequest = z
  .object({
    calendar: slaCalendarInput,
    targets: z
      .array(z.object({ responseMinutes: slaMinutes, resolutionMinutes: slaMinutes }).strict())
      .min(1)
      .max(slaLimits.preview),
    from: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type SlaPreviewRequest = z.input<typeof slaPreviewRequest>;

export const slaPreview = z.object({
  from: timestamp,
  due: z.array(z.object({ responseDueAt: timestamp, resolutionDueAt: timestamp })),
});
export type SlaPreview = z.infer<typeof slaPreview>;
