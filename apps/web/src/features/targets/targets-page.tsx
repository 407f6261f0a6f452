import './texts.ts';
import { ApartmentOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { type TargetPeriod, targetPeriodEnd, targetPeriodStartOf, targetPeriods } from '@guanxi/contract';
import {
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Progress,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { EChart } from '../../components/echart.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan, useMe } from '../../lib/access.ts';
import { tenantToday } from '../../lib/tenant-today.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { formatMoney } from '../customers/money.ts';
import { useAttainment, useDeleteTarget, useTargetSettings } from './api.ts';
import { SetTargetDialog, SettingsDialog, SplitDialog } from './target-dialogs.tsx';
import { buildTree, progressOf, type TreeRow, unallocated } from './tree.ts';

const pickers = { month: 'month', quarter: 'quarter', year: 'year' } as const;
const money = (v: string | null) => (v === null ? '—' : `¥${formatMoney(v)}`);

/**
 * 销售任务: a period's targets down the department tree to people, with what is achieved and the
 * rate as progress bars; set, change, split and delete targets; a chart of the level below the top.
 */
export function TargetsPage() {
  const { t } = useTranslation('targets');
  const me = useMe();
  const can = useCan();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const period = (targetPeriods as readonly string[]).includes(params.get('period') ?? '')
    ? (params.get('period') as TargetPeriod)
    : 'month';
  const today = tenantToday(me.tenant.timezone);
  const start = targetPeriodStartOf(period, params.get('start') ?? today);
  const end = targetPeriodEnd(period, start);
  const lastDay = dayjs(end).subtract(1, 'day').format('YYYY-MM-DD');
  const choose = (p: TargetPeriod, s: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('period', p);
        next.set('start', targetPeriodStartOf(p, s));
        return next;
      },
      { replace: true },
    );

  const attainment = useAttainment(period, start);
  const settings = useTargetSettings();
  const remove = useDeleteTarget();
  const [setting, setSetting] = useState<TreeRow | null>(null);
  const [splitting, setSplitting] = useState<TreeRow | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const tree = useMemo(() => (attainment.data ? buildTree(attainment.data) : []), [attainment.data]);

  const basis = attainment.data?.basis ?? settings.data?.basis;
  const columns: ColumnsType<TreeRow> = [
    {
      title: t('columns.name'),
      dataIndex: 'name',
      render: (_, r) => (
        <Flex vertical gap={0}>
          <Space size={4} wrap>
            {r.kind === 'department' ? (
              <ApartmentOutlined aria-label={t('department')} />
            ) : (
              <UserOutlined aria-label={t('person')} />
            )}
            <Typography.Text strong={r.kind === 'department'}>{r.name}</Typography.Text>
            {r.kind === 'user' && r.id === me.user.id ? <Tag color="blue">{t('mine')}</Tag> : null}
            {r.targetId === null ? <Tag>{t('noTarget')}</Tag> : null}
          </Space>
          {phone ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {money(r.actual)} / {money(r.target)}
              {r.kind === 'department' ? <UnallocatedTag row={r} /> : null}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('columns.target'),
      dataIndex: 'target',
      align: 'right',
      responsive: ['md'],
      render: (v: string | null) => money(v),
    },
    {
      title: t('columns.actual'),
      dataIndex: 'actual',
      align: 'right',
      responsive: ['md'],
      render: (v: string) => money(v),
    },
    {
      title: t('columns.rate'),
      dataIndex: 'rate',
      width: phone ? 110 : 180,
      render: (rate: string | null, r) =>
        rate === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Progress
            percent={progressOf(rate)}
            size="small"
            status={Number(rate) >= 100 ? 'success' : 'normal'}
            format={() => `${rate}%`}
            aria-label={`${r.name} ${t('columns.rate')} ${rate}%`}
          />
        ),
    },
    {
      title: t('columns.count'),
      key: 'count',
      align: 'right',
      responsive: ['lg'],
      render: (_, r) =>
        `${r.targetCount ?? '—'} / ${r.actualCount}${r.countRate ? ` (${r.countRate}%)` : ''}`,
    },
    {
      title: t('columns.unallocated'),
      key: 'unallocated',
      align: 'right',
      responsive: ['md'],
      render: (_, r) => (r.kind === 'department' ? <UnallocatedTag row={r} /> : null),
    },
    {
      title: t('columns.actions'),
      key: 'actions',
      width: phone ? 90 : 220,
      render: (_, r) => (
        <Space size={0} wrap>
          {r.targetId === null
            ? can('targets:create') && (
                <Button
                  type="link"
                  size="small"
                  onClick={() => setSetting(r)}
                  aria-label={`${t('actions.set')} ${r.name}`}
                >
                  {t('actions.set')}
                </Button>
              )
            : can('targets:edit') && (
                <Button
                  type="link"
                  size="small"
                  onClick={() => setSetting(r)}
                  aria-label={`${t('actions.edit')} ${r.name}`}
                >
                  {t('actions.edit')}
                </Button>
              )}
          {r.kind === 'department' && r.targetId !== null && can('targets:create') && r.children?.length ? (
            <Button
              type="link"
              size="small"
              onClick={() => setSplitting(r)}
              aria-label={`${t('actions.split')} ${r.name}`}
            >
              {t('actions.split')}
            </Button>
          ) : null}
          {r.targetId !== null && can('targets:delete') ? (
            <ConfirmDeleteButton
              look="link"
              title={t('deleteConfirm')}
              label={t('actions.delete')}
              ariaLabel={`${t('actions.delete')} ${r.name}`}
              icon={null}
              onConfirm={() => remove.mutateAsync({ id: r.targetId!, version: r.targetVersion! })}
            />
          ) : null}
        </Space>
      ),
    },
  ];

  // the chart: the departments below a single top department (a supervisor's teams), else the tops;
  // people only where there is no department (an account manager's own row)
  const level = tree.length === 1 && tree[0].children?.length ? tree[0].children : tree;
  const departmentsOnly = level.filter((r) => r.kind === 'department');
  const chartRows = departmentsOnly.length ? departmentsOnly : level;
  const chartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      // the legend below, as the other charts: above, it runs into the axis names on a phone
      legend: { bottom: 0, data: [t('chart.target'), t('chart.actual'), t('chart.rate')] },
      grid: { left: 8, right: 8, bottom: 32, top: 24, containLabel: true },
      xAxis: {
        type: 'category',
        data: chartRows.map((r) => r.name),
        axisLabel: { interval: 0, rotate: phone ? 30 : 0 },
      },
      yAxis: [
        { type: 'value' },
        { type: 'value', axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('chart.target'),
          type: 'bar',
          data: chartRows.map((r) => (r.target === null ? 0 : Number(r.target))),
        },
        { name: t('chart.actual'), type: 'bar', data: chartRows.map((r) => Number(r.actual)) },
        {
          name: t('chart.rate'),
          type: 'line',
          yAxisIndex: 1,
          data: chartRows.map((r) => (r.rate === null ? null : Number(r.rate))),
        },
      ],
    }),
    [chartRows, phone, t],
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        subTitle={basis ? t('subtitle', { basis: t(`basis.${basis}`), from: start, to: lastDay }) : undefined}
        extra={
          <>
            <Segmented<TargetPeriod>
              value={period}
              onChange={(p) => choose(p, start)}
              options={targetPeriods.map((p) => ({ value: p, label: t(`period.${p}`) }))}
            />
            <DatePicker
              picker={pickers[period]}
              value={dayjs(start)}
              allowClear={false}
              aria-label={t('pickPeriod')}
              onChange={(d) => d && choose(period, d.format('YYYY-MM-DD'))}
            />
            {can('targets:admin') ? (
              <Button icon={<SettingOutlined aria-hidden />} onClick={() => setSettingsOpen(true)}>
                {t('actions.settings')}
              </Button>
            ) : null}
          </>
        }
      />
      {attainment.isError ? (
        <QueryError error={attainment.error} onRetry={() => void attainment.refetch()} />
      ) : (
        <Flex vertical gap={16}>
          {chartRows.length > 0 ? (
            <Card size="small" title={t('chart.title')}>
              <EChart option={chartOption} label={t('chart.label')} height={phone ? 220 : 280} />
            </Card>
          ) : null}
          <Table<TreeRow>
            // a new tree per period: its rows open two levels deep again
            key={`${period}:${start}:${attainment.data ? 1 : 0}`}
            size="small"
            rowKey="key"
            loading={attainment.isPending}
            columns={columns}
            dataSource={tree}
            pagination={false}
            expandable={{
              defaultExpandedRowKeys: tree.flatMap((r) => [r.key, ...(r.children ?? []).map((c) => c.key)]),
              indentSize: phone ? 8 : 16,
            }}
            locale={{ emptyText: <Empty description={t('empty')} /> }}
            scroll={phone ? undefined : { x: 900 }}
          />
        </Flex>
      )}
      <SetTargetDialog row={setting} p={{ period, start, end: lastDay }} onClose={() => setSetting(null)} />
      <SplitDialog row={splitting} onClose={() => setSplitting(null)} />
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </>
  );
}

function UnallocatedTag({ row }: { row: TreeRow }) {
  const { t } = useTranslation('targets');
  const left = unallocated(row);
  // only where there is something to hand down to
  if (left === null || !row.children?.length) return null;
  const negative = left.startsWith('-');
  return (
    <Tag color={negative ? 'red' : left === '0.00' ? 'green' : 'gold'} style={{ marginInlineStart: 4 }}>
      {negative
        ? t('overTag', { amount: money(left.slice(1)) })
        : t('unallocatedTag', { amount: money(left) })}
    </Tag>
  );
}
