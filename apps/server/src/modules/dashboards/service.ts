import {
  DASHBOARD_MAP_REPORT,
  type Dashboard,
  type DashboardCard,
  type DefaultRoleCode,
  type SaveDashboard,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { getRole, rolesOfUser } from '../organization/roles-service.ts';
import {
  checkReportParams,
  reportMeasures,
  reportRunnable,
  runnableReports,
} from '../reports/catalog-service.ts';
import { builtInDashboards, genericCards, roleRank } from './defaults.ts';
import * as repo from './repository.ts';

const ENTITY = 'dashboards';

const isDefaultRole = (code: string | null): code is DefaultRoleCode =>
  code !== null && Object.hasOwn(builtInDashboards, code);

/** Seeded roles by rank (the widest view first), then the tenant's own roles by name. */
const rankOf = (code: string | null) => (isDefaultRole(code) ? roleRank.indexOf(code) : roleRank.length);

const answer = (
  cards: DashboardCard[],
  source: Dashboard['source'],
  roleId: string | null,
  row?: repo.LayoutRow,
): Dashboard => ({
  cards,
  source,
  roleId,
  version: row?.version ?? null,
  updatedAt: row?.updatedAt.toISOString() ?? null,
});

/**
 * The caller's home: their own layout, else the tenant's default of their best-ranked role that
 * has one, else that role's built-in default (a custom role: its first runnable reports). Cards
 * of reports the caller may not run (any more) are left out.
 */
export async function myDashboard(db: Db, c: Caller): Promise<Dashboard> {
  const runnable = (cards: DashboardCard[]) => cards.filter((x) => reportRunnable(c.p, x.reportCode));
  const own = await repo.findLayout(db, c.p.tenantId, { userId: c.p.userId });
  if (own) return answer(runnable(own.cards), 'mine', null, own);
  const roles = (await rolesOfUser(db, c.p.tenantId, c.p.userId)).sort(
    (a, b) => rankOf(a.code) - rankOf(b.code),
  );
  const templates = await repo.roleLayouts(
    db,
    c.p.tenantId,
    roles.map((r) => r.id),
  );
  for (const role of roles) {
    const t = templates.find((x) => x.roleId === role.id);
    if (t) return answer(runnable(t.cards), 'role', role.id);
  }
  const seeded = roles.find((r) => isDefaultRole(r.code));
  if (seeded && isDefaultRole(seeded.code))
    return answer(runnable(builtInDashboards[seeded.code]), 'default', seeded.id);
  return answer(genericCards(runnableReports(c.p)), 'default', null);
}

/**
 * Every card checked as the caller would run it: a report they may not run is 404, a bad
 * parameter or measure 400 on its card's field (`cards.2.params.groupBy`).
 */
function checkCards(c: Caller, cards: DashboardCard[]) {
  cards.forEach((card, i) => {
    try {
      checkReportParams(c, card.reportCode, card.params);
    } catch (e) {
      if (e instanceof AppError && Array.isArray(e.details))
        throw new AppError(
          e.code,
          e.details.map((d) => ({ path: `cards.${i}.params.${d.path}`, message: d.message })),
        );
      throw e;
    }
    // a map card is today's check-ins: its totals must be of the same day and the same records
    if (card.chart === 'map' && (card.reportCode !== DASHBOARD_MAP_REPORT || card.params.range !== 'today'))
      throw new AppError('VALIDATION_FAILED', [
        { path: `cards.${i}.chart`, message: `a map is of ${DASHBOARD_MAP_REPORT} with range=today` },
      ]);
    if (card.measure !== null && !reportMeasures(c.p, card.reportCode).includes(card.measure))
      throw new AppError('VALIDATION_FAILED', [
        { path: `cards.${i}.measure`, message: `one of ${reportMeasures(c.p, card.reportCode).join(', ')}` },
      ]);
  });
}

/**
 * Saves a layout (own or a role's), versioned: `version` as read — null when there was none, so
 * two first saves or a save over a reset one meet a 409 instead of overwriting.
 */
async function saveLayout(db: Db, c: Caller, owner: repo.Owner, input: SaveDashboard, summary: string) {
  return db.transaction(async (tx) => {
    const found = await repo.findLayout(tx, c.p.tenantId, owner, true);
    if ((found?.version ?? null) !== input.version) throw conflict();
    const row = found
      ? await repo.updateLayout(tx, found.id, input.cards)
      : await repo.insertLayout(tx, c.p.tenantId, c.p.userId, owner, input.cards);
    await writeAudit(tx, c.actor, {
      action: found ? 'update' : 'create',
      entity: ENTITY,
      entityId: row.id,
      summary,
      changes: { cards: [found?.cards.map((x) => x.id) ?? null, input.cards.map((x) => x.id)] },
    });
    return row;
  });
}

async function removeLayout(db: Db, c: Caller, owner: repo.Owner, version: number, summary: string) {
  await db.transaction(async (tx) => {
    const found = await repo.findLayout(tx, c.p.tenantId, owner, true);
    if (!found) throw notFound();
    if (found.version !== version) throw conflict();
    await repo.deleteLayout(tx, found.id);
    await writeAudit(tx, c.actor, { action: 'delete', entity: ENTITY, entityId: found.id, summary });
  });
}

export async function saveMyDashboard(db: Db, c: Caller, input: SaveDashboard) {
  checkCards(c, input.cards);
  await saveLayout(db, c, { userId: c.p.userId }, input, `我的首页：${c.p.name}`);
  return myDashboard(db, c);
}

/** Back to the role's default. */
export async function resetMyDashboard(db: Db, c: Caller, version: number) {
  await removeLayout(db, c, { userId: c.p.userId }, version, `我的首页恢复默认：${c.p.name}`);
  return myDashboard(db, c);
}

/** A role's default as the tenant set it, else the built-in one (every card, unfiltered: an administrator edits it). */
export async function roleDashboard(db: Db, c: Caller, roleId: string): Promise<Dashboard> {
  const role = await getRole(db, c.p.tenantId, roleId);
  const t = await repo.findLayout(db, c.p.tenantId, { roleId });
  if (t) return answer(t.cards, 'role', roleId, t);
  return answer(isDefaultRole(role.code) ? builtInDashboards[role.code] : [], 'default', roleId);
}

/**
 * The tenant's default for a role (SPEC §12 home-page template), its cards checked as the
 * administrator would run them: what they may not see, they cannot put on anyone's home.
 */
export async function saveRoleDashboard(db: Db, c: Caller, roleId: string, input: SaveDashboard) {
  const role = await getRole(db, c.p.tenantId, roleId);
  checkCards(c, input.cards);
  await saveLayout(db, c, { roleId }, input, `角色首页模板：${role.name}`);
  return roleDashboard(db, c, roleId);
}

export async function resetRoleDashboard(db: Db, c: Caller, roleId: string, version: number) {
  const role = await getRole(db, c.p.tenantId, roleId);
  await removeLayout(db, c, { roleId }, version, `角色首页模板恢复默认：${role.name}`);
  return roleDashboard(db, c, roleId);
}
