import './texts.ts';
import {
  type Approval,
  type ApprovalDocumentType,
  type ApprovalStatus,
  type ApprovalStep,
  approvalDocumentPaths,
  approvalDocumentTypeLabels,
} from '@guanxi/contract';
import { Flex, Steps, Tag, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { formatMoney } from '../customers/money.ts';

const statusColors: Record<ApprovalStatus, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  returned: 'warning',
  withdrawn: 'default',
};

export function ApprovalStatusTag({ status }: { status: ApprovalStatus }) {
  const { t } = useTranslation('approvals');
  return <Tag color={statusColors[status]}>{t(`status.${status}`)}</Tag>;
}

/** The document type in the reader's language (the contract holds both). */
export function useDocumentTypeLabel() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  return (type: ApprovalDocumentType) => approvalDocumentTypeLabels[lang][type];
}

/** Where the web app shows the document, or null while its type has no page. */
export const documentPath = (type: ApprovalDocumentType, id: string) =>
  approvalDocumentPaths[type]?.replace(':id', encodeURIComponent(id)) ?? null;

export const money = (amount: string | null) => (amount === null ? '' : `¥${formatMoney(amount)}`);

/** Who a step asks, in words: 上级主管 / 角色：高管 / 指定人员 / 系统管理员, with 会签 or 或签 when several. */
export function stepTitle(t: TFunction<'approvals'>, s: ApprovalStep) {
  const who = t(`stepKinds.${s.kind}`, { role: s.roleName ?? '' });
  return s.approvers.length > 1 ? `${who} · ${t(`modes.${s.mode}`)}` : who;
}

/** The steps of one approval, each with its people, their decisions and comments. */
export function ApprovalSteps({ approval }: { approval: Approval }) {
  const { t } = useTranslation('approvals');
  const current = approval.steps.findIndex((s) => s.status === 'pending');
  return (
    <Steps
      direction="vertical"
      size="small"
      current={current < 0 ? approval.steps.length : current}
      status={approval.status === 'rejected' || approval.status === 'returned' ? 'error' : undefined}
      items={approval.steps.map((s) => ({
        title: stepTitle(t, s),
        status:
          s.status === 'approved'
            ? 'finish'
            : s.status === 'pending'
              ? 'process'
              : s.status === 'rejected' || s.status === 'returned'
                ? 'error'
                : 'wait',
        description: (
          <Flex vertical gap={2}>
            {s.note ? <Typography.Text type="warning">{t(`notes.${s.note}`)}</Typography.Text> : null}
            {s.approvers.map((p) => (
              <span key={p.id}>
                {p.name} <Tag>{t(`taskStatus.${p.status}`)}</Tag>
                {p.decidedAt ? (
                  <Typography.Text type="secondary">{formatDateTime(p.decidedAt)}</Typography.Text>
                ) : null}
                {p.comment ? <div>“{p.comment}”</div> : null}
              </span>
            ))}
          </Flex>
        ),
      }))}
    />
  );
}

const eventColors: Record<string, string> = {
  submitted: 'blue',
  approved: 'green',
  rejected: 'red',
  returned: 'orange',
  withdrawn: 'gray',
  escalated: 'orange',
  'self-skipped': 'gray',
  'handed-over': 'gray',
};

/** What happened, in order, with every comment. */
export function ApprovalEvents({ approval }: { approval: Approval }) {
  const { t } = useTranslation('approvals');
  return (
    <Timeline
      items={approval.events.map((e) => ({
        key: e.id,
        color: eventColors[e.action],
        children: (
          <Flex vertical>
            <span>
              {e.actor ? <Typography.Text strong>{e.actor.name} </Typography.Text> : null}
              {t(`events.${e.action}`, { step: e.stepIndex ?? '' })}
            </span>
            {e.comment ? <Typography.Text>“{e.comment}”</Typography.Text> : null}
            <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
}
