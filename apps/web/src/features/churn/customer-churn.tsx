import './texts.ts';
import type { Customer } from '@guanxi/contract';
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../lib/access.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useCustomerChurn } from './api.ts';
import { RiskBar } from './risk-bar.tsx';
import { ChurnStatusTag } from './status-tag.tsx';

/** The 360 header's churn line: the risk score and the latest 流失预警 (for holders of churn:view). */
export function CustomerChurn({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation('churn');
  const can = useCan();
  const allowed = can('churn:view') && c.state !== 'draft';
  const record = useCustomerChurn(c.id, allowed);
  if (!allowed) return null;
  const r = record.data;
  return (
    <Flex gap={16} wrap align="center" role="group" aria-label={t('customer.risk')}>
      <Flex gap={8} align="center">
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
          {t('customer.risk')}
        </Typography.Text>
        <RiskBar score={c.riskScore} width={100} />
      </Flex>
      <Flex gap={8} align="center">
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
          {t('customer.status')}
        </Typography.Text>
        {r ? (
          <>
            <ChurnStatusTag status={r.status} />
            <Link to={`/churn?status=${r.status}&q=${encodeURIComponent(c.name)}`}>{t('customer.open')}</Link>
          </>
        ) : (
          <Typography.Text type="secondary">{t('customer.noRecord')}</Typography.Text>
        )}
        {c.churnedAt ? (
          <Typography.Text type="danger">
            {t('customer.churnedAt', { date: formatDateTime(c.churnedAt).slice(0, 10) })}
          </Typography.Text>
        ) : null}
      </Flex>
    </Flex>
  );
}
