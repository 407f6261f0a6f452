import { ArrowDownOutlined, ArrowRightOutlined, ArrowUpOutlined } from '@ant-design/icons';
import type { DashboardCard, ReportResult, ReportRow } from '@guanxi/contract';
import { Card, Empty, Flex, Skeleton, Table, Tooltip, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/query-error.tsx';
import { toSearch } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useReport } from '../reports/report-kit-api.ts';
import { formatValue } from '../reports/report-table.tsx';
import './texts.ts';

const CHART_HEIGHT = 260;

// ECharts comes after the home's first paint (the KPIs need none of it)
const ReportChart = lazy(() =>
  import('../reports/report-chart.tsx').then((m) => ({ default: m.ReportChart })),
);
// and the map (Leaflet) after that, for the card that draws one
const CheckInMap = lazy(() => import('./check-in-map.tsx').then((m) => ({ default: m.CheckInMap })));

/** The page of a card's report with the card's parameters. */
export const reportLink = (card: DashboardCard) => `/reports/${card.reportCode}${toSearch(card.params)}`;

/** One card of a dashboard: its report run with its parameters, drawn as a KPI, a chart or a small table. */
export function DashboardCardView({ card, name }: { card: DashboardCard; name: string }) {
  const { t } = useTranslation('dashboards');
  const report = useReport(card.reportCode, card.params);
  const title = card.title || name;
  const result = report.data;
  return (
    <Card
      size="small"
      variant="borderless"
      className="dashboard-card"
      title={title}
      style={{ height: '100%' }}
      extra={
        <Tooltip title={t('openReport')}>
          <Link to={reportLink(card)} aria-label={`${t('openReport')}：${title}`}>
            <ArrowRightOutlined aria-hidden />
          </Link>
        </Tooltip>
      }
    >
      {report.isError ? (
        <QueryError error={report.error} onRetry={() => report.refetch()} />
      ) : !result ? (
        <Skeleton active paragraph={{ rows: card.chart === 'kpi' ? 1 : 5 }} />
      ) : (
        <>
          <CardBody card={card} result={result} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {result.freshness.live ? t('live') : t('asOf', { time: formatDateTime(result.freshness.asOf) })}
            {result.period ? ` · ${result.period.from} ~ ${result.period.to}` : ''}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}

/** The figures a card draws: its own measure, else what the report's chart draws (a KPI shows up to four). */
function measuresOf(card: DashboardCard, result: ReportResult) {
  const own = card.measure && result.columns.some((c) => c.key === card.measure) ? [card.measure] : null;
  return own ?? result.chart.measures.slice(0, card.chart === 'kpi' || card.chart === 'map' ? 4 : undefined);
}

function CardBody({ card, result }: { card: DashboardCard; result: ReportResult }) {
  const { t } = useTranslation('dashboards');
  const measures = measuresOf(card, result);
  if (card.chart === 'kpi') return <Kpi result={result} measures={measures} />;
  if (card.chart === 'map')
    return (
      <>
        <Kpi result={result} measures={measures} />
        <Suspense fallback={<Skeleton active paragraph={{ rows: 5 }} />}>
          <CheckInMap height={CHART_HEIGHT} />
        </Suspense>
      </>
    );
  if (!result.rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noData')} />;
  if (card.chart === 'table') return <CardTable result={result} measures={measures} />;
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 5 }} />}>
      <ReportChart
        result={{ ...result, chart: { ...result.chart, type: card.chart, measures } }}
        height={CHART_HEIGHT}
      />
    </Suspense>
  );
}

/** Totals of the period, each with the change against the comparison when the card asks for one. */
function Kpi({ result, measures }: { result: ReportResult; measures: string[] }) {
  const { t } = useTranslation('dashboards');
  return (
    <Flex wrap gap={24} style={{ marginBottom: 8 }}>
      {measures.map((key) => {
        const column = result.columns.find((c) => c.key === key);
        if (!column) return null;
        const now = Number(result.totals[key] ?? 0);
        const before = result.totals[`${key}Compare`];
        const change =
          before === undefined || before === null || Number(before) === 0
            ? null
            : Math.round(((now - Number(before)) / Math.abs(Number(before))) * 1000) / 10;
        return (
          <Flex key={key} vertical gap={2}>
            <Typography.Text type="secondary">{column.name}</Typography.Text>
            <Typography.Text strong style={{ fontSize: 26, lineHeight: 1.2 }} data-kpi={key}>
              {formatValue(column, result.totals[key])}
            </Typography.Text>
            {change !== null && (
              <Typography.Text
                type={change >= 0 ? 'success' : 'danger'}
                style={{ fontSize: 12 }}
                aria-label={`${t('compare')} ${change}%`}
              >
                {change >= 0 ? <ArrowUpOutlined aria-hidden /> : <ArrowDownOutlined aria-hidden />}{' '}
                {Math.abs(change)}% {t('compare')}
              </Typography.Text>
            )}
          </Flex>
        );
      })}
    </Flex>
  );
}

function CardTable({ result, measures }: { result: ReportResult; measures: string[] }) {
  const dimension = result.columns[0]!;
  const shown = [dimension, ...result.columns.filter((c) => measures.includes(c.key))];
  return (
    <Table<ReportRow>
      size="small"
      pagination={false}
      rowKey={(r) => String(r.cell)}
      dataSource={result.rows.slice(0, 8)}
      scroll={{ x: 'max-content' }}
      style={{ marginBottom: 8 }}
      columns={shown.map((c, i) => ({
        key: c.key,
        dataIndex: c.key,
        title: c.name,
        align: i === 0 ? 'left' : 'right',
        ellipsis: i === 0,
        render: (v: ReportRow[string]) => formatValue(c, v),
      }))}
    />
  );
}
