import './texts.ts';
import type { CampaignRoi } from '@guanxi/contract';
import { Card, DatePicker, Empty, Flex, Form, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { useCampaignRoi } from './api.ts';
import { CampaignStatusTag, formatMoney, moneyOrDash, useChannelLabel } from './labels.tsx';
import { ResultsCard } from './results-card.tsx';
import { RoiChart } from './roi-chart.tsx';

type Row = CampaignRoi['campaigns'][number];
type ChannelRow = CampaignRoi['channels'][number];

/** 活动 ROI 分析: the campaigns in scope of a period, in total, per channel (chart and table) and one by one. */
export function CampaignRoiPage() {
  const { t } = useTranslation('campaigns');
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const channelLabel = useChannelLabel();
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>(() => [
    dayjs().startOf('year'),
    dayjs().endOf('year'),
  ]);
  const [channel, setChannel] = useState<string | null>(null);
  const roi = useCampaignRoi(
    period[0].format('YYYY-MM-DD'),
    period[1].format('YYYY-MM-DD'),
    channel ?? undefined,
  );
  const data = roi.data;
  const channels = useMemo(
    () => (data?.channels ?? []).map((c) => ({ ...c, label: channelLabel(c.channel, c.channelName) })),
    [data, channelLabel],
  );

  const figures = <T extends Row | ChannelRow>() => [
    {
      key: 'cost',
      title: t('roi.cost'),
      align: 'right' as const,
      render: (_: unknown, r: T) => formatMoney(r.cost),
    },
    { key: 'leads', title: t('roi.leads'), align: 'right' as const, render: (_: unknown, r: T) => r.leads },
    {
      key: 'customers',
      title: t('roi.customers'),
      align: 'right' as const,
      render: (_: unknown, r: T) => r.customers,
    },
    {
      key: 'costPerLead',
      title: t('roi.costPerLead'),
      align: 'right' as const,
      render: (_: unknown, r: T) => moneyOrDash(r.costPerLead),
    },
    {
      key: 'costPerCustomer',
      title: t('roi.costPerCustomer'),
      align: 'right' as const,
      render: (_: unknown, r: T) => moneyOrDash(r.costPerCustomer),
    },
    {
      key: 'wonAmount',
      title: t('roi.wonAmount'),
      align: 'right' as const,
      render: (_: unknown, r: T) => formatMoney(r.wonAmount),
    },
  ];

  return (
    <>
      <PageHeader title={t('roi.title')} onBack={() => navigate('/campaigns')} />
      <Flex vertical gap={16}>
        <Card size="small">
          <Form layout={isPhone ? 'vertical' : 'inline'} style={{ rowGap: 8 }}>
            <Form.Item label={t('roi.period')}>
              <DatePicker.RangePicker
                style={isPhone ? { width: '100%' } : undefined}
                value={period}
                allowClear={false}
                onChange={(v) => (v?.[0] && v[1] ? setPeriod([v[0], v[1]]) : undefined)}
              />
            </Form.Item>
            <Form.Item
              label={t('fields.channel')}
              style={{ minWidth: 200, marginBottom: isPhone ? 0 : undefined }}
            >
              <DictionarySelect type="campaign-channel" value={channel} onChange={setChannel} />
            </Form.Item>
          </Form>
        </Card>
        {roi.isError ? (
          <QueryError error={roi.error} onRetry={() => void roi.refetch()} />
        ) : !data ? (
          <Card loading />
        ) : data.total.campaigns === 0 ? (
          <Card>
            <Empty description={t('roi.empty')} />
          </Card>
        ) : (
          <>
            <ResultsCard results={data.total} extra={data.total.campaigns} />
            <Card size="small" title={t('roi.byChannel')}>
              <RoiChart channels={channels} />
              <Table<ChannelRow & { label: string }>
                size="small"
                rowKey="channel"
                pagination={false}
                dataSource={channels}
                scroll={{ x: 'max-content' }}
                columns={[
                  { key: 'channel', title: t('fields.channel'), render: (_, r) => r.label },
                  {
                    key: 'campaigns',
                    title: t('roi.campaigns'),
                    align: 'right',
                    render: (_, r) => r.campaigns,
                  },
                  ...figures<ChannelRow & { label: string }>(),
                ]}
              />
            </Card>
            <Card size="small" title={t('roi.byCampaign')}>
              <Table<Row>
                size="small"
                rowKey="id"
                pagination={data.campaigns.length > 20 ? { pageSize: 20, size: 'small' } : false}
                dataSource={data.campaigns}
                scroll={{ x: 'max-content' }}
                columns={[
                  {
                    key: 'name',
                    title: t('fields.name'),
                    fixed: 'left',
                    render: (_, r) => <Link to={`/campaigns?id=${r.id}`}>{r.name}</Link>,
                  },
                  {
                    key: 'channel',
                    title: t('fields.channel'),
                    render: (_, r) => channelLabel(r.channel, r.channelName),
                  },
                  {
                    key: 'status',
                    title: t('fields.status'),
                    render: (_, r) => <CampaignStatusTag status={r.status} />,
                  },
                  {
                    key: 'period',
                    title: t('fields.period'),
                    render: (_, r) => `${r.startDate} ~ ${r.endDate}`,
                  },
                  ...figures<Row>(),
                ]}
              />
            </Card>
            <Typography.Text type="secondary">{t('roi.counted')}</Typography.Text>
          </>
        )}
      </Flex>
    </>
  );
}
