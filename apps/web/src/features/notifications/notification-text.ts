import type { Notification } from '@guanxi/contract';
import type { TFunction } from 'i18next';
import { formatDateTime } from '../../lib/format.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A notification worded in the reader's language from its kind and data; else the stored title. */
export function notificationText(t: TFunction<'notifications'>, n: Notification): string {
  switch (n.kind) {
    case 'pool.recycle-reminder':
      return t('kinds.recycleReminder', {
        name: str(n.data.customerName),
        date: formatDateTime(str(n.data.dueAt)).slice(0, 10),
      });
    case 'pool.recycled':
      return t('kinds.recycled', { name: str(n.data.customerName) });
    case 'event.reminder': {
      // 日程提醒: the occurrence's start, the day alone for an all-day event
      const start = formatDateTime(str(n.data.start));
      return t('kinds.eventReminder', {
        title: str(n.data.title),
        start: n.data.allDay ? start.slice(0, 10) : start,
      });
    }
    case 'follow-up.comment':
      // 点评: who commented on the reader's follow-up with which customer, and what they said
      return t('kinds.followUpComment', {
        name: str(n.data.commenter),
        customer: str(n.data.customerName),
        content: str(n.data.content),
      });
    case 'work-report.comment':
      // 点评 on the reader's work report of the period starting on `start`
      return t('kinds.workReportComment', {
        name: str(n.data.commenter),
        start: str(n.data.start),
        content: str(n.data.content),
      });
    case 'marketing-plan.review':
      // a plan waiting in the reader's 未审核 queue
      return t('kinds.planReview', { number: str(n.data.number), title: str(n.data.title) });
    case 'marketing-plan.decided': {
      // the reader's plan was decided: approved, rejected or returned (by whom)
      const status = str(n.data.status);
      const by = str(n.data.by);
      return t(by ? 'kinds.planDecidedBy' : 'kinds.planDecided', {
        number: str(n.data.number),
        title: str(n.data.title),
        by,
        outcome: t(`planOutcomes.${status === 'approved' || status === 'rejected' ? status : 'returned'}`),
      });
    }
    case 'marketing-plan.feedback':
      return t('kinds.planFeedback', {
        name: str(n.data.by),
        number: str(n.data.number),
        title: str(n.data.title),
      });
    case 'lead.assigned':
      // a lead given to the reader (by a rule, or by whoever assigned it)
      return t('kinds.leadAssigned', { name: str(n.data.leadName) });
    case 'opportunity.assigned':
      // 指派: an opportunity given to the reader
      return t('kinds.opportunityAssigned', { title: str(n.data.title), name: str(n.data.by) });
    case 'opportunity.stalled':
      // the reader's open deal has had no progress for its stage's days
      return t('kinds.opportunityStalled', {
        title: str(n.data.title),
        stage: str(n.data.stage),
        days: Number(n.data.days) || 0,
      });
    case 'quote.approval':
      // a quote above the discount threshold waits for the reader (no approval flow took it)
      return t('kinds.quoteApproval', { number: str(n.data.number), discount: str(n.data.discount) });
    case 'quote.decided': {
      const outcome =
        (['approved', 'rejected', 'returned'] as const).find((o) => o === n.data.outcome) ?? 'withdrawn';
      return t('kinds.quoteDecided', {
        number: str(n.data.number),
        outcome: t(`approvalOutcomes.${outcome}`),
      });
    }
    case 'order.paid':
      // the reader's order: its payments reached the total
      return t('kinds.orderPaid', { number: str(n.data.number), total: str(n.data.total) });
    case 'webhook.disabled':
      // a webhook the reader manages was switched off after failing again and again
      return t('kinds.webhookDisabled', { url: str(n.data.url), count: Number(n.data.failures) || 0 });
    case 'churn.warning':
      // the daily churn run raised (or brought back) warnings for the reader's customers
      return t('kinds.churnWarning', { count: Number(n.data.count) || 0 });
    case 'approval.pending':
      // a document waiting for the reader's decision (审批)
      return t('kinds.approvalPending', { name: str(n.data.submitter), title: str(n.data.title) });
    case 'approval.decided': {
      // the reader's submission was settled; the comment, if any, after it
      const outcome =
        (['approved', 'rejected', 'returned'] as const).find((o) => o === n.data.outcome) ?? 'withdrawn';
      const comment = str(n.data.comment).slice(0, 60);
      return t(comment ? 'kinds.approvalDecidedComment' : 'kinds.approvalDecided', {
        title: str(n.data.title),
        outcome: t(`approvalOutcomes.${outcome}`),
        comment,
      });
    }
    case 'marketing-plan.digest':
      return t('kinds.planDigest', { count: Number(n.data.count) || 0 });
    case 'contract.expiring':
    case 'contract.expired':
      // 到期提醒 of the reader's contract, and its expiry
      return t(n.kind === 'contract.expiring' ? 'kinds.contractExpiring' : 'kinds.contractExpired', {
        number: str(n.data.number),
        title: str(n.data.title),
        date: str(n.data.endDate),
      });
    case 'receivables.overdue':
      // the reader's overdue payment plans today
      return t('kinds.receivablesOverdue', { count: Number(n.data.count) || 0, amount: str(n.data.amount) });
    case 'ticket.sla-warning':
    case 'ticket.sla-breach':
      // 服务时限: a ticket the reader handles (or supervises, or may assign) is nearly due / overdue
      return t(n.kind === 'ticket.sla-warning' ? 'kinds.slaWarning' : 'kinds.slaBreach', {
        number: str(n.data.number),
        title: str(n.data.title),
        clock: t(n.data.clock === 'resolution' ? 'slaClocks.resolution' : 'slaClocks.response'),
        due: formatDateTime(str(n.data.dueAt)),
      });
    default:
      return n.title;
  }
}
