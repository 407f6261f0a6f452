import {
  type SlaCalendarInput,
  type SlaPreview,
  type SlaPreviewRequest,
  type SlaSettings,
  type SlaTargetInput,
  ticketPriorities,
  type UpdateSlaSettings,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { diff, writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { conflict, invalid } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { assertChoosable } from '../dictionaries/service.ts';
import { addBusinessMinutes, type BusinessCalendar } from './business-time.ts';
import { defaultCalendar, defaultTargets } from './defaults.ts';
import { businessCalendar } from './published.ts';
import * as repo from './repository.ts';

const ENTITY = 'sla_settings';
const sorted = (dates: readonly string[]) => [...dates].sort();

export async function getSlaSettings(db: Db, tenantId: string): Promise<SlaSettings> {
  const [settings, calendar, targets] = await Promise.all([
    repo.findSettings(db, tenantId),
    businessCalendar(db, tenantId),
    repo.targetsWithTypes(db, tenantId),
  ]);
  return {
    targets: targets.length
      ? targets.map((t) => ({
          priority: t.priority,
          typeId: t.type_id,
          typeName: t.type_name,
          typeNameEn: t.type_name_en,
          responseMinutes: Number(t.response_minutes),
          resolutionMinutes: Number(t.resolution_minutes),
        }))
      : [...ticketPriorities].reverse().map((priority) => ({
          priority,
          typeId: null,
          typeName: null,
          typeNameEn: null,
          ...defaultTargets[priority],
        })),
    calendar: { ...calendar, makeupDays: calendar.makeupDays ?? [] },
    version: settings?.version ?? 0,
    updatedAt: (settings?.updatedAt ?? new Date(0)).toISOString(),
  };
}

/** Every priority has its default row; each (priority, type) once; types from `service-type`. */
async function checkTargets(
  tx: Db,
  tenantId: string,
  targets: readonly SlaTargetInput[],
  before: Set<string>,
) {
  const seen = new Set<string>();
  for (const [i, t] of targets.entries()) {
    const key = `${t.priority}:${t.typeId ?? ''}`;
    if (seen.has(key)) throw invalid(`targets.${i}.typeId`, 'named twice for this priority');
    seen.add(key);
    // a type invalidated since keeps the target it had
    await assertChoosable(
      tx,
      tenantId,
      `targets.${i}.typeId`,
      'service-type',
      t.typeId,
      before.has(key) ? t.typeId : null,
    );
  }
  const missing = ticketPriorities.filter((p) => !seen.has(`${p}:`));
  if (missing.length) throw invalid('targets', `no default target for ${missing.join(', ')}`);
}

const targetText = (t: {
  priority: string;
  typeId?: string | null;
  responseMinutes: number;
  resolutionMinutes: number;
}) => `${t.priority}${t.typeId ? `/${t.typeId}` : ''}: ${t.responseMinutes}/${t.resolutionMinutes}`;

const calendarColumns = (c: SlaCalendarInput) => ({
  workDays: [...new Set(c.workDays)].sort(),
  startTime: c.start,
  endTime: c.end,
  holidays: sorted(c.holidays),
  makeupDays: sorted(c.makeupDays ?? []),
});

/**
 * Saves the targets (replacing the set) and / or the calendar, with the version read (409 when
 * someone saved first); one audit row with what changed, in the same transaction.
 */
export async function updateSlaSettings(db: Db, c: Caller, input: UpdateSlaSettings): Promise<SlaSettings> {
  const tenantId = c.actor.tenantId;
  await db.transaction(async (tx) => {
    let row = await repo.findSettings(tx, tenantId, true);
    if (!row) {
      // a tenant without its row (seeded before this module): the first save creates it at version 0
      if (input.version !== 0) throw conflict();
      [row] = await repo.insertSettings(tx, {
        id: uuidv7(),
        tenantId,
        createdBy: c.actor.userId,
        version: 0,
        ...calendarColumns({ ...defaultCalendar, workDays: [...defaultCalendar.workDays], holidays: [] }),
      });
      if (!row) throw conflict();
    }
    if (row.version !== input.version) throw conflict();
    const oldTargets = await repo.listTargets(tx, tenantId);
    const changes: Record<string, [unknown, unknown]> = {};
    if (input.targets) {
      await checkTargets(
        tx,
        tenantId,
        input.targets,
        new Set(oldTargets.map((t) => `${t.priority}:${t.typeId ?? ''}`)),
      );
      const before = oldTargets.map(targetText).sort();
      const after = input.targets.map(targetText).sort();
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        changes.targets = [before, after];
        await repo.deleteTargets(tx, tenantId);
        await repo.insertTargets(
          tx,
          input.targets.map((t) => ({
            id: uuidv7(),
            tenantId,
            createdBy: c.actor.userId,
            priority: t.priority,
            typeId: t.typeId ?? null,
            responseMinutes: t.responseMinutes,
            resolutionMinutes: t.resolutionMinutes,
          })),
        );
      }
    }
    const current = {
      workDays: row.workDays,
      startTime: row.startTime,
      endTime: row.endTime,
      holidays: row.holidays,
      makeupDays: row.makeupDays,
    };
    const next = input.calendar ? calendarColumns(input.calendar) : current;
    const longest = Math.max(...(input.targets ?? oldTargets).map((t) => t.resolutionMinutes), 0);
    assertEnoughTime(
      {
        timeZone: c.timeZone,
        workDays: next.workDays,
        start: next.startTime,
        end: next.endTime,
        holidays: next.holidays,
        makeupDays: next.makeupDays,
      },
      longest,
    );
    Object.assign(changes, diff(current, next));
    const [updated] = await repo.updateSettings(tx, tenantId, row.version, next);
    if (!updated) throw conflict();
    await writeAudit(tx, c.actor, {
      action: 'update',
      entity: ENTITY,
      entityId: row.id,
      summary: '服务时限',
      changes,
    });
  });
  return getSlaSettings(db, tenantId);
}

/**
 * A calendar so thin (one short window a week, years of holidays) that the longest target would
 * not end within a century is refused on its field, never a 500 when a ticket is created.
 */
function assertEnoughTime(cal: BusinessCalendar, minutes: number) {
  try {
    addBusinessMinutes(cal, new Date(), minutes);
  } catch (e) {
    if (e instanceof RangeError) throw invalid('calendar', 'too little business time for the targets');
    throw e;
  }
}

/** Due instants of tickets created at `from` (default now) under a calendar not saved yet. */
export function previewSla(c: Caller, input: SlaPreviewRequest, now = new Date()): SlaPreview {
  const from = input.from ? new Date(input.from) : now;
  const cal: BusinessCalendar = {
    timeZone: c.timeZone,
    workDays: input.calendar.workDays,
    start: input.calendar.start,
    end: input.calendar.end,
    holidays: input.calendar.holidays,
    makeupDays: input.calendar.makeupDays ?? [],
  };
  assertEnoughTime(cal, Math.max(...input.targets.map((t) => t.resolutionMinutes)));
  return {
    from: from.toISOString(),
    due: input.targets.map((t) => ({
      responseDueAt: addBusinessMinutes(cal, from, t.responseMinutes).toISOString(),
      resolutionDueAt: addBusinessMinutes(cal, from, t.resolutionMinutes).toISOString(),
    })),
  };
}

/** A tenant's calendar and default targets, once (a tenant with its row is left as its admins made it). */
export async function seedSlaSettings(tx: Db, tenantId: string) {
  await repo.insertSettings(tx, {
    id: uuidv7(),
    tenantId,
    ...calendarColumns({ ...defaultCalendar, workDays: [...defaultCalendar.workDays], holidays: [] }),
  });
  if ((await repo.listTargets(tx, tenantId)).length) return;
  await repo.insertTargets(
    tx,
    ticketPriorities.map((priority) => ({
      id: uuidv7(),
      tenantId,
      priority,
      typeId: null,
      ...defaultTargets[priority],
    })),
  );
}
