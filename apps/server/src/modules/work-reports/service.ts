import {
  type MissingWorkReport,
  periodEnd,
  type UpdateWorkReport,
  type WorkReport,
  type WorkReportComment,
  type WorkReportDetail,
  type WorkReportFigures,
  type WorkReportListQuery,
  type WorkReportPeriod,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, diff, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoOf } from '../../platform/dates.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import { countCheckIns } from '../check-ins/service.ts';
import { countNewCustomers } from '../customers/activity-service.ts';
import { countFollowUps } from '../follow-ups/service.ts';
import { notify } from '../notifications/service.ts';
import { userIdsHolding } from '../organization/permission-holders-service.ts';
import * as repo from './repository.ts';

export const ENTITY = 'work-reports';

const periodNames: Record<WorkReportPeriod, string> = {
  day: '日报',
  week: '周报',
  month: '月报',
  'half-year': '半年报',
  year: '年报',
};

/** The period's last day (inclusive), for people: a week of 2026-11-02 ends 2026-11-08. */
function lastDay(period: WorkReportPeriod, start: string) {
  const d = new Date(`${periodEnd(period, start)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

function toReport(p: Principal, r: repo.ReportView): WorkReport {
  const period = r.period as WorkReportPeriod;
  const start = day(r.start);
  return {
    id: r.id as string,
    version: Number(r.version),
    createdAt: isoOf(r.created_at)!,
    updatedAt: isoOf(r.updated_at)!,
    period,
    start,
    end: lastDay(period, start),
    userId: r.author_id as string,
    userName: r.user_name as string,
    departmentName: (r.department_name as string | null) ?? null,
    status: r.status as WorkReport['status'],
    submittedAt: isoOf(r.submitted_at),
    summary: r.summary as string,
    plan: r.plan as string,
    figures: (r.figures as WorkReportFigures | null) ?? null,
    commentCount: Number(r.comment_count ?? 0),
    mine: r.author_id === p.userId,
  };
}

/**
 * The figures of a user's period from the records of the modules that own them, over the
 * period's days in the tenant's time zone: customers they entered, follow-ups they wrote,
 * check-ins they made (visits among them).
 */
export async function figuresOf(
  db: Db,
  tenantId: string,
  userId: string,
  period: WorkReportPeriod,
  start: string,
  timeZone: string,
): Promise<WorkReportFigures> {
  const { from, to } = await repo.bounds(db, start, periodEnd(period, start), timeZone);
  const [newCustomers, followUps, checks] = await Promise.all([
    countNewCustomers(db, tenantId, userId, from, to),
    countFollowUps(db, tenantId, userId, from, to),
    countCheckIns(db, tenantId, userId, from, to),
  ]);
  return { newCustomers, followUps, visits: checks.visits, checkIns: checks.checkIns };
}

/** The caller's own figures of a period (what a new report starts from). */
export function prefill(db: Db, c: Caller, q: { period: WorkReportPeriod; start: string }) {
  return figuresOf(db, c.p.tenantId, c.p.userId, q.period, q.start, c.timeZone);
}

async function commentsOf(db: Db, tenantId: string, id: string): Promise<WorkReportComment[]> {
  return (await repo.commentsOf(db, tenantId, id)).map((x) => ({
    id: x.id,
    content: x.content,
    userId: x.user_id,
    userName: x.user_name,
    createdAt: isoOf(x.created_at)!,
  }));
}

/** One report the caller sees (their own, or a submitted one in scope) with its comments; 404 otherwise. */
export async function getReport(db: Db, c: Caller, id: string): Promise<WorkReportDetail> {
  const row = await repo.findVisible(db, c.p, id);
  if (!row) throw notFound();
  return { ...toReport(c.p, row), comments: await commentsOf(db, c.p.tenantId, id) };
}

export function listReports(db: Db, c: Caller, q: WorkReportListQuery & { page: number; pageSize: number }) {
  return repo.list(db, c.p, q, (row) => toReport(c.p, row));
}

const auditable = (r: repo.ReportRow) => ({
  period: r.period,
  start: r.start,
  status: r.status,
  summary: r.summary,
  plan: r.plan,
  figures: r.figures,
});
/** A validated `POST /work-reports` body (the contract's defaults applied). */
export type NewReport = {
  period: WorkReportPeriod;
  start: string;
  summary: string;
  plan: string;
  submit: boolean;
};

const title = (r: { period: WorkReportPeriod; start: string }) => `${periodNames[r.period]} ${r.start}`;

/**
 * Writes the caller's report of a period: submitted (figures frozen now) or kept as a draft. One
 * per author and period: a second is 409 WORK_REPORT_EXISTS (the unique index decides, also
 * between two requests at once).
 */
export async function createReport(db: Db, c: Caller, body: NewReport): Promise<WorkReportDetail> {
  const figures = body.submit
    ? await figuresOf(db, c.p.tenantId, c.p.userId, body.period, body.start, c.timeZone)
    : null;
  const id = await db.transaction((tx) =>
    insertReportFor(tx, c.actor, c.p.userId, body, figures, new Date()),
  );
  return getReport(db, c, id);
}

/** Inserts and audits a report of `authorId` (the API's create, and the demo's reports written `at`). */
export async function insertReportFor(
  tx: Db,
  actor: Actor,
  authorId: string,
  body: NewReport,
  figures: WorkReportFigures | null,
  at: Date,
): Promise<string> {
  const row = await repo.insertReport(tx, {
    id: uuidv7(),
    tenantId: actor.tenantId,
    createdBy: actor.userId,
    createdAt: at,
    updatedAt: at,
    authorId,
    period: body.period,
    start: body.start,
    status: body.submit ? 'submitted' : 'draft',
    summary: body.summary,
    plan: body.plan,
    figures,
    submittedAt: body.submit ? at : null,
  });
  if (!row) throw new AppError('WORK_REPORT_EXISTS');
  await writeAudit(tx, actor, {
    action: body.submit ? 'submit' : 'create',
    entity: ENTITY,
    entityId: row.id,
    summary: title(body),
    changes: diff(null, auditable(row)),
  });
  return row.id;
}

/** The author's own report, locked: another's is 403 when the caller sees it, 404 otherwise. */
async function lockOwnDraft(tx: Db, c: Caller, id: string, version: number) {
  const row = await repo.lockOwn(tx, c.p.tenantId, c.p.userId, id);
  if (!row) throw (await repo.findVisible(tx, c.p, id)) ? forbidden() : notFound();
  if (row.status === 'submitted') throw new AppError('WORK_REPORT_SUBMITTED');
  checkVersion(row, version);
  return row;
}

/** Changes a draft's texts; `submit: true` submits it (a summary is then required, figures frozen). */
export async function updateReport(
  db: Db,
  c: Caller,
  id: string,
  body: UpdateWorkReport,
): Promise<WorkReportDetail> {
  await db.transaction(async (tx) => {
    const before = await lockOwnDraft(tx, c, id, body.version);
    const summary = body.summary ?? before.summary;
    const values: Partial<repo.ReportRow> = { summary, plan: body.plan ?? before.plan };
    if (body.submit) {
      if (!summary) throw invalid('summary', 'required to submit');
      values.status = 'submitted';
      values.submittedAt = new Date();
      values.figures = await figuresOf(tx, c.p.tenantId, c.p.userId, before.period, before.start, c.timeZone);
    }
    const after = await requireUpdated(
      await repo.updateReport(tx, id, body.version, values),
      async () => true,
    );
    await writeAudit(tx, c.actor, {
      action: body.submit ? 'submit' : 'update',
      entity: ENTITY,
      entityId: id,
      summary: title(before),
      changes: diff(auditable(before), auditable(after)),
    });
  });
  return getReport(db, c, id);
}

/** Deletes the caller's own draft (a submitted report stays: 409 WORK_REPORT_SUBMITTED). */
export async function deleteReport(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await lockOwnDraft(tx, c, id, version);
    await requireUpdated(
      await repo.updateReport(tx, id, version, { deletedAt: new Date() }),
      async () => true,
    );
    await writeAudit(tx, c.actor, { action: 'delete', entity: ENTITY, entityId: id, summary: title(before) });
  });
}

/** 点评: a comment on a report the caller sees; its author is notified (not of their own). */
export async function addComment(db: Db, c: Caller, id: string, content: string): Promise<WorkReportComment> {
  const commentId = await db.transaction(async (tx) => {
    const row = await repo.findVisible(tx, c.p, id);
    if (!row) throw notFound();
    return insertCommentFor(tx, c.actor, toReport(c.p, row), content, new Date());
  });
  return (await commentsOf(db, c.p.tenantId, id)).find((x) => x.id === commentId)!;
}

/** Inserts, audits and notifies a comment by `actor` (the API's, and the demo supervisors' at `at`). */
export async function insertCommentFor(
  tx: Db,
  actor: Actor,
  report: Pick<WorkReport, 'id' | 'userId' | 'period' | 'start'>,
  content: string,
  at: Date,
): Promise<string> {
  const id = uuidv7();
  await repo.insertComment(tx, {
    id,
    tenantId: actor.tenantId,
    reportId: report.id,
    userId: actor.userId!,
    content,
    createdAt: at,
  });
  await writeAudit(tx, actor, {
    action: 'comment',
    entity: ENTITY,
    entityId: report.id,
    summary: content.length > 40 ? `${content.slice(0, 40)}…` : content,
  });
  if (report.userId !== actor.userId) {
    const who = actor.userName ?? '';
    await notify(tx, {
      tenantId: actor.tenantId,
      userId: report.userId,
      kind: 'work-report.comment',
      data: {
        reportId: report.id,
        period: report.period,
        start: report.start,
        commenter: who,
        content: content.slice(0, 100),
      },
      title: `${who} 点评了你的${title(report)}：${content.slice(0, 60)}`,
      link: `/work-reports?id=${report.id}`,
      entity: ENTITY,
      entityId: report.id,
    });
  }
  return id;
}

/** 未汇报: people in the caller's scope who may write reports and have not submitted one for the period. */
export async function missingReports(
  db: Db,
  c: Caller,
  q: { period: WorkReportPeriod; start: string },
): Promise<MissingWorkReport[]> {
  // only people who write reports at all (not the admin who sets the system up)
  const reporters = await userIdsHolding(db, c.p.tenantId, 'work-reports:create');
  return (await repo.missing(db, c.p, q.period, q.start, reporters)).map((u) => ({
    userId: u.id,
    name: u.name,
    departmentName: u.department_name,
  }));
}
