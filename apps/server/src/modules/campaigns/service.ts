import type {
  Campaign,
  CampaignListItem,
  CampaignListQuery,
  CampaignRoi,
  CampaignRoiQuery,
  CreateCampaign,
  ListResponse,
  UpdateCampaign,
} from '@guanxi/contract';
import { normalizeMoney } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, diff, fieldHistory, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { nextNumber } from '../../platform/numbering.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import { assertChoosable } from '../dictionaries/service.ts';
import { countsOf, figuresOf, toCampaign, toListItem } from './answers.ts';
import * as repo from './repository.ts';
import { addUp, noFigures, resultsOf } from './roi.ts';

export const ENTITY = 'campaigns';
/** The dictionary of `channel` (manifest `dictionaryReferences` too). */
export const CHANNEL_DICTIONARY = 'campaign-channel';

// ---- reads ----

/** 市场活动 in the caller's campaigns scope (owner and department). */
export async function listCampaigns(
  db: Db,
  p: Principal,
  q: CampaignListQuery,
): Promise<ListResponse<CampaignListItem>> {
  const page = await repo.listCampaigns(db, p, q);
  const counts = await countsOf(
    db,
    p.tenantId,
    page.data.map((r) => r.id as string),
  );
  return { ...page, data: page.data.map((r) => toListItem(r, counts.get(r.id as string))) };
}

export async function getCampaign(db: Db, p: Principal, id: string): Promise<Campaign> {
  const row = await repo.findVisible(db, p, id);
  if (!row) throw notFound();
  return toCampaign(db, p, row);
}

/** 变更记录: the campaign's field history (its actions and expense lines included). */
export async function campaignHistory(db: Db, p: Principal, id: string) {
  if (!(await repo.findVisible(db, p, id))) throw notFound();
  return fieldHistory(db, p.tenantId, ENTITY, id);
}

/** Whether the caller sees the campaign (campaigns:view and its scope): its files are seen with it. */
export async function campaignVisible(db: Db, p: Principal, id: string): Promise<boolean> {
  return can(p, 'campaigns:view') && Boolean(await repo.findVisible(db, p, id));
}

/** Files on a campaign (manifest `fileEntities`): attached or removed by who may edit it, in scope; locked in `tx`. */
export async function campaignChangeable(tx: Db, p: Principal, id: string): Promise<boolean> {
  return can(p, 'campaigns:edit') && Boolean(await repo.lockVisible(tx, p, id));
}

/**
 * ROI of the campaigns in scope whose dates overlap `[from, to]`: each campaign's cost (its expense
 * lines) against the leads it produced, the leads converted, the customers they became and the
 * won amounts of the opportunities that came from it; the same per channel and in total.
 */
export async function campaignRoi(db: Db, p: Principal, q: CampaignRoiQuery): Promise<CampaignRoi> {
  const rows = await repo.roiCampaigns(db, p, q);
  const counts = await figuresOf(
    db,
    p.tenantId,
    rows.map((r) => r.id),
  );
  const withCounts = rows.map((r) => ({ ...r, counts: counts.get(r.id) ?? noFigures }));
  const byChannel = new Map<string, typeof withCounts>();
  for (const r of withCounts) byChannel.set(r.channel_id, [...(byChannel.get(r.channel_id) ?? []), r]);
  const channels = [...byChannel.values()].map((group) => {
    const sum = addUp(group);
    return {
      channel: group[0].channel_id,
      channelName: group[0].channel_name ?? '',
      campaigns: group.length,
      ...resultsOf(sum.cost, sum.counts),
    };
  });
  channels.sort((a, b) => b.leads - a.leads || a.channelName.localeCompare(b.channelName));
  const total = addUp(withCounts);
  return {
    campaigns: withCounts.map((r) => ({
      id: r.id,
      number: r.number,
      name: r.name,
      channel: r.channel_id,
      channelName: r.channel_name ?? '',
      status: r.status,
      startDate: r.start_date,
      endDate: r.end_date,
      ...resultsOf(r.cost, r.counts),
    })),
    channels,
    total: { campaigns: rows.length, ...resultsOf(total.cost, total.counts) },
    counted: ['cost', 'leads', 'converted', 'customers', 'wonAmount'],
  };
}

// ---- writes ----

/** Participants must be active users of the tenant (400 on `participantIds` otherwise). */
async function checkParticipants(db: Db, tenantId: string, ids: string[]) {
  const wanted = [...new Set(ids)];
  const active = await repo.activeUserIds(db, tenantId, wanted);
  const unknown = wanted.filter((id) => !active.has(id));
  if (unknown.length) throw invalid('participantIds', `not active users: ${unknown.join(', ')}`);
  return wanted;
}

/** The owner must be an active user; the campaign is kept in the owner's department. */
async function ownerDepartment(db: Db, tenantId: string, ownerId: string) {
  const department = await repo.departmentOf(db, tenantId, ownerId);
  if (!department) throw invalid('ownerId', 'not an active user');
  return department;
}

type ExpenseInput = NonNullable<CreateCampaign['expenses']>[number];
const expenseLines = (lines: ExpenseInput[]) =>
  lines.map((l) => ({
    id: uuidv7(),
    item: l.item,
    amount: normalizeMoney(l.amount),
    spentOn: l.spentOn ?? null,
    note: l.note ?? null,
  }));
/** Expense lines as the audit log keeps them (`item amount`). */
const auditLines = (lines: { item: string; amount: string }[]) =>
  lines.map((l) => `${l.item} ${normalizeMoney(l.amount)}`);

const auditable = (r: repo.CampaignRow, participantIds: string[]) => ({
  name: r.name,
  channelId: r.channelId,
  status: r.status,
  startDate: r.startDate,
  endDate: r.endDate,
  budget: r.budget == null ? null : normalizeMoney(r.budget),
  targetCustomers: r.targetCustomers,
  products: r.products,
  partners: r.partners,
  description: r.description,
  ownerId: r.ownerId,
  departmentId: r.departmentId,
  // none is no value (a create's history shows no empty change)
  participantIds: participantIds.length ? [...participantIds].sort() : null,
});

/**
 * Who may be made owner: anyone whose campaign the caller would still see (their data scope) —
 * nobody hands a campaign out of their own reach. Checked on the written row, in the transaction.
 */
async function checkStillVisible(tx: Db, p: Principal, id: string) {
  if (!(await repo.findVisible(tx, p, id))) throw invalid('ownerId', 'outside your data scope');
}

/**
 * Inserts a campaign with a new number (HD…), its participants and expense lines, audited — for
 * `createCampaign` and the demo data. The input is checked already; returns the id.
 */
export async function insertCampaignFor(
  tx: Db,
  actor: Actor,
  timeZone: string,
  input: CreateCampaign & { ownerId: string; departmentId: string; participantIds: string[] },
) {
  const id = uuidv7();
  const number = await nextNumber(tx, actor.tenantId, 'campaign', timeZone);
  const row = await repo.insertCampaign(tx, {
    id,
    tenantId: actor.tenantId,
    number,
    name: input.name,
    channelId: input.channel,
    status: input.status ?? 'planned',
    startDate: input.startDate,
    endDate: input.endDate,
    budget: input.budget == null ? null : normalizeMoney(input.budget),
    targetCustomers: input.targetCustomers ?? null,
    products: input.products ?? null,
    partners: input.partners ?? null,
    description: input.description ?? null,
    ownerId: input.ownerId,
    departmentId: input.departmentId,
    createdBy: actor.userId,
  });
  await repo.setParticipants(tx, actor.tenantId, id, input.participantIds);
  const lines = expenseLines(input.expenses ?? []);
  await repo.setExpenses(tx, actor.tenantId, id, lines);
  await writeAudit(tx, actor, {
    action: 'create',
    entity: ENTITY,
    entityId: id,
    summary: `${number} ${input.name}`,
    changes: {
      ...diff(null, auditable(row, input.participantIds)),
      ...(lines.length ? { expenses: [null, auditLines(lines)] } : {}),
    },
  });
  return id;
}

/** 新建市场活动: numbered, with its participants and expense lines, in one transaction. */
export async function createCampaign(db: Db, c: Caller, input: CreateCampaign): Promise<Campaign> {
  const { p } = c;
  const ownerId = input.ownerId ?? p.userId;
  const id = await db.transaction(async (tx) => {
    await assertChoosable(tx, p.tenantId, 'channel', CHANNEL_DICTIONARY, input.channel);
    const departmentId = await ownerDepartment(tx, p.tenantId, ownerId);
    const participantIds = await checkParticipants(tx, p.tenantId, input.participantIds ?? []);
    const id = await insertCampaignFor(tx, c.actor, c.timeZone, {
      ...input,
      ownerId,
      departmentId,
      participantIds,
    });
    await checkStillVisible(tx, p, id);
    return id;
  });
  return getCampaign(db, p, id);
}

/** Locks a campaign in the caller's scope: 404 outside it. */
export async function lockVisible(tx: Db, p: Principal, id: string) {
  const row = await repo.lockVisible(tx, p, id);
  if (!row) throw notFound();
  return row;
}

/**
 * Changes a campaign (stale version → 409). `expenses`, when sent, replace every line; a new owner
 * moves the campaign to the owner's department.
 */
export async function updateCampaign(
  db: Db,
  c: Caller,
  id: string,
  input: UpdateCampaign,
): Promise<Campaign> {
  const { p } = c;
  await db.transaction(async (tx) => {
    const before = await lockVisible(tx, p, id);
    checkVersion(before, input.version);
    const startDate = input.startDate ?? before.startDate;
    const endDate = input.endDate ?? before.endDate;
    if (endDate < startDate)
      throw invalid(input.endDate ? 'endDate' : 'startDate', 'must not be before startDate');
    if (input.channel)
      await assertChoosable(tx, p.tenantId, 'channel', CHANNEL_DICTIONARY, input.channel, before.channelId);
    let departmentId = before.departmentId;
    if (input.ownerId && input.ownerId !== before.ownerId) {
      departmentId = await ownerDepartment(tx, p.tenantId, input.ownerId);
    }
    const beforeParticipants = (await repo.participantsOf(tx, p.tenantId, id)).map((u) => u.id);
    const participants =
      input.participantIds === undefined
        ? beforeParticipants
        : await checkParticipants(tx, p.tenantId, input.participantIds);
    const keep = <T>(v: T | undefined, old: T) => (v === undefined ? old : v);
    const rows = await repo.updateCampaign(tx, p.tenantId, id, input.version, {
      name: input.name ?? before.name,
      channelId: input.channel ?? before.channelId,
      status: input.status ?? before.status,
      startDate,
      endDate,
      budget:
        input.budget === undefined
          ? before.budget
          : input.budget === null
            ? null
            : normalizeMoney(input.budget),
      targetCustomers: keep(input.targetCustomers, before.targetCustomers),
      products: keep(input.products, before.products),
      partners: keep(input.partners, before.partners),
      description: keep(input.description, before.description),
      ownerId: input.ownerId ?? before.ownerId,
      departmentId,
    });
    const after = await requireUpdated(rows, async () => true);
    if (after.ownerId !== before.ownerId) await checkStillVisible(tx, p, id);
    if (input.participantIds !== undefined) await repo.setParticipants(tx, p.tenantId, id, participants);
    const changes = diff(auditable(before, beforeParticipants), auditable(after, participants));
    if (input.expenses !== undefined) {
      const old = await repo.expensesOf(tx, p.tenantId, id);
      const lines = expenseLines(input.expenses);
      await repo.setExpenses(tx, p.tenantId, id, lines);
      const [was, now] = [auditLines(old), auditLines(lines)];
      if (JSON.stringify(was) !== JSON.stringify(now)) changes.expenses = [was, now];
    }
    if (Object.keys(changes).length)
      await writeAudit(tx, c.actor, {
        action: 'update',
        entity: ENTITY,
        entityId: id,
        summary: `${after.number} ${after.name}`,
        changes,
      });
  });
  return getCampaign(db, p, id);
}

/** Soft delete in scope, versioned. Leads keep their link (the campaign's number stays in the audit log). */
export async function deleteCampaign(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await lockVisible(tx, c.p, id);
    checkVersion(before, version);
    await repo.updateCampaign(tx, c.p.tenantId, id, version, { deletedAt: new Date() });
    await writeAudit(tx, c.actor, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      summary: `${before.number} ${before.name}`,
    });
  });
}
