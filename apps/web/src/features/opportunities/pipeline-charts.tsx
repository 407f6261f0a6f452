import './texts.ts';
import { Card, Col, DatePicker, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/echart.tsx';
import { QueryError } from '../../components/query-error.tsx';
import type { QueryParams } from '../../lib/api.ts';
import { useForecast, useFunnel } from './api.ts';
import { yuan } from './labels.tsx';

/** 销售漏斗: how many of the deals created in the period reached each stage, and won / lost. */
export function FunnelCard({ query }: { query: QueryParams }) {
  const { t } = useTranslation('opportunities');
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>(() => [
    dayjs().subtract(11, 'month').startOf('month'),
    dayjs(),
  ]);
  const funnel = useFunnel({
    ...query,
    from: period[0].format('YYYY-MM-DD'),
    to: period[1].format('YYYY-MM-DD'),
  });
  const data = funnel.data;
  const option = useMemo(() => {
    if (!data) return null;
    const rows = [
      ...data.stages.map((s) => ({ name: s.name, value: s.reached })),
      { name: t('funnel.won'), value: data.won.count },
    ];
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
      series: [
        {
          name: t('funnel.reached'),
          type: 'bar',
          data: rows.map((r, i) => ({
            value: r.value,
            itemStyle: i === rows.length - 1 ? { color: '#52c41a' } : undefined,
          })),
          label: { show: true, position: 'right' },
          barMaxWidth: 28,
        },
      ],
    };
  }, [data, t]);
  return (
    <Card
      size="small"
      title={t('funnel.title')}
      role="region"
      aria-label={t('funnel.title')}
      extra={
        <DatePicker.RangePicker
          size="small"
          aria-label={t('funnel.period')}
          value={period}
          allowClear={false}
          onChange={(v) => (v?.[0] && v[1] ? setPeriod([v[0], v[1]]) : undefined)}
        />
      }
    >
      {funnel.isError ? (
        <QueryError error={funnel.error} onRetry={() => void funnel.refetch()} />
      ) : !data || !option ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={8}>
          <Row gutter={[16, 8]}>
            <Col xs={8}>
              <Statistic title={t('funnel.total')} value={data.total} />
            </Col>
            <Col xs={8}>
              <Statistic
                title={t('funnel.won')}
                value={data.won.count}
                suffix={<small>{yuan(data.won.amount)}</small>}
              />
            </Col>
            <Col xs={8}>
              <Statistic title={t('funnel.lost')} value={data.lost.count} />
            </Col>
          </Row>
          <EChart option={option} label={t('funnel.title')} height={260} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('funnel.hint')}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}

/** 销售预测 by month: won, weighted and best case (amounts are drawn as numbers, shown exactly in the table). */
export function ForecastCard({ query }: { query: QueryParams }) {
  const { t } = useTranslation('opportunities');
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    dayjs().subtract(2, 'month'),
    dayjs().add(5, 'month'),
  ]);
  const forecast = useForecast({
    ...query,
    from: range[0].format('YYYY-MM'),
    to: range[1].format('YYYY-MM'),
  });
  const rows = forecast.data;
  const option = useMemo(
    () =>
      rows && {
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0 },
        grid: { left: 8, right: 8, top: 16, bottom: 32, containLabel: true },
        xAxis: { type: 'category', data: rows.map((r) => r.month) },
        yAxis: { type: 'value' },
        series: [
          { name: t('forecast.won'), type: 'bar', data: rows.map((r) => Number(r.won)), barMaxWidth: 32 },
          { name: t('forecast.weighted'), type: 'line', data: rows.map((r) => Number(r.weighted)) },
          {
            name: t('forecast.bestCase'),
            type: 'line',
            lineStyle: { type: 'dashed' },
            data: rows.map((r) => Number(r.bestCase)),
          },
        ],
      },
    [rows, t],
  );
  return (
    <Card
      size="small"
      title={t('forecast.title')}
      role="region"
      aria-label={t('forecast.title')}
      extra={
        <DatePicker.RangePicker
          size="small"
          picker="month"
          aria-label={t('forecast.months')}
          value={range}
          allowClear={false}
          onChange={(v) => (v?.[0] && v[1] ? setRange([v[0], v[1]]) : undefined)}
        />
      }
    >
      {forecast.isError ? (
        <QueryError error={forecast.error} onRetry={() => void forecast.refetch()} />
      ) : !rows || !option ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={8}>
          <EChart option={option} label={t('forecast.title')} height={280} />
          <div style={{ overflowX: 'auto' }}>
            <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 12 }}>
              <thead>
                <tr>
                  <th style={{ textAlign: 'left' }}>{t('forecast.months')}</th>
                  <th style={{ textAlign: 'right' }}>{t('forecast.won')}</th>
                  <th style={{ textAlign: 'right' }}>{t('forecast.weighted')}</th>
                  <th style={{ textAlign: 'right' }}>{t('forecast.bestCase')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.month}>
                    <td>{r.month}</td>
                    <td style={{ textAlign: 'right' }}>{yuan(r.won)}</td>
                    <td style={{ textAlign: 'right' }}>{yuan(r.weighted)}</td>
                    <td style={{ textAlign: 'right' }}>{yuan(r.bestCase)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('forecast.hint')}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
