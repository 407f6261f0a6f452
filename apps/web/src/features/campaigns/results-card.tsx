import './texts.ts';
import type { CampaignResults } from '@guanxi/contract';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMoney, moneyOrDash } from './labels.tsx';

/**
 * 投入产出: cost against leads, customers and won amounts, what each cost, and — said in words —
 * which figures are counted.
 */
export function ResultsCard({
  results,
  title,
  extra,
}: {
  results: CampaignResults;
  title?: string;
  extra?: number;
}) {
  const { t } = useTranslation('campaigns');
  const figures: { key: string; label: string; value: string }[] = [
    ...(extra !== undefined ? [{ key: 'campaigns', label: t('roi.campaigns'), value: String(extra) }] : []),
    { key: 'cost', label: t('roi.cost'), value: `¥${formatMoney(results.cost)}` },
    { key: 'leads', label: t('roi.leads'), value: String(results.leads) },
    { key: 'converted', label: t('roi.converted'), value: String(results.converted) },
    { key: 'customers', label: t('roi.customers'), value: String(results.customers) },
    { key: 'costPerLead', label: t('roi.costPerLead'), value: moneyOrDash(results.costPerLead) },
    { key: 'costPerCustomer', label: t('roi.costPerCustomer'), value: moneyOrDash(results.costPerCustomer) },
    { key: 'wonAmount', label: t('roi.wonAmount'), value: `¥${formatMoney(results.wonAmount)}` },
  ];
  return (
    <Card size="small" title={title ?? t('roi.card')} role="region" aria-label={title ?? t('roi.card')}>
      <Row gutter={[16, 12]}>
        {figures.map((f) => (
          <Col key={f.key} xs={12} sm={8} md={6}>
            <Statistic title={f.label} value={f.value} valueStyle={{ fontSize: 18 }} />
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        {t('roi.counted')}
      </Typography.Paragraph>
    </Card>
  );
}
