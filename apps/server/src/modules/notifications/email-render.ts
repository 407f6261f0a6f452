import type { NotificationCategory } from '@guanxi/contract';

/**
 * The text of reminder e-mails. Titles are stored in the tenant's language; everything the
 * e-mail adds around them says it in both (a reader of either language understands the frame).
 * The HTML escapes every value — titles come from customers' names, ticket titles, comments.
 */

export type MailItem = {
  title: string;
  /** The web app's path (`/customers/<id>`) or an absolute address. */
  link: string | null;
  createdAt: Date;
  category: NotificationCategory;
};

export type RenderedMail = { subject: string; text: string; html: string };

/** Lines a digest or a combined e-mail lists; the rest are counted ("and N more"). */
export const MAX_LINES = 100;

const CATEGORY_LABELS: Record<NotificationCategory, string> = {
  'follow-ups': '跟进与日程 / Follow-ups and calendar',
  approvals: '审批 / Approvals',
  assignments: '分配 / Assignments',
  pools: '公海回收 / Pool recycling',
  service: '服务工单 / Service tickets',
  churn: '客户流失 / Churn warnings',
  announcements: '通知与指令 / Announcements',
  contracts: '合同到期 / Contracts',
  receivables: '回款 / Payments',
  other: '其他 / Other',
};

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** One line of a subject or list: no line breaks, at most `max` characters. */
const oneLine = (s: string, max = 200) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The link as an absolute address on the site; null without a site (the path alone is shown). */
export function absoluteLink(site: string | null, link: string | null): string | null {
  if (!link) return null;
  if (/^https?:\/\//i.test(link)) return link;
  if (!site || !link.startsWith('/')) return null;
  return `${site}${link}`;
}

export const settingsPath = '/profile?tab=reminders';

function wallClock(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

type Frame = { site: string | null; timeZone: string };

function itemText(item: MailItem, f: Frame) {
  const url = absoluteLink(f.site, item.link) ?? item.link;
  return `· ${wallClock(item.createdAt, f.timeZone)}  ${oneLine(item.title, 500)}${url ? `\n  ${url}` : ''}`;
}

function itemHtml(item: MailItem, f: Frame) {
  const url = absoluteLink(f.site, item.link);
  const title = escapeHtml(oneLine(item.title, 500));
  const shown = url ? `<a href="${escapeHtml(url)}">${title}</a>` : title;
  return `<li><span style="color:#888">${escapeHtml(wallClock(item.createdAt, f.timeZone))}</span> ${shown}</li>`;
}

function footer(f: Frame) {
  const manage = f.site ? `${f.site}${settingsPath}` : settingsPath;
  const label = '在 Guanxi 中管理提醒设置 / Manage reminder settings';
  return {
    text: `\n\n--\n${label}: ${manage}`,
    html: `<hr><p style="color:#888;font-size:12px">${
      f.site ? `<a href="${escapeHtml(manage)}">${label}</a>` : `${label}: ${escapeHtml(manage)}`
    }</p>`,
  };
}

const page = (body: string, f: Frame) =>
  `<div style="font-family:sans-serif;font-size:14px;line-height:1.6">${body}${footer(f).html}</div>`;

/** Lists at most MAX_LINES items, then "and N more". */
function capped(items: readonly MailItem[]) {
  const rest = items.length - MAX_LINES;
  return {
    shown: items.slice(0, MAX_LINES),
    more: rest > 0 ? { text: `……另有 ${rest} 条 / and ${rest} more`, count: rest } : null,
  };
}

/** One reminder, one e-mail. */
export function renderOne(item: MailItem, f: Frame): RenderedMail {
  const url = absoluteLink(f.site, item.link);
  const title = oneLine(item.title, 500);
  return {
    subject: `【提醒 Reminder】${oneLine(item.title, 120)}`,
    text: `${title}${url ? `\n\n${url}` : ''}${footer(f).text}`,
    html: page(
      `<p>${escapeHtml(title)}</p>${url ? `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>` : ''}`,
      f,
    ),
  };
}

/** Several reminders at once in one e-mail ("5 条新提醒"), newest first. */
export function renderCombined(items: readonly MailItem[], f: Frame): RenderedMail {
  const n = items.length;
  const heading = `${n} 条新提醒 / ${n} new reminders`;
  const { shown, more } = capped(items);
  return {
    subject: heading,
    text: `${heading}\n\n${shown.map((i) => itemText(i, f)).join('\n')}${more ? `\n${more.text}` : ''}${footer(f).text}`,
    html: page(
      `<p><b>${escapeHtml(heading)}</b></p><ul>${shown.map((i) => itemHtml(i, f)).join('')}</ul>${
        more ? `<p>${escapeHtml(more.text)}</p>` : ''
      }`,
      f,
    ),
  };
}

/** The day's digest: grouped by category (in the settings' order), newest first, at most MAX_LINES lines. */
export function renderDigest(
  items: readonly MailItem[],
  f: Frame,
  day: string,
  order: readonly NotificationCategory[],
): RenderedMail {
  const n = items.length;
  const heading = `每日提醒汇总 / Daily reminder digest ${day}: ${n} 条 / ${n === 1 ? 'item' : 'items'}`;
  const sorted = [...items].sort(
    (a, b) =>
      order.indexOf(a.category) - order.indexOf(b.category) || b.createdAt.getTime() - a.createdAt.getTime(),
  );
  const { shown, more } = capped(sorted);
  const groups = order
    .map((c) => ({ c, items: shown.filter((i) => i.category === c) }))
    .filter((g) => g.items.length);
  const total = (c: NotificationCategory) => items.filter((i) => i.category === c).length;
  return {
    subject: oneLine(heading),
    text: `${heading}\n${groups
      .map(
        (g) => `\n${CATEGORY_LABELS[g.c]} (${total(g.c)})\n${g.items.map((i) => itemText(i, f)).join('\n')}`,
      )
      .join('\n')}${more ? `\n\n${more.text}` : ''}${footer(f).text}`,
    html: page(
      `<p><b>${escapeHtml(heading)}</b></p>${groups
        .map(
          (g) =>
            `<h3 style="font-size:15px;margin:16px 0 4px">${escapeHtml(CATEGORY_LABELS[g.c])} (${total(g.c)})</h3><ul>${g.items
              .map((i) => itemHtml(i, f))
              .join('')}</ul>`,
        )
        .join('')}${more ? `<p>${escapeHtml(more.text)}</p>` : ''}`,
      f,
    ),
  };
}
