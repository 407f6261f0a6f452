import type { TicketPriority } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import type { BusinessCalendar } from './business-time.ts';
import { defaultCalendar, defaultTargets } from './defaults.ts';
import * as repo from './repository.ts';

/**
 * What tickets build on (服务时限): the tenant's business calendar, the SLA targets of a ticket and
 * the business-time arithmetic. Stands alone: it imports no other module.
 */
export {
  addBusinessMinutes,
  type BusinessCalendar,
  type BusinessWindow,
  businessMinutesBetween,
  businessWindows,
} from './business-time.ts';

export type SlaTargets = { responseMinutes: number; resolutionMinutes: number };

/** The tenant's calendar in its time zone (the defaults until the tenant has saved one). */
export async function businessCalendar(db: Db, tenantId: string): Promise<BusinessCalendar> {
  const r = await repo.calendarRow(db, tenantId);
  return {
    timeZone: r.timezone,
    workDays: r.work_days ?? [...defaultCalendar.workDays],
    start: r.start_time ?? defaultCalendar.start,
    end: r.end_time ?? defaultCalendar.end,
    holidays: r.holidays ?? [],
    makeupDays: r.makeup_days ?? [],
  };
}

/** A ticket's targets: its type's row when the tenant has one, else the priority's default. */
export async function slaTargets(
  db: Db,
  tenantId: string,
  priority: TicketPriority,
  typeId: string | null,
): Promise<SlaTargets> {
  const row = await repo.targetFor(db, tenantId, priority, typeId);
  // a priority without a row (a tenant seeded before this module) gets the built-in default
  return row
    ? { responseMinutes: Number(row.response_minutes), resolutionMinutes: Number(row.resolution_minutes) }
    : { ...defaultTargets[priority] };
}
