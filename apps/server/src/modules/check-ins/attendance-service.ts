import type { AttendanceResponse, AttendanceStatus } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import type { Caller } from '../../platform/caller.ts';
import { dayIn } from '../../platform/dates.ts';
import { notFound } from '../../platform/errors.ts';
import { getCheckInSettings } from '../organization/tenants-service.ts';
import * as repo from './repository.ts';

/** 考勤: a day's attendance from the 上班签到 / 下班签退 check-ins against the tenant's work hours. */

function statusOf(
  r: repo.AttendanceSql,
  work: { start: string; end: string },
  dayOver: boolean,
): AttendanceStatus {
  if (!r.first_in_local) return 'missing';
  const late = r.first_in_local > work.start;
  const early = r.last_out_local ? r.last_out_local < work.end : dayOver;
  if (late && early) return 'late-and-early';
  if (late) return 'late';
  if (early) return 'early';
  return 'normal';
}

/**
 * `GET /attendance?date=`: each active user in the caller's attendance scope with the day's first
 * 上班签到 and last 下班签退 (device capture times; `late_sync` marks those sent long after) against
 * the tenant's work hours, to the minute.
 */
export async function attendance(
  db: Db,
  c: Caller,
  date: string | undefined,
  userId?: string,
  now = new Date(),
): Promise<AttendanceResponse> {
  const today = dayIn(c.timeZone, now);
  const day = date ?? today;
  const settings = await getCheckInSettings(db, c.p.tenantId);
  const rows = await repo.attendanceDay(db, c.p, day, c.timeZone, userId);
  const work = { start: settings.workStart, end: settings.workEnd };
  const dayOver = day < today;
  return {
    date: day,
    workStart: work.start,
    workEnd: work.end,
    data: rows.map((r) => ({
      id: r.user_id,
      userId: r.user_id,
      name: r.name,
      departmentName: r.department_name,
      checkInAt: r.first_in ? new Date(r.first_in).toISOString() : null,
      checkOutAt: r.last_out ? new Date(r.last_out).toISOString() : null,
      status: statusOf(r, work, dayOver),
    })),
  };
}

/** One person's day (`GET /attendance/:userId`): 404 outside the caller's attendance scope. */
export async function attendanceOf(db: Db, c: Caller, userId: string, date: string | undefined) {
  const day = await attendance(db, c, date, userId);
  const [row] = day.data;
  if (!row) throw notFound();
  return { ...day, data: [row] };
}
