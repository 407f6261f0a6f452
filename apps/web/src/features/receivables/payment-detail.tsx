import './texts.ts';
import { Descriptions, Drawer, Flex, Result, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error.tsx';
import { isApiError } from '../../lib/api.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { ApprovalHistory } from '../approvals/approval-history.tsx';
import { formatMoney } from '../customers/money.ts';
import { usePayment } from './api.ts';
import { DocumentLink, PaymentStatusTag } from './labels.tsx';

/** One payment (`?payment=`, where 审批中心 links): what it paid, its allocation, its approval. */
export function PaymentDetail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('receivables');
  const isPhone = useIsPhone();
  const q = usePayment(id);
  const p = q.data;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={p ? `${t('payments')} · ${p.paidAt} · ¥${formatMoney(p.amount)}` : t('payments')}
      size={isPhone ? '100%' : 640}
      destroyOnHidden
    >
      {q.isError ? (
        isApiError(q.error, 'NOT_FOUND') ? (
          <Result status="404" />
        ) : (
          <QueryError error={q.error} onRetry={() => void q.refetch()} />
        )
      ) : !p ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={20}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('fields.document')}>
              <DocumentLink row={p} />
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.customer')}>{p.customerName}</Descriptions.Item>
            <Descriptions.Item label={t('fields.status')}>
              <PaymentStatusTag status={p.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.amount')}>¥{formatMoney(p.amount)}</Descriptions.Item>
            <Descriptions.Item label={t('fields.paidAt')}>{p.paidAt}</Descriptions.Item>
            <Descriptions.Item label={t('fields.method')}>{p.methodName}</Descriptions.Item>
            <Descriptions.Item label={t('fields.payer')}>{p.payer ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('fields.allocations')}>
              {p.allocations.length
                ? p.allocations
                    .map((a) => `${t('fields.instalmentN', { n: a.instalment })} ${formatMoney(a.amount)}`)
                    .join('；')
                : '—'}
            </Descriptions.Item>
            {p.prepaid !== '0.00' ? (
              <Descriptions.Item label={t('fields.prepaid')}>¥{formatMoney(p.prepaid)}</Descriptions.Item>
            ) : null}
            {p.note ? <Descriptions.Item label={t('fields.note')}>{p.note}</Descriptions.Item> : null}
          </Descriptions>
          {p.approvalId ? (
            <section aria-label={t('approval')}>
              <Typography.Title level={5}>{t('approval')}</Typography.Title>
              <ApprovalHistory documentType="payment" documentId={p.id} />
            </section>
          ) : null}
        </Flex>
      )}
    </Drawer>
  );
}
