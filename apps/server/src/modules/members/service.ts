import {
  type CreateMember,
  type ListResponse,
  type Member,
  type MemberDetail,
  type MemberListQuery,
  orderListQuery,
  type UpdateMember,
} from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditUpdate, writeAudit } from '../../platform/audit.ts';
import { can } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoOf, todayIn } from '../../platform/dates.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { nextNumber } from '../../platform/numbering.ts';
import { campaignTitles } from '../campaigns/published.ts';
import { cardsOfMember } from '../cards/member-cards-service.ts';
import {
  contactOfCustomer,
  customerAndContactNames,
  customerForMember,
  visibleCustomersNamed,
} from '../customers/member-service.ts';
import { assertChoosable } from '../dictionaries/service.ts';
import { planTitles } from '../marketing-plans/published.ts';
import { listOrders } from '../orders/service.ts';
import { MEMBER_ENTITY, recordLevelChange } from './levels.ts';
import { type Names, toMember } from './mapping.ts';
import * as repo from './repository.ts';
import { memberScope } from './scope.ts';

export { MEMBER_ENTITY };

const LEVELS = 'member-level';

async function namesOf(db: Db, tenantId: string, rows: repo.MemberRow[]): Promise<Names> {
  return customerAndContactNames(
    db,
    tenantId,
    rows.map((r) => r.customer_id),
    rows.flatMap((r) => (r.contact_id ? [r.contact_id] : [])),
  );
}

export async function memberOf(db: Db, c: Caller, row: repo.MemberRow): Promise<Member> {
  return toMember(row, await namesOf(db, c.p.tenantId, [row]));
}

export async function getMember(db: Db, c: Caller, id: string): Promise<Member> {
  const row = await repo.findMember(db, c.p.tenantId, id, memberScope(c.p));
  if (!row) throw notFound();
  return memberOf(db, c, row);
}

/** 会员 360: the member with its cards, recent orders, activities and level history — each as the caller may see it. */
export async function getMemberDetail(db: Db, c: Caller, id: string): Promise<MemberDetail> {
  const member = await getMember(db, c, id);
  const orders = can(c.p, 'orders:view')
    ? (await listOrders(db, c, orderListQuery.parse({ customerId: member.customerId, pageSize: 5 }))).data
    : [];
  const history = await repo.levelHistory(db, c.p.tenantId, id);
  return {
    ...member,
    cards: await cardsOfMember(db, c.p, id),
    recentOrders: orders.map((o) => ({
      id: o.id,
      number: o.number,
      status: o.status,
      total: o.total,
      orderDate: o.orderDate,
    })),
    participations: (await participationsNamed(db, c.p.tenantId, id)).map(({ row: x, name }) => ({
      id: x.id,
      kind: x.kind,
      activityId: x.activity_id,
      activityName: name,
      participatedAt: x.participated_at,
      points: Number(x.points),
      createdAt: isoOf(x.created_at)!,
    })),
    levelHistory: history.map((h) => ({
      fromLevelId: h.from_level_id,
      toLevelId: h.to_level_id,
      toLevelName: h.to_level_name,
      cause: h.cause,
      createdAt: isoOf(h.created_at)!,
    })),
  };
}

/** A member's participations with each activity's number and name (the module owning it names it). */
async function participationsNamed(db: Db, tenantId: string, memberId: string) {
  const rows = await repo.participations(db, tenantId, memberId);
  const idsOf = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.activity_id);
  const names = {
    campaign: await campaignTitles(db, tenantId, idsOf('campaign')),
    plan: await planTitles(db, tenantId, idsOf('plan')),
  };
  return rows.map((row) => ({ row, name: names[row.kind].get(row.activity_id) ?? null }));
}

export async function listMembers(db: Db, c: Caller, q: MemberListQuery): Promise<ListResponse<Member>> {
  const named = q.q ? visibleCustomersNamed(c.p, q.q) : null;
  const page = await repo.listMembers(db, c.p.tenantId, memberScope(c.p), q, named, (r) => r);
  const names = await namesOf(db, c.p.tenantId, page.data);
  return { ...page, data: page.data.map((r) => toMember(r, names)) };
}

/** The list's members (its filters and search, the caller's scope) for an export, a block at a time. */
export async function* memberExportRows(
  db: Db,
  c: Caller,
  q: Omit<MemberListQuery, 'page' | 'pageSize'>,
  block = 500,
) {
  const named = q.q ? visibleCustomersNamed(c.p, q.q) : null;
  let after: string | undefined;
  for (;;) {
    const rows = await repo.exportBlock(db, c.p.tenantId, memberScope(c.p), q, named, block, after);
    if (!rows.length) return;
    const names = await namesOf(db, c.p.tenantId, rows);
    yield rows.map((r) => toMember(r, names));
    if (rows.length < block) return;
    after = rows[rows.length - 1].id;
  }
}

/**
 * 新建会员 for a customer the caller sees: one live member per customer (409 MEMBER_EXISTS; a
 * per-customer lock makes two at once one after the other), a contact of that customer, a level
 * of the dictionary (else the lowest), an HY… number.
 */
export async function createMember(db: Db, c: Caller, input: CreateMember): Promise<Member> {
  const tenantId = c.p.tenantId;
  const id = await db.transaction(async (tx) => {
    const customer = await customerForMember(tx, c.p, input.customerId);
    if (!customer) throw invalid('customerId', 'no such customer in your scope');
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('members'), hashtext(${input.customerId}))`);
    if (await repo.memberOfCustomer(tx, tenantId, input.customerId))
      throw new AppError('MEMBER_EXISTS', [{ path: 'customerId', message: customer.name }]);
    if (input.contactId && !(await contactOfCustomer(tx, tenantId, input.customerId, input.contactId)))
      throw invalid('contactId', 'not a contact of this customer');
    let levelId = input.levelId;
    if (levelId) await assertChoosable(tx, tenantId, 'levelId', LEVELS, levelId);
    else levelId = (await repo.levels(tx, tenantId))[0]?.id;
    const id = uuidv7();
    const number = await nextNumber(tx, tenantId, 'member', c.timeZone);
    await repo.insertMember(tx, {
      id,
      tenantId,
      number,
      customerId: input.customerId,
      contactId: input.contactId ?? null,
      levelId: levelId ?? null,
      joinedAt: input.joinedAt ?? todayIn(c.timeZone),
      createdBy: c.p.userId,
    });
    await writeAudit(tx, c.actor, { action: 'create', entity: MEMBER_ENTITY, entityId: id, summary: number });
    const row = (await repo.findMember(tx, tenantId, id, sql`TRUE`))!;
    if (levelId)
      await repo.insertLevelChange(tx, {
        id: uuidv7(),
        tenantId,
        memberId: id,
        fromLevelId: null,
        toLevelId: levelId,
        cause: input.levelId ? 'manual' : 'rule',
        createdBy: c.p.userId,
      });
    return row.id;
  });
  return getMember(db, c, id);
}

/** Contact, level (by hand: recorded in the level history) and status; `version` guards it. 注销 is final. */
export async function updateMember(db: Db, c: Caller, id: string, input: UpdateMember): Promise<Member> {
  const tenantId = c.p.tenantId;
  await db.transaction(async (tx) => {
    const m = await repo.findMember(tx, tenantId, id, memberScope(c.p, 'write'), true);
    if (!m) throw notFound();
    if (m.version !== input.version) throw conflict();
    if (input.contactId && !(await contactOfCustomer(tx, tenantId, m.customer_id, input.contactId)))
      throw invalid('contactId', 'not a contact of this customer');
    if (input.status && input.status !== m.status && m.status === 'cancelled')
      throw new AppError('INVALID_TRANSITION', [{ path: 'status', message: 'cancelled is final' }]);
    if (input.levelId && input.levelId !== m.level_id) {
      await assertChoosable(tx, tenantId, 'levelId', LEVELS, input.levelId, m.level_id);
      await recordLevelChange(tx, c.actor, m, input.levelId, 'manual');
    }
    await repo.setMember(tx, tenantId, id, {
      contactId: input.contactId,
      levelId: input.levelId,
      status: input.status,
    });
    await auditUpdate(
      tx,
      c.actor,
      { entity: MEMBER_ENTITY, entityId: id, summary: m.number },
      { contactId: m.contact_id, status: m.status },
      {
        contactId: input.contactId === undefined ? m.contact_id : input.contactId,
        status: input.status ?? m.status,
      },
    );
  });
  return getMember(db, c, id);
}

/** Deleted (soft): the customer may become a member again; the ledger stays. */
export async function deleteMember(db: Db, c: Caller, id: string, version: number): Promise<void> {
  await db.transaction(async (tx) => {
    const m = await repo.findMember(tx, c.p.tenantId, id, memberScope(c.p, 'write'), true);
    if (!m) throw notFound();
    if (!(await repo.setMember(tx, c.p.tenantId, id, { deleted: true }, version))) throw conflict();
    await writeAudit(tx, c.actor, {
      action: 'delete',
      entity: MEMBER_ENTITY,
      entityId: id,
      summary: m.number,
    });
  });
}
