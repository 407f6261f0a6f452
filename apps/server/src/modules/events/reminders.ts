import type { Db } from '../../db/client.ts';
import { notify } from '../notifications/service.ts';
import { allTenants } from '../organization/tenants-service.ts';
import { dateOf, occurrencesIn } from './recurrence.ts';
import * as repo from './repository.ts';

/** An occurrence that began longer ago than this is not reminded any more (the server was down). */
const LATE_LIMIT_MS = 30 * 60_000;

const KIND_LABEL = { meeting: '会议', visit: '拜访', call: '联系', todo: '待办' } as const;

function wallClock(at: Date, timeZone: string, allDay: boolean) {
  const f = new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    month: '2-digit',
    day: '2-digit',
    ...(allDay ? {} : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const }),
  });
  return f.format(at);
}

/**
 * The reminder job (every minute): every occurrence whose reminder time (start − remind minutes)
 * has come, that has not begun more than 30 minutes ago and is not completed, is reminded once —
 * the first insert of (event, occurrence start) into `event_reminders` wins, on any replica — to
 * the owner and every participant. `now` is a parameter so tests move the clock.
 */
export async function runReminders(db: Db, now = new Date()): Promise<{ sent: number }> {
  let sent = 0;
  const startedAfter = new Date(now.getTime() - LATE_LIMIT_MS);
  for (const tenant of await allTenants(db)) {
    const candidates = await repo.reminderCandidates(db, tenant.id, now, startedAfter);
    if (!candidates.length) continue;
    const done = new Set(
      (
        await repo.completionsOf(
          db,
          candidates.filter((e) => e.rrule).map((e) => e.id),
        )
      ).map((c) => `${c.eventId}:${c.occurrenceStart.toISOString()}`),
    );
    for (const e of candidates) {
      const before = (e.remindMinutesBefore ?? 0) * 60_000;
      const due = occurrencesIn(
        { ...e, endAt: null, allDay: false },
        tenant.timezone,
        startedAfter,
        new Date(now.getTime() + before + 1),
      ).filter((s) => s.getTime() - before <= now.getTime() && !done.has(`${e.id}:${s.toISOString()}`));
      for (const start of due) {
        const delivered = await db.transaction(async (tx) => {
          if (!(await repo.claimReminder(tx, tenant.id, e.id, start))) return 0;
          const people = [e.ownerId, ...(await repo.participantIds(tx, e.id))];
          const when = wallClock(start, tenant.timezone, e.allDay);
          for (const userId of new Set(people)) {
            await notify(tx, {
              tenantId: tenant.id,
              userId,
              kind: 'event.reminder',
              data: {
                eventId: e.id,
                title: e.title,
                kind: e.kind,
                start: start.toISOString(),
                allDay: e.allDay,
              },
              title: `${KIND_LABEL[e.kind]}提醒：「${e.title}」${when} 开始`,
              link: `/schedule?date=${dateOf(start, tenant.timezone)}`,
              entity: 'events',
              entityId: e.id,
              dedupeKey: `event:${e.id}:${start.toISOString()}`,
            });
          }
          return 1;
        });
        sent += delivered;
      }
    }
  }
  return { sent };
}
