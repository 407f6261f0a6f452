import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleJobs } from '../../app.ts';
import type { Agent } from '../../test/agent.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { addBusinessMinutes, businessCalendar } from '../sla/published.ts';
import { sweepTenantSla, ticketSlaJobs } from './sla-sweep.ts';

/**
 * The SLA sweep with a controlled clock: the tenant works Mon–Fri 09:00–18:00 in Shanghai with
 * Monday 2026-06-08 a holiday; a normal ticket must be answered within 60 business minutes and
 * resolved within 600. Tickets are opened through the API, then their clocks set in SQL to a
 * chosen creation instant, as the tickets service would have set them then.
 */

let t: TestContext;
let admin: Agent;
let typeId: string;
let customerId: string;
const people = { handler: '', supervisor: '', dispatcher: '', farDispatcher: '' };
let deskDepartment = '';

const at = (local: string) => new Date(`${local}+08:00`);

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const root = t.tenant.rootDepartmentId;
  const branch = await makeDepartment(admin, root);
  const desk = await makeDepartment(admin, branch.id);
  const sibling = await makeDepartment(admin, root);
  deskDepartment = desk.id;
  const agentRole = await makeRole(admin, ['tickets:view', 'tickets:edit'], { tickets: 'own' });
  const dispatchRole = await makeRole(admin, ['tickets:view', 'tickets:assign'], {
    tickets: 'department_and_children',
  });
  const supervisor = await makeUser(
    admin,
    { departmentId: desk.id, roleIds: [agentRole.id] },
    { activate: false },
  );
  const handler = await makeUser(
    admin,
    { departmentId: desk.id, roleIds: [agentRole.id], supervisorId: supervisor.id },
    { activate: false },
  );
  // above the desk: hears of the desk's queue; beside it: does not
  const dispatcher = await makeUser(
    admin,
    { departmentId: branch.id, roleIds: [dispatchRole.id] },
    { activate: false },
  );
  const far = await makeUser(
    admin,
    { departmentId: sibling.id, roleIds: [dispatchRole.id] },
    { activate: false },
  );
  Object.assign(people, {
    handler: handler.id,
    supervisor: supervisor.id,
    dispatcher: dispatcher.id,
    farDispatcher: far.id,
  });

  const settings = (await admin.get('/api/v1/settings/sla')).json();
  const saved = await admin.patch('/api/v1/settings/sla', {
    version: settings.version,
    calendar: { workDays: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', holidays: ['2026-06-08'] },
    targets: [
      { priority: 'urgent', responseMinutes: 30, resolutionMinutes: 240 },
      { priority: 'high', responseMinutes: 60, resolutionMinutes: 480 },
      { priority: 'normal', responseMinutes: 60, resolutionMinutes: 600 },
      { priority: 'low', responseMinutes: 480, resolutionMinutes: 2400 },
    ],
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const types = await admin.get('/api/v1/dictionaries/service-type/items');
  typeId = (types.json() as { data: { id: string }[] }).data[0].id;
  customerId = (await makeCustomer(admin)).id;
});
afterAll(() => t.close());

type Clocks = {
  status?: string;
  handlerId?: string | null;
  respondedAt?: Date | null;
  resolvedAt?: Date | null;
  pausedAt?: Date | null;
};

/** A normal ticket as if opened at `created` (local Shanghai time), its due instants from the tenant's calendar. */
async function ticketOpenedAt(created: string, clocks: Clocks = {}) {
  const res = await admin.post('/api/v1/tickets', {
    typeId,
    title: `SLA ${created}`,
    customerId,
    request: '设备故障',
    priority: 'normal',
  });
  expect(res.statusCode, res.body).toBe(201);
  const { id } = res.json() as { id: string };
  const cal = await businessCalendar(t.database.db, t.tenant.id);
  const from = at(created);
  const handlerId = clocks.handlerId === undefined ? people.handler : clocks.handlerId;
  await t.database.db.execute(sql`UPDATE tickets SET created_at = ${from},
      response_due_at = ${addBusinessMinutes(cal, from, 60)},
      resolution_due_at = ${addBusinessMinutes(cal, from, 600)},
      status = ${clocks.status ?? (handlerId ? 'assigned' : 'new')}, handler_id = ${handlerId},
      department_id = ${deskDepartment}, responded_at = ${clocks.respondedAt ?? null},
      resolved_at = ${clocks.resolvedAt ?? null}, paused_at = ${clocks.pausedAt ?? null}
    WHERE id = ${id}`);
  return id;
}

async function state(id: string) {
  const r = await t.database.db.execute(sql`SELECT response_warned_at, resolution_warned_at,
      response_breached, resolution_breached FROM tickets WHERE id = ${id}`);
  const row = r.rows[0] as Record<string, unknown>;
  const when = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return {
    responseWarnedAt: when(row.response_warned_at),
    resolutionWarnedAt: when(row.resolution_warned_at),
    responseBreached: row.response_breached,
    resolutionBreached: row.resolution_breached,
  };
}

/** The notices about a ticket: `kind clock → user`, sorted. */
async function notices(id: string) {
  const r =
    await t.database.db.execute(sql`SELECT user_id, kind, data->>'clock' AS clock, data->>'role' AS role
    FROM notifications WHERE entity_id = ${id} ORDER BY kind, clock, role`);
  const name = Object.fromEntries(Object.entries(people).map(([k, v]) => [v, k]));
  return (r.rows as { user_id: string; kind: string; clock: string }[]).map(
    (n) => `${n.kind} ${n.clock} → ${name[n.user_id] ?? n.user_id}`,
  );
}

const sweep = (local: string) => sweepTenantSla(t.database.db, t.tenant.id, at(local));

describe('the SLA sweep', () => {
  it('is the tickets job every 5 minutes', () => {
    expect(ticketSlaJobs.map((j) => [j.name, j.schedule?.cron])).toEqual([
      ['tickets.sla-sweep', '*/5 * * * *'],
    ]);
    // the tickets manifest registers it
    expect(moduleJobs.map((j) => j.name)).toContain('tickets.sla-sweep');
  });

  it('warns at 80% and flags the breach once each, counting business hours over a weekend and a holiday', async () => {
    // Friday 17:00: respond by Friday 18:00; resolve by Tuesday 18:00 (the weekend and Monday's holiday do not count)
    const id = await ticketOpenedAt('2026-06-05T17:00');
    const row = await t.database.db.execute(
      sql`SELECT response_due_at, resolution_due_at FROM tickets WHERE id = ${id}`,
    );
    const due = row.rows[0] as { response_due_at: string; resolution_due_at: string };
    expect(new Date(due.response_due_at).toISOString()).toBe(at('2026-06-05T18:00').toISOString());
    expect(new Date(due.resolution_due_at).toISOString()).toBe(at('2026-06-09T18:00').toISOString());

    // 47 of 60 minutes gone: not yet 80%
    await sweep('2026-06-05T17:47');
    expect(await state(id)).toMatchObject({ responseWarnedAt: null, responseBreached: false });
    // 48 of 60: warned, the handler and their supervisor
    await sweep('2026-06-05T17:48');
    expect((await state(id)).responseWarnedAt).toBe(at('2026-06-05T17:48').toISOString());
    expect(await notices(id)).toEqual([
      'ticket.sla-warning response → handler',
      'ticket.sla-warning response → supervisor',
    ]);
    // warned once
    await sweep('2026-06-05T17:55');
    expect((await state(id)).responseWarnedAt).toBe(at('2026-06-05T17:48').toISOString());
    // due at 18:00: breached
    await sweep('2026-06-05T18:00');
    expect(await state(id)).toMatchObject({ responseBreached: true, resolutionWarnedAt: null });
    expect(await notices(id)).toEqual([
      'ticket.sla-breach response → handler',
      'ticket.sla-breach response → supervisor',
      'ticket.sla-warning response → handler',
      'ticket.sla-warning response → supervisor',
    ]);

    // Saturday, and Monday the holiday: no business time passes, 9 hours of 10 are left
    await sweep('2026-06-06T12:00');
    await sweep('2026-06-08T17:00');
    expect((await state(id)).resolutionWarnedAt).toBeNull();
    // Tuesday 15:59: 121 minutes left of 600, not yet; 16:00: 120 left = 80% used
    await sweep('2026-06-09T15:59');
    expect((await state(id)).resolutionWarnedAt).toBeNull();
    await sweep('2026-06-09T16:00');
    expect((await state(id)).resolutionWarnedAt).toBe(at('2026-06-09T16:00').toISOString());
    await sweep('2026-06-09T17:59');
    expect((await state(id)).resolutionBreached).toBe(false);
    await sweep('2026-06-09T18:00');
    expect(await state(id)).toMatchObject({ resolutionBreached: true, responseBreached: true });
    const all = await notices(id);
    expect(all.filter((n) => n.includes('resolution'))).toEqual([
      'ticket.sla-breach resolution → handler',
      'ticket.sla-breach resolution → supervisor',
      'ticket.sla-warning resolution → handler',
      'ticket.sla-warning resolution → supervisor',
    ]);
    // once breached, later sweeps tell nobody again
    await sweep('2026-06-10T10:00');
    expect(await notices(id)).toEqual(all);
  });

  it('stops the response clock at the response and the resolution clock at the resolution', async () => {
    const answered = await ticketOpenedAt('2026-07-01T10:00', {
      status: 'in-progress',
      respondedAt: at('2026-07-01T10:20'),
    });
    const resolved = await ticketOpenedAt('2026-07-01T10:00', {
      status: 'resolved',
      respondedAt: at('2026-07-01T10:20'),
      resolvedAt: at('2026-07-01T15:00'),
    });
    await sweep('2026-07-01T10:50');
    await sweep('2026-07-03T12:00');
    expect(await state(answered)).toMatchObject({ responseWarnedAt: null, responseBreached: false });
    expect(await state(answered)).toMatchObject({ resolutionBreached: true });
    expect(await state(resolved)).toEqual({
      responseWarnedAt: null,
      resolutionWarnedAt: null,
      responseBreached: false,
      resolutionBreached: false,
    });
    expect(await notices(resolved)).toEqual([]);
  });

  it('a ticket waiting for the customer is paused: no warning, no breach', async () => {
    const waiting = await ticketOpenedAt('2026-07-06T10:00', {
      status: 'waiting',
      respondedAt: at('2026-07-06T10:10'),
      pausedAt: at('2026-07-06T10:30'),
    });
    await sweep('2026-07-08T17:00');
    expect(await state(waiting)).toEqual({
      responseWarnedAt: null,
      resolutionWarnedAt: null,
      responseBreached: false,
      resolutionBreached: false,
    });
    expect(await notices(waiting)).toEqual([]);
  });

  it('a response given late between two sweeps is flagged breached without a notice', async () => {
    const late = await ticketOpenedAt('2026-07-13T10:00', {
      status: 'in-progress',
      respondedAt: at('2026-07-13T11:30'),
    });
    await sweep('2026-07-13T11:35');
    expect(await state(late)).toMatchObject({ responseBreached: true, responseWarnedAt: null });
    expect(await notices(late)).toEqual([]);
  });

  it('a ticket in the queue goes to whoever may assign it in its department or above', async () => {
    const queued = await ticketOpenedAt('2026-07-20T10:00', { handlerId: null });
    await sweep('2026-07-20T11:00');
    const told = await notices(queued);
    // the branch's dispatcher (and the tenant's admin at the root), not the sibling department's
    expect(told).toContain('ticket.sla-breach response → dispatcher');
    expect(told.filter((n) => /farDispatcher|handler|supervisor/.test(n))).toEqual([]);
    expect(told).toHaveLength(2);
  });

  it("leaves other tenants' tickets alone", async () => {
    const id = await ticketOpenedAt('2026-07-27T10:00');
    await sweepTenantSla(t.database.db, t.other.id, at('2026-07-28T10:00'));
    expect(await state(id)).toMatchObject({ responseBreached: false, resolutionBreached: false });
  });
});
