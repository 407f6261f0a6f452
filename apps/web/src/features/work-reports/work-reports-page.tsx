import './texts.ts';
import { MessageOutlined, PlusOutlined } from '@ant-design/icons';
import type { WorkReport } from '@guanxi/contract';
import { Badge, Button, DatePicker, Form, Segmented, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import type { QueryValue } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { type MineOrTeam, useMineOrTeam } from '../../lib/use-mine-or-team.ts';
import { useOpenRecord } from '../../lib/use-open-record.ts';
import { UserSelect } from '../users/user-select.tsx';
import { fetchWorkReports, workReportKeys } from './api.ts';
import { MissingPanel } from './missing-panel.tsx';
import { PeriodSelect, usePeriodLabel } from './periods.tsx';
import { ReportDetail } from './report-detail.tsx';
import { ReportDrawer, type ReportTarget } from './report-drawer.tsx';
import { StatusTag } from './status-tag.tsx';

function mapFilters(values: Record<string, unknown>): Record<string, QueryValue> {
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const range = values.range as [Dayjs | null, Dayjs | null] | null | undefined;
  return {
    period: text(values.period),
    userId: text(values.userId),
    // periods starting in the range, both days inclusive
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
  };
}

const urlState = { filterKeys: ['period', 'userId'] };

/** 工作汇报: mine or my team's (the work-reports scope), filters, 写汇报, 未汇报, a detail drawer (`?id=`). */
export function WorkReportsPage() {
  const { t } = useTranslation('workReports');
  const can = useCan();
  const label = usePeriodLabel();
  const [view, setView] = useMineOrTeam('work-reports');
  const [openId, openRecord] = useOpenRecord();
  const [drawer, setDrawer] = useState<ReportTarget | null>(null);

  const columns = useMemo<ListColumn<WorkReport>[]>(
    () => [
      {
        key: 'start',
        title: t('fields.start'),
        sortable: true,
        alwaysVisible: true,
        render: (r) => (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => openRecord(r.id)}>
            {label(r)}
          </Button>
        ),
      },
      { key: 'userName', title: t('fields.user'), render: (r) => r.userName },
      { key: 'departmentName', title: t('fields.department'), render: (r) => r.departmentName ?? '' },
      { key: 'status', title: t('fields.status'), render: (r) => <StatusTag status={r.status} /> },
      {
        key: 'summary',
        title: t('fields.summary'),
        ellipsis: true,
        width: 300,
        render: (r) => <Typography.Text ellipsis={{ tooltip: r.summary }}>{r.summary}</Typography.Text>,
      },
      {
        key: 'figures',
        title: t('fields.figures'),
        render: (r) =>
          r.figures
            ? `${t('figures.followUps')} ${r.figures.followUps} · ${t('figures.visits')} ${r.figures.visits}`
            : '',
      },
      {
        key: 'plan',
        title: t('fields.plan'),
        defaultHidden: true,
        ellipsis: true,
        width: 240,
        render: (r) => r.plan,
      },
      {
        key: 'submittedAt',
        title: t('fields.submittedAt'),
        sortable: true,
        render: (r) => formatDateTime(r.submittedAt),
      },
      {
        key: 'commentCount',
        title: t('fields.commentCount'),
        align: 'center',
        render: (r) =>
          r.commentCount ? (
            <Badge count={r.commentCount} size="small" color="blue">
              <MessageOutlined aria-label={t('fields.commentCount')} />
            </Badge>
          ) : (
            ''
          ),
      },
    ],
    [t, openRecord, label],
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          can('work-reports:create') ? (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setDrawer({ new: 'day' })}
            >
              {t('write')}
            </Button>
          ) : null
        }
      />
      {view === 'team' && can('work-reports:comment') ? <MissingPanel /> : null}
      <ListPage<WorkReport>
        queryKey={workReportKeys.all}
        fetcher={fetchWorkReports}
        columns={columns}
        rowKey={(r) => r.id}
        columnPreferenceKey="columns.work-reports"
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={t('empty')}
        defaultSort="-start"
        urlState={urlState}
        fixedParams={{ view }}
        toolbar={
          <Segmented
            value={view}
            onChange={(v) => setView(v as MineOrTeam)}
            options={[
              { value: 'mine', label: t('views.mine') },
              { value: 'team', label: t('views.team') },
            ]}
          />
        }
        mapFilters={mapFilters}
        filterFields={[
          <Form.Item key="period" name="period" label={t('fields.period')}>
            <PeriodSelect allowClear />
          </Form.Item>,
          <Form.Item key="range" name="range" label={t('fields.range')}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>,
          ...(view === 'team' && can('users:view')
            ? [
                <Form.Item key="userId" name="userId" label={t('fields.user')}>
                  <UserSelect />
                </Form.Item>,
              ]
            : []),
        ]}
      />
      <ReportDrawer
        target={drawer}
        onClose={() => setDrawer(null)}
        onSaved={(r) => {
          setDrawer(null);
          // the report opens where it can be read (and commented on)
          openRecord(r.id);
        }}
      />
      <ReportDetail id={openId} onClose={() => openRecord(null)} onEdit={(r) => setDrawer(r)} />
    </>
  );
}
