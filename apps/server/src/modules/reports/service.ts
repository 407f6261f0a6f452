import type {
  ContactComplianceCustomer,
  ContactComplianceCustomersQuery,
  ContactComplianceRow,
  ContactNorms,
  ListResponse,
  Locale,
  UpdateContactNorms,
} from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { TableSource } from '../../platform/table-file.ts';
import { assertChoosable, listItems } from '../dictionaries/service.ts';
import * as repo from './repository.ts';

const NORM = 'contact_norms';

// ---- norms (联系频率) ----

export async function getContactNorms(db: Db, tenantId: string): Promise<ContactNorms> {
  const rows = await repo.levelsWithNorms(db, tenantId);
  return {
    norms: rows.map((r) => ({
      levelId: r.level_id,
      levelName: r.name,
      levelNameEn: r.name_en,
      levelValid: r.valid,
      perMonth: Number(r.per_month),
      version: r.version == null ? null : Number(r.version),
    })),
  };
}

/**
 * Sets the norms of the levels named (the others stay): each level must be a customer level
 * (a valid one, unless it already has a norm), named once, with the version of its norm as read
 * (409 when someone saved it first). One audit row per norm that changed, in the transaction.
 */
export async function updateContactNorms(
  db: Db,
  actor: Actor,
  input: UpdateContactNorms,
): Promise<ContactNorms> {
  const seen = new Set<string>();
  input.norms.forEach((n, i) => {
    if (seen.has(n.levelId)) throw invalid(`norms.${i}.levelId`, 'named twice');
    seen.add(n.levelId);
  });
  await db.transaction(async (tx) => {
    const current = await repo.lockNorms(tx, actor.tenantId, [...seen]);
    const levels = new Map((await repo.levelsWithNorms(tx, actor.tenantId)).map((l) => [l.level_id, l]));
    for (const [i, n] of input.norms.entries()) {
      const row = current.get(n.levelId);
      // an invalidated level keeps (and may change) the norm it had; a new norm needs a valid level
      await assertChoosable(
        tx,
        actor.tenantId,
        `norms.${i}.levelId`,
        'customer-level',
        n.levelId,
        row?.levelId,
      );
      const summary = levels.get(n.levelId)?.name ?? n.levelId;
      if (!row) {
        if (n.version != null) throw conflict();
        const [created] = await repo.insertNorm(tx, {
          id: uuidv7(),
          tenantId: actor.tenantId,
          createdBy: actor.userId,
          levelId: n.levelId,
          perMonth: n.perMonth,
        });
        if (!created) throw conflict(); // another admin saved this level's first norm just now
        await writeAudit(tx, actor, {
          action: 'create',
          entity: NORM,
          entityId: created.id,
          summary,
          changes: { perMonth: [null, n.perMonth] },
        });
        continue;
      }
      if (n.version !== row.version) throw conflict();
      if (n.perMonth === row.perMonth) continue;
      const [updated] = await repo.updateNorm(tx, actor.tenantId, row.id, row.version, n.perMonth);
      if (!updated) throw conflict();
      await writeAudit(tx, actor, {
        action: 'update',
        entity: NORM,
        entityId: row.id,
        summary,
        changes: { perMonth: [row.perMonth, n.perMonth] },
      });
    }
  });
  return getContactNorms(db, actor.tenantId);
}

/** The defaults of the seeded levels, by their seeded names (dictionaries/seed-data.ts). */
const defaultNorms: Record<string, number> = { 重点客户: 4, 普通客户: 2, 小客户: 1 };

/**
 * Seeds a tenant's norms once (the seeded levels by name; runs after the dictionaries' seed).
 * A tenant with any norm row is left alone, so an admin's choices are never redone at a start.
 */
export async function seedContactNorms(tx: Db, tenantId: string) {
  if (await repo.hasNorms(tx, tenantId)) return;
  const levels = await listItems(tx, tenantId, 'customer-level', { includeInvalid: 'false' });
  await repo.insertMissingNorms(
    tx,
    levels
      .filter((l) => defaultNorms[l.name] !== undefined)
      .map((l) => ({ id: uuidv7(), tenantId, levelId: l.id, perMonth: defaultNorms[l.name] })),
  );
}

// ---- the compliance report (联系频率达标) ----

/** The owners a caller sees in the report: the follow-ups data scope over users (alias `u`). */
const ownersInScope = (p: Principal) =>
  scopePredicate(p, 'follow-ups', { owner: sql`u.id`, department: sql`u.department_id` });

const rateOf = (done: number, required: number) =>
  required > 0 ? Math.round((done / required) * 10_000) / 10_000 : null;

export async function contactCompliance(db: Db, c: Caller, month: string): Promise<ContactComplianceRow[]> {
  const rows = await repo.compliance(db, c.p.tenantId, month, c.timeZone, ownersInScope(c.p));
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    customers: Number(r.customers),
    required: Number(r.required),
    done: Number(r.done),
    rate: rateOf(Number(r.done), Number(r.required)),
  }));
}

/** The customers behind one user's row (404 for a user outside the caller's scope). */
export async function contactComplianceCustomers(
  db: Db,
  c: Caller,
  q: ContactComplianceCustomersQuery,
): Promise<ListResponse<ContactComplianceCustomer>> {
  if (!(await repo.userInScope(db, c.p.tenantId, q.userId, ownersInScope(c.p)))) throw notFound();
  const filter = { behindOnly: q.status === 'behind', name: q.q || undefined };
  const page = (limit: number, offset: number) =>
    repo.complianceCustomers(db, c.p.tenantId, q.month, c.timeZone, q.userId, { ...filter, limit, offset });
  const rows = await page(q.pageSize, (q.page - 1) * q.pageSize);
  // a page past the end still answers the total (from the first row of the set)
  const total = rows.length
    ? Number(rows[0].total)
    : q.page > 1
      ? Number((await page(1, 0))[0]?.total ?? 0)
      : 0;
  return {
    data: rows.map((r) => ({
      id: r.id,
      number: r.number,
      name: r.name,
      levelId: r.level_id,
      levelName: r.level_name,
      levelNameEn: r.level_name_en,
      required: Number(r.required),
      done: Number(r.done),
      followUps: Number(r.follow_ups),
      lastFollowUpAt: r.last_follow_up_at == null ? null : new Date(r.last_follow_up_at).toISOString(),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
    totalIsEstimate: false,
  };
}

const exportTexts = {
  'zh-CN': {
    sheet: '联系频率达标',
    header: ['月份', '员工', '客户数', '应跟进', '已跟进', '达标率(%)'],
    total: '合计',
  },
  'en-US': {
    sheet: 'Contact compliance',
    header: ['Month', 'User', 'Customers', 'Required', 'Done', 'Rate (%)'],
    total: 'Total',
  },
} as const;

export const exportFileName = (locale: Locale, month: string) =>
  `${locale === 'zh-CN' ? '联系频率达标' : 'contact-compliance'}-${month}.xlsx`;

const percent = (done: number, required: number) =>
  required > 0 ? Math.round((done / required) * 1000) / 10 : '';

/**
 * The report as a table file: the header row, one row per user with the month in its first
 * column, and a totals row; the export is audited once the rows are written.
 */
export function contactComplianceExport(db: Db, c: Caller, month: string, locale: Locale): TableSource {
  const texts = exportTexts[locale];
  async function* blocks() {
    const rows = await contactCompliance(db, c, month);
    const sum = (k: 'customers' | 'required' | 'done') => rows.reduce((s, r) => s + r[k], 0);
    yield [
      [...texts.header],
      ...rows.map((r) => [month, r.name, r.customers, r.required, r.done, percent(r.done, r.required)]),
      [
        month,
        texts.total,
        sum('customers'),
        sum('required'),
        sum('done'),
        percent(sum('done'), sum('required')),
      ],
    ];
  }
  return {
    sheet: `${texts.sheet} ${month}`,
    blocks: blocks(),
    finish: () => writeAudit(db, c.actor, { action: 'export', entity: 'contact_compliance', summary: month }),
  };
}
