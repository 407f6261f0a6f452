import './texts.ts';
import { type PlanSummary, type PlanSummaryRow, planSummaryGroups } from '@guanxi/contract';
import { Card, Col, DatePicker, Empty, Flex, Row, Segmented, Skeleton, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useUpdateParams } from '../../lib/use-update-params.ts';
import { formatMoney } from '../customers/money.ts';
import { usePlanSummary } from './api.ts';
import { formatPercent } from './labels.tsx';
import { SummaryChart } from './summary-chart.tsx';

type GroupBy = (typeof planSummaryGroups)[number];

/** The list's filter a row of each grouping stands for. */
const drillKey: Record<GroupBy, string> = { department: 'departmentId', user: 'ownerId', type: 'type' };

/** The dates the summary covers unless the address says: this year. */
const defaults = () => ({
  from: dayjs().startOf('year').format('YYYY-MM-DD'),
  to: dayjs().endOf('year').format('YYYY-MM-DD'),
});

/**
 * 营销计划汇总: the caller's scope (a supervisor's subtree) by department, person or type — plans,
 * status, budget vs actual, attainment, 活动签到; each row opens the list filtered to it.
 */
export function PlanSummaryPage() {
  const { t } = useTranslation('marketingPlans');
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [params] = useSearchParams();
  const updateParams = useUpdateParams();
  const groupBy = (planSummaryGroups as readonly string[]).includes(params.get('groupBy') ?? '')
    ? (params.get('groupBy') as GroupBy)
    : 'department';
  const from = params.get('from') ?? defaults().from;
  const to = params.get('to') ?? defaults().to;
  const summary = usePlanSummary({ groupBy, from, to });

  const set = (changes: Record<string, string | undefined>) =>
    updateParams(
      (p) => {
        for (const [k, v] of Object.entries(changes)) v ? p.set(k, v) : p.delete(k);
      },
      { replace: true },
    );

  const drill = (row: PlanSummaryRow) => {
    const q = new URLSearchParams({ view: 'team', [drillKey[groupBy]]: row.key, from, to });
    return `/marketing-plans?${q}`;
  };

  return (
    <>
      <PageHeader title={t('summary.title')} onBack={() => navigate('/marketing-plans')} />
      <Flex vertical gap={16}>
        <Flex gap={12} wrap align="center">
          <DatePicker.RangePicker
            aria-label={t('summary.range')}
            allowClear={false}
            value={[dayjs(from), dayjs(to)]}
            onChange={(range) =>
              range?.[0] && range[1]
                ? set({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })
                : undefined
            }
            style={{ width: isPhone ? '100%' : 280 }}
          />
          <Segmented<GroupBy>
            aria-label={t('summary.groupBy')}
            value={groupBy}
            onChange={(v) => set({ groupBy: v })}
            options={planSummaryGroups.map((g) => ({ value: g, label: t(`summary.groups.${g}`) }))}
          />
        </Flex>
        {summary.isError ? (
          <QueryError error={summary.error} onRetry={() => void summary.refetch()} />
        ) : !summary.data ? (
          <Skeleton active />
        ) : (
          <SummaryBody summary={summary.data} groupBy={groupBy} drill={drill} />
        )}
      </Flex>
    </>
  );
}

function SummaryBody({
  summary,
  groupBy,
  drill,
}: {
  summary: PlanSummary;
  groupBy: GroupBy;
  drill: (row: PlanSummaryRow) => string;
}) {
  const { t } = useTranslation('marketingPlans');
  const isPhone = useIsPhone();
  const total = summary.total;
  // a type's name in the reader's language (the server names them in Chinese)
  const nameOf = (row: PlanSummaryRow) =>
    groupBy === 'type' && (row.key === 'visit' || row.key === 'promotion') ? t(`types.${row.key}`) : row.name;
  // the same rows while the answer is the same: a redraw would restart the chart's animation
  // biome-ignore lint/correctness/useExhaustiveDependencies: nameOf stands for t and groupBy
  const chartRows = useMemo(
    () => summary.data.map((r) => ({ ...r, name: nameOf(r) })),
    [summary.data, t, groupBy],
  );
  const kpis = [
    { key: 'plans', title: t('summary.plans'), value: String(total.plans) },
    { key: 'approved', title: t('summary.approved'), value: String(total.byStatus.approved ?? 0) },
    { key: 'completed', title: t('summary.completed'), value: String(total.byExecution.completed ?? 0) },
    {
      key: 'budget',
      title: t('summary.budgetVsActual'),
      value: `¥${formatMoney(total.budget)} / ¥${formatMoney(total.actualExpenses)}`,
    },
    { key: 'attainment', title: t('summary.attainment'), value: formatPercent(total.attainment) },
    { key: 'checkIns', title: t('summary.checkIns'), value: String(total.checkIns) },
  ];
  return (
    <>
      <Row gutter={[12, 12]}>
        {kpis.map((k) => (
          <Col key={k.key} xs={12} md={8} xl={4}>
            <Card size="small" role="region" aria-label={k.title} style={{ height: '100%' }}>
              <Statistic
                title={k.title}
                value={k.value}
                styles={{ content: { fontSize: isPhone ? 16 : 20 } }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {summary.data.length === 0 || total.plans === 0 ? (
        <Card>
          <Empty description={t('summary.empty')} />
        </Card>
      ) : (
        <>
          <Card size="small" title={t('summary.chart')}>
            <SummaryChart rows={chartRows} />
          </Card>
          <Card size="small" styles={{ body: { padding: 0 } }}>
            <Table<PlanSummaryRow>
              size="small"
              rowKey="key"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={summary.data}
              columns={[
                {
                  key: 'name',
                  title: t(`summary.groups.${groupBy}`),
                  fixed: 'left',
                  render: (_, r) => (
                    <Link to={drill(r)} aria-label={t('summary.drillTo', { name: nameOf(r) })}>
                      {nameOf(r)}
                    </Link>
                  ),
                },
                { key: 'plans', title: t('summary.plans'), align: 'right', render: (_, r) => r.plans },
                {
                  key: 'unreviewed',
                  title: t('summary.unreviewed'),
                  align: 'right',
                  render: (_, r) => (r.byStatus.unreviewed ?? 0) + (r.byStatus['in-approval'] ?? 0),
                },
                {
                  key: 'approved',
                  title: t('summary.approved'),
                  align: 'right',
                  render: (_, r) => r.byStatus.approved ?? 0,
                },
                {
                  key: 'running',
                  title: t('summary.running'),
                  align: 'right',
                  render: (_, r) => r.byExecution.running ?? 0,
                },
                {
                  key: 'completed',
                  title: t('summary.completed'),
                  align: 'right',
                  render: (_, r) => r.byExecution.completed ?? 0,
                },
                {
                  key: 'budget',
                  title: t('summary.budget'),
                  align: 'right',
                  render: (_, r) => formatMoney(r.budget),
                },
                {
                  key: 'actual',
                  title: t('summary.actual'),
                  align: 'right',
                  render: (_, r) => formatMoney(r.actualExpenses),
                },
                {
                  key: 'attainment',
                  title: t('summary.attainment'),
                  align: 'right',
                  render: (_, r) => formatPercent(r.attainment),
                },
                {
                  key: 'checkIns',
                  title: t('summary.checkIns'),
                  align: 'right',
                  render: (_, r) => r.checkIns,
                },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('summary.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {total.plans}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {(total.byStatus.unreviewed ?? 0) + (total.byStatus['in-approval'] ?? 0)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {total.byStatus.approved ?? 0}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {total.byExecution.running ?? 0}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">
                    {total.byExecution.completed ?? 0}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">
                    {formatMoney(total.budget)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={7} align="right">
                    {formatMoney(total.actualExpenses)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={8} align="right">
                    {formatPercent(total.attainment)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={9} align="right">
                    {total.checkIns}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </Card>
        </>
      )}
    </>
  );
}
