import type { Locale, ReportQuery, ReportSubscriptionOutcome } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit.ts';
import { toPrincipal } from '../../platform/auth/hook.ts';
import { findUserPrincipal } from '../../platform/auth/principal-repository.ts';
import { callerForJob } from '../../platform/caller.ts';
import { AppError } from '../../platform/errors.ts';
import type { ServerKey } from '../../platform/secrets.ts';
import { tableFile } from '../../platform/table-file.ts';
import { systemMailer } from '../mailings/published.ts';
import { reportDefinition } from './kit/catalog.ts';
import { reportFile } from './kit/export.ts';
import { type Period, resolvePeriod } from './kit/period.ts';
import { mayRun } from './kit/query.ts';
import { checkReport } from './kit/run.ts';
import type { DueRow } from './subscriptions-repository.ts';

export type Delivery = { outcome: ReportSubscriptionOutcome; error: string | null };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const texts = {
  'zh-CN': {
    subject: (name: string, period: string) => `报表订阅：${name}${period ? `（${period}）` : ''}`,
    body: '您订阅的报表已生成，见附件（XLSX）。数字按发送时您的数据权限计算。',
    period: '期间',
    all: '全部时间',
    open: '在线查看',
    manage: '管理我的订阅',
  },
  'en-US': {
    subject: (name: string, period: string) => `Report subscription: ${name}${period ? ` (${period})` : ''}`,
    body: 'Your subscribed report is attached (XLSX). Its figures are what your access shows at the time of sending.',
    period: 'Period',
    all: 'All time',
    open: 'Open online',
    manage: 'Manage my subscriptions',
  },
} as const;

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/** The stream a table file is written to, whole in memory (a report's sheet is one table: small). */
async function buffered(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** The subscriber as they are now: a disabled or deleted user has no principal. */
async function subscriberNow(db: Db, row: DueRow) {
  const found = await findUserPrincipal(db, row.tenantId, row.userId);
  return found ? toPrincipal(found, 'job') : null;
}

/**
 * Runs a subscription's report as its subscriber now — their rights and scope as they are at
 * send time, the period resolved today in the tenant's zone — and mails it to them as an XLSX
 * attachment in the subscription's language. Nothing is sent when they may no longer run it.
 * The file's rows come from `readDb`; the audit entry is written on `db`.
 */
export async function deliver(db: Db, readDb: Db, key: ServerKey, row: DueRow, now: Date): Promise<Delivery> {
  const p = await subscriberNow(db, row);
  if (!p) return { outcome: 'user-inactive', error: null };
  const d = reportDefinition(row.reportCode);
  if (!mayRun(p, d)) return { outcome: 'no-permission', error: null };
  const email = String(p.profile.email ?? '').trim();
  if (!email) return { outcome: 'no-email', error: null };
  const c = callerForJob(p);
  const q = row.query as ReportQuery;
  let period: Period | null;
  try {
    checkReport(c, d, q);
    period = d.timed ? resolvePeriod(q.range ?? d.defaultRange, q, c.timeZone, now) : null;
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return { outcome: 'no-permission', error: null };
    if (err instanceof AppError && err.code === 'VALIDATION_FAILED')
      return { outcome: 'invalid-query', error: JSON.stringify(err.details).slice(0, 500) };
    throw err;
  }
  const mailer = await systemMailer(db, key, row.tenantId);
  if (!mailer) return { outcome: 'no-smtp', error: null };
  try {
    const locale = row.locale as Locale;
    const w = texts[locale];
    const name = row.title || d.name[locale];
    const periodText = period ? `${period.from} ~ ${period.to}` : '';
    // the sheet's own audit (an export) is left out: this send is audited below, on the primary
    const { finish: _finish, ...sheet } = reportFile(readDb, c, d, q, locale);
    const content = await buffered(tableFile('xlsx', sheet));
    const site = mailer.site;
    const search = new URLSearchParams(Object.entries(row.query).map(([k, v]) => [k, String(v)])).toString();
    const openUrl = site ? `${site}/reports/${d.code}${search ? `?${search}` : ''}` : null;
    const manageUrl = site ? `${site}/reports/subscriptions` : undefined;
    const lines = [w.body, `${w.period}: ${periodText || w.all}`];
    const outcome = await mailer.send({
      to: email,
      subject: w.subject(name, periodText),
      text: [
        ...lines,
        ...(openUrl ? [`${w.open}: ${openUrl}`] : []),
        ...(manageUrl ? [`${w.manage}: ${manageUrl}`] : []),
      ].join('\n'),
      html: [
        ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
        ...(openUrl ? [`<p><a href="${escapeHtml(openUrl)}">${w.open}</a></p>`] : []),
        ...(manageUrl ? [`<p><a href="${escapeHtml(manageUrl)}">${w.manage}</a></p>`] : []),
      ].join(''),
      manageUrl,
      attachments: [
        {
          filename: `${d.name[locale]}${period ? `-${period.from}-${period.to}` : ''}.xlsx`,
          content,
          contentType: XLSX,
        },
      ],
    });
    if (outcome.status !== 'sent') return { outcome: outcome.status, error: outcome.error };
    await writeAudit(db, c.actor, {
      action: 'send',
      entity: 'report_subscriptions',
      entityId: row.id,
      summary: `${d.name['zh-CN']} → ${email}`,
    });
    return { outcome: 'sent', error: null };
  } finally {
    mailer.close();
  }
}
