import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { writeAudit } from '../../platform/audit.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { listItems } from '../dictionaries/service.ts';
import * as repo from './repository.ts';

/** 国庆 2026 with its two make-up Saturdays/Sundays (调休), and New Year's Day 2027. */
const holidays = [
  '2026-10-01',
  '2026-10-02',
  '2026-10-03',
  '2026-10-04',
  '2026-10-05',
  '2026-10-06',
  '2026-10-07',
  '2027-01-01',
];
const makeupDays = ['2026-09-20', '2026-10-10'];

/**
 * The demo's service levels: the national holidays in the calendar, and complaints (投诉) answered
 * faster than other tickets of the same priority — before the demo tickets take their due instants.
 */
export async function seedDemoSla(db: Db, demo: DemoTenant) {
  await db.transaction(async (tx) => {
    const row = await repo.findSettings(tx, demo.tenantId, true);
    if (!row) return;
    await repo.updateSettings(tx, demo.tenantId, row.version, {
      workDays: row.workDays,
      startTime: row.startTime,
      endTime: row.endTime,
      holidays,
      makeupDays,
    });
    const complaint = (await listItems(tx, demo.tenantId, 'service-type', { includeInvalid: 'false' })).find(
      (i) => i.name === '投诉',
    );
    if (complaint) {
      await repo.insertTargets(tx, [
        {
          id: uuidv7(),
          tenantId: demo.tenantId,
          priority: 'high',
          typeId: complaint.id,
          responseMinutes: 30,
          resolutionMinutes: 240,
        },
        {
          id: uuidv7(),
          tenantId: demo.tenantId,
          priority: 'normal',
          typeId: complaint.id,
          responseMinutes: 60,
          resolutionMinutes: 480,
        },
      ]);
    }
    await writeAudit(
      tx,
      { tenantId: demo.tenantId, userId: null, userName: null },
      {
        action: 'update',
        entity: 'sla_settings',
        entityId: row.id,
        summary: '服务时限（演示数据）',
        changes: { holidays: [row.holidays, holidays], makeupDays: [row.makeupDays, makeupDays] },
      },
    );
  });
}
