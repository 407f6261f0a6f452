import './texts.ts';
import type { Approval } from '@guanxi/contract';
import { approvalLimits } from '@guanxi/contract';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Popconfirm,
  Result,
  Skeleton,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/query-error.tsx';
import { isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { type ApprovalAction, useApproval, useApprovalAction } from './api.ts';
import {
  ApprovalEvents,
  ApprovalStatusTag,
  ApprovalSteps,
  documentPath,
  money,
  useDocumentTypeLabel,
} from './labels.tsx';

/** 审批详情: the document's title, amount and submitter, the steps, the history, and what the reader may do. */
export function ApprovalDetail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('approvals');
  const isPhone = useIsPhone();
  const approval = useApproval(id);
  const a = approval.data;
  const body = approval.isError ? (
    isApiError(approval.error, 'NOT_FOUND') ? (
      <Result status="404" subTitle={t('detail.notFound')} />
    ) : (
      <QueryError error={approval.error} onRetry={() => void approval.refetch()} />
    )
  ) : !a ? (
    <Skeleton active />
  ) : (
    <Flex vertical gap={16}>
      <Facts a={a} />
      {a.can.approve || a.can.withdraw ? <Decide a={a} /> : null}
      <section aria-label={t('detail.steps')}>
        <Typography.Title level={5}>{t('detail.steps')}</Typography.Title>
        <ApprovalSteps approval={a} />
      </section>
      <section aria-label={t('detail.history')}>
        <Typography.Title level={5}>{t('detail.history')}</Typography.Title>
        <ApprovalEvents approval={a} />
      </section>
    </Flex>
  );
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={a ? a.title : t('detail.title')}
      size={isPhone ? '100%' : 560}
      destroyOnHidden
    >
      {body}
    </Drawer>
  );
}

function Facts({ a }: { a: Approval }) {
  const { t } = useTranslation('approvals');
  const typeLabel = useDocumentTypeLabel();
  const path = documentPath(a.documentType, a.documentId);
  return (
    <Descriptions
      column={1}
      size="small"
      styles={{ label: { width: 96 } }}
      items={[
        {
          key: 'type',
          label: t('fields.documentType'),
          children: (
            <Flex gap={8} wrap>
              {typeLabel(a.documentType)}
              {path ? <Link to={path}>{t('detail.openDocument')}</Link> : null}
            </Flex>
          ),
        },
        ...(a.amount !== null
          ? [{ key: 'amount', label: t('fields.amount'), children: money(a.amount) }]
          : []),
        { key: 'submitter', label: t('fields.submitter'), children: a.submitter.name },
        { key: 'at', label: t('fields.createdAt'), children: formatDateTime(a.createdAt) },
        { key: 'status', label: t('fields.status'), children: <ApprovalStatusTag status={a.status} /> },
        ...(a.status === 'pending'
          ? [
              {
                key: 'step',
                label: t('fields.step'),
                children: `${t('stepOf', a.step)} · ${a.step.approvers.map((p) => p.name).join('、')}`,
              },
            ]
          : []),
        {
          key: 'flow',
          label: t('fields.flow'),
          children: t('detail.flowVersion', { name: a.flow.name, version: a.flow.version }),
        },
      ]}
    />
  );
}

/** 同意 / 驳回 / 退回修改 with a comment (required to reject or return), or 撤回 for the submitter. */
function Decide({ a }: { a: Approval }) {
  const { t } = useTranslation('approvals');
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ comment?: string }>();
  const act = useApprovalAction();
  const run = async (action: ApprovalAction) => {
    const comment = (form.getFieldValue('comment') ?? '').trim();
    if ((action === 'reject' || action === 'return') && !comment) {
      form.setFields([{ name: 'comment', errors: [t('actions.commentRequired')] }]);
      return;
    }
    try {
      await act.mutateAsync({ id: a.id, action, comment: comment || undefined });
      form.resetFields();
      message.success(t(`actions.done.${action}`));
    } catch (e) {
      if (isApiError(e, 'CONFLICT')) message.warning(t('actions.moved'));
      else showError(e, form);
    }
  };
  const busy = act.isPending ? act.variables?.action : undefined;
  return (
    <Form form={form} layout="vertical" name="approval-decision">
      {a.can.approve ? (
        <>
          <Form.Item name="comment" label={t('fields.comment')}>
            <Input.TextArea
              rows={3}
              maxLength={approvalLimits.comment}
              showCount
              placeholder={t('actions.commentPlaceholder')}
              onChange={() => form.setFields([{ name: 'comment', errors: [] }])}
            />
          </Form.Item>
          <Flex gap={8} wrap>
            <Button
              type="primary"
              loading={busy === 'approve'}
              disabled={!!busy}
              onClick={() => void run('approve')}
            >
              {t('actions.approve')}
            </Button>
            <Button danger loading={busy === 'reject'} disabled={!!busy} onClick={() => void run('reject')}>
              {t('actions.reject')}
            </Button>
            <Button loading={busy === 'return'} disabled={!!busy} onClick={() => void run('return')}>
              {t('actions.return')}
            </Button>
          </Flex>
        </>
      ) : null}
      {a.can.withdraw ? (
        <Popconfirm title={t('actions.withdrawConfirm')} onConfirm={() => run('withdraw')}>
          <Button loading={busy === 'withdraw'}>{t('actions.withdraw')}</Button>
        </Popconfirm>
      ) : null}
    </Form>
  );
}
