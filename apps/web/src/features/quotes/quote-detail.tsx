import './texts.ts';
import { EditOutlined, PrinterOutlined } from '@ant-design/icons';
import type { Quote } from '@guanxi/contract';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Input,
  Popconfirm,
  Result,
  Skeleton,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { ApprovalHistory } from '../approvals/approval-history.tsx';
import {
  DOCUMENT_TYPE,
  type QuoteMove,
  useDecideQuote,
  useDeleteQuote,
  useMoveQuote,
  useQuote,
  useQuoteToOrder,
} from './api.ts';
import { QuoteStatusTag } from './labels.tsx';
import { LinesTable } from './sales-lines.tsx';

type Props = { id: string | null; onClose: () => void; onEdit: (quote: Quote) => void };

/** 报价单详情: lines and totals, the approval (engine or direct), and the moves its state allows. */
export function QuoteDetail({ id, onClose, onEdit }: Props) {
  const { t } = useTranslation('quotes');
  const isPhone = useIsPhone();
  const quote = useQuote(id);
  const q = quote.data;
  const remove = useDeleteQuote();

  const body = quote.isError ? (
    isApiError(quote.error, 'NOT_FOUND') ? (
      <Result status="404" subTitle={t('detail.notFound')} />
    ) : (
      <QueryError error={quote.error} onRetry={() => void quote.refetch()} />
    )
  ) : !q ? (
    <Skeleton active />
  ) : (
    <Flex vertical gap={16}>
      <Moves q={q} />
      <Overview q={q} />
      <LinesTable lines={q.lines} totals={q} />
      {q.submittedAt ? (
        <Flex vertical gap={8}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('detail.approval')}
          </Typography.Title>
          {q.status === 'in-approval' && !q.approvalId ? (
            <Typography.Text type="secondary">{t('detail.noFlow')}</Typography.Text>
          ) : null}
          {q.approvalId ? (
            <>
              <ApprovalHistory documentType={DOCUMENT_TYPE} documentId={q.id} />
              <Link to={`/approvals?id=${q.approvalId}`}>{t('detail.approvalOpen')}</Link>
            </>
          ) : q.approvalOutcome ? (
            // decided without a flow of the engine: the quote keeps the outcome and its comment
            <Typography.Text>
              {t('detail.decided', {
                outcome: t(`detail.outcomes.${q.approvalOutcome}`),
                at: formatDateTime(q.approvedAt ?? q.updatedAt),
              })}
              {q.approvalComment ? `：${q.approvalComment}` : ''}
            </Typography.Text>
          ) : null}
        </Flex>
      ) : null}
    </Flex>
  );

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={q ? `${q.number} · ${q.customerName}` : t('detail.title')}
      size={isPhone ? '100%' : 820}
      destroyOnHidden
      extra={
        q ? (
          <Flex gap={8} wrap justify="flex-end">
            <Link to={`/print/quote/${q.id}`}>
              <Button icon={<PrinterOutlined aria-hidden />}>{t('actions.print')}</Button>
            </Link>
            {q.status === 'draft' && q.canEdit ? (
              <ConfirmDeleteButton
                title={t('detail.deleteConfirm')}
                onConfirm={() => remove.mutateAsync({ id: q.id, version: q.version }).then(onClose)}
                doneMessage={t('detail.deleted')}
              />
            ) : null}
            {q.canEdit ? (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => onEdit(q)}>
                {t('actions.edit', { ns: 'common' })}
              </Button>
            ) : null}
          </Flex>
        ) : null
      }
    >
      {body}
    </Drawer>
  );
}

function Overview({ q }: { q: Quote }) {
  const { t } = useTranslation('quotes');
  const can = useCan();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2 }}
      styles={{ label: { whiteSpace: 'nowrap' } }}
      items={[
        { key: 'status', label: t('fields.status'), children: <QuoteStatusTag status={q.status} /> },
        {
          key: 'customer',
          label: t('fields.customer'),
          children: can('customers:view') ? (
            <Link to={`/customers/${q.customerId}`}>{q.customerName}</Link>
          ) : (
            q.customerName
          ),
        },
        ...(q.opportunityTitle
          ? [{ key: 'opportunity', label: t('fields.opportunity'), children: q.opportunityTitle }]
          : []),
        { key: 'validUntil', label: t('fields.validUntil'), children: q.validUntil },
        { key: 'maxDiscount', label: t('fields.maxDiscount'), children: `${q.maxDiscount}%` },
        { key: 'owner', label: t('fields.owner'), children: q.ownerName },
        { key: 'department', label: t('fields.department'), children: q.departmentName },
        { key: 'createdAt', label: t('fields.createdAt'), children: formatDateTime(q.createdAt) },
        ...(q.orderId
          ? [
              {
                key: 'order',
                label: t('fields.order'),
                children: <Link to={`/orders?id=${q.orderId}`}>{q.orderNumber}</Link>,
              },
            ]
          : []),
        ...(q.notes
          ? [{ key: 'notes', label: t('fields.notes'), span: 'filled' as const, children: q.notes }]
          : []),
      ]}
    />
  );
}

/** The moves the quote's state allows, with the approval's alerts. */
function Moves({ q }: { q: Quote }) {
  const { t } = useTranslation('quotes');
  const can = useCan();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const move = useMoveQuote();
  const decide = useDecideQuote();
  const toOrder = useQuoteToOrder();
  const [comment, setComment] = useState('');
  const run = (m: QuoteMove) =>
    move.mutateAsync({ id: q.id, version: q.version, move: m }).then(
      () => message.success(t(`done.${m}`)),
      (e) => showError(e),
    );
  const editable = can('quotes:edit');
  const buttons: React.ReactNode[] = [];
  if (editable && q.status === 'draft')
    buttons.push(
      <Button key="submit" type="primary" loading={move.isPending} onClick={() => void run('submit')}>
        {t('actions.submit')}
      </Button>,
    );
  if (editable && q.status === 'approved')
    buttons.push(
      <Button key="send" type="primary" loading={move.isPending} onClick={() => void run('send')}>
        {t('actions.send')}
      </Button>,
    );
  if (editable && q.status === 'sent')
    buttons.push(
      <Button key="accept" type="primary" loading={move.isPending} onClick={() => void run('accept')}>
        {t('actions.accept')}
      </Button>,
      <Popconfirm key="reject" title={t('actions.reject')} onConfirm={() => run('reject')}>
        <Button danger>{t('actions.reject')}</Button>
      </Popconfirm>,
    );
  if (q.status === 'accepted' && !q.orderId && can('orders:create'))
    buttons.push(
      <Button
        key="to-order"
        type="primary"
        loading={toOrder.isPending}
        onClick={() =>
          void toOrder.mutateAsync({ id: q.id, version: q.version }).then(
            (o) => {
              message.success(t('done.toOrder', { number: o.number }));
              navigate(`/orders?id=${o.id}`);
            },
            (e) => showError(e),
          )
        }
      >
        {t('actions.toOrder')}
      </Button>,
    );
  const decideAs = (decision: 'approve' | 'reject') =>
    decide.mutateAsync({ id: q.id, version: q.version, decision, comment: comment.trim() || undefined }).then(
      () => message.success(t(decision === 'approve' ? 'done.approve' : 'done.decline')),
      (e) => showError(e),
    );
  return (
    <Flex vertical gap={8}>
      {q.status === 'draft' && q.needsApproval ? (
        <Alert
          type="warning"
          showIcon
          title={t('detail.needsApproval', { threshold: q.discountThreshold })}
        />
      ) : null}
      {q.status === 'draft' && q.approvalOutcome && q.approvalOutcome !== 'approved' ? (
        <Alert
          type="error"
          showIcon
          title={t('detail.backToDraft', { outcome: t(`detail.outcomes.${q.approvalOutcome}`) })}
          description={q.approvalComment ?? undefined}
        />
      ) : null}
      {q.canDecide ? (
        <Alert
          type="warning"
          showIcon
          title={t('detail.waitingDecision', { discount: q.maxDiscount })}
          description={
            <Flex vertical gap={8} style={{ marginTop: 8 }}>
              <Input.TextArea
                aria-label={t('detail.comment')}
                placeholder={t('detail.comment')}
                rows={2}
                maxLength={500}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
              <Flex gap={8} wrap>
                <Button type="primary" loading={decide.isPending} onClick={() => void decideAs('approve')}>
                  {t('actions.approve')}
                </Button>
                <Button danger loading={decide.isPending} onClick={() => void decideAs('reject')}>
                  {t('actions.decline')}
                </Button>
              </Flex>
            </Flex>
          }
        />
      ) : null}
      {buttons.length ? (
        <Flex gap={8} wrap>
          {buttons}
        </Flex>
      ) : null}
    </Flex>
  );
}
