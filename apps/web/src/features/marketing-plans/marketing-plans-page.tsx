import './texts.ts';
import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { type MarketingPlan, planFeedbackStatuses, planReviewStatuses, planTypes } from '@guanxi/contract';
import { Button, Flex, Form, Segmented, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import { useMineOrTeam } from '../../lib/use-mine-or-team.ts';
import { useOpenRecord } from '../../lib/use-open-record.ts';
import { useUpdateParams } from '../../lib/use-update-params.ts';
import { formatMoney } from '../customers/money.ts';
import { DepartmentTreeSelect } from '../departments/department-tree-select.tsx';
import { UserSelect } from '../users/user-select.tsx';
import { fetchPlans, planKeys } from './api.ts';
import { DateRangeField } from './date-range-field.tsx';
import { ExecutionTag, formatPercent, ReviewStatusTag, SubTypeSelect, useSubTypeName } from './labels.tsx';
import { PlanDetail } from './plan-detail.tsx';
import { PlanDrawer } from './plan-drawer.tsx';

type View = 'mine' | 'team' | 'queue';

const urlState = {
  filterKeys: ['type', 'subType', 'reviewStatus', 'feedbackStatus', 'departmentId', 'ownerId', 'from', 'to'],
};

/**
 * 营销计划: 我的 / 团队 / 未审核 (reviewers; `?queue=unreviewed` — the notifications link there),
 * filters, 新建计划, the summary, a detail drawer (`?id=`).
 */
export function MarketingPlansPage() {
  const { t } = useTranslation('marketingPlans');
  const can = useCan();
  const reviewer = can('marketing-plans:review');
  const [mineOrTeam, setMineOrTeam] = useMineOrTeam('marketing-plans');
  const [params] = useSearchParams();
  const updateParams = useUpdateParams();
  const view: View = reviewer && params.get('queue') === 'unreviewed' ? 'queue' : mineOrTeam;
  const [openId, openRecord] = useOpenRecord();
  const subTypeName = useSubTypeName();
  const [drawer, setDrawer] = useState<'new' | MarketingPlan | null>(null);

  const changeView = (next: View) => {
    if (next === 'queue')
      updateParams((p) => {
        p.set('queue', 'unreviewed');
        p.delete('view');
      });
    else if (view === 'queue')
      updateParams((p) => {
        p.delete('queue');
        p.set('view', next);
      });
    else setMineOrTeam(next);
  };

  const columns = useMemo<ListColumn<MarketingPlan>[]>(
    () => [
      {
        key: 'number',
        title: t('fields.number'),
        sortable: true,
        alwaysVisible: true,
        render: (p) => (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => openRecord(p.id)}>
            {p.number}
          </Button>
        ),
      },
      {
        key: 'title',
        title: t('fields.title'),
        ellipsis: true,
        width: 220,
        render: (p) => <Typography.Text ellipsis={{ tooltip: p.title }}>{p.title}</Typography.Text>,
      },
      {
        key: 'type',
        title: t('fields.type'),
        render: (p) => `${t(`types.${p.type}`)} / ${subTypeName(p)}`,
      },
      {
        key: 'startDate',
        title: t('fields.dates'),
        sortable: true,
        render: (p) => `${p.startDate} ~ ${p.endDate}`,
      },
      { key: 'ownerName', title: t('fields.owner'), render: (p) => p.ownerName },
      { key: 'departmentName', title: t('fields.department'), render: (p) => p.departmentName },
      {
        key: 'budget',
        title: t('fields.budget'),
        align: 'right',
        render: (p) => formatMoney(p.budget),
      },
      {
        key: 'reviewStatus',
        title: t('fields.reviewStatus'),
        render: (p) => <ReviewStatusTag status={p.reviewStatus} />,
      },
      {
        key: 'execution',
        title: t('fields.execution'),
        render: (p) => <ExecutionTag execution={p.execution} />,
      },
      { key: 'checkInCount', title: t('fields.checkIns'), align: 'right', render: (p) => p.checkInCount },
      {
        key: 'attainment',
        title: t('fields.attainment'),
        align: 'right',
        render: (p) => formatPercent(p.attainment),
      },
      {
        key: 'regionName',
        title: t('fields.region'),
        defaultHidden: true,
        render: (p) => p.regionName ?? '',
      },
      {
        key: 'createdAt',
        title: t('fields.createdAt'),
        sortable: true,
        defaultHidden: true,
        render: (p) => p.createdAt.slice(0, 10),
      },
    ],
    [t, openRecord, subTypeName],
  );

  const fixedParams =
    view === 'mine' ? { mine: 'true' } : view === 'queue' ? { queue: 'unreviewed' } : undefined;

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Flex gap={8} wrap>
            <Link to="/marketing-plans/summary">
              <Button icon={<BarChartOutlined aria-hidden />}>{t('summary.open')}</Button>
            </Link>
            {can('marketing-plans:create') ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDrawer('new')}>
                {t('create')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <ListPage<MarketingPlan>
        queryKey={planKeys.all}
        fetcher={fetchPlans}
        columns={columns}
        rowKey={(p) => p.id}
        columnPreferenceKey="columns.marketing-plans"
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={view === 'queue' ? t('emptyQueue') : t('empty')}
        defaultSort="-startDate"
        urlState={urlState}
        fixedParams={fixedParams}
        toolbar={
          <Segmented<View>
            value={view}
            onChange={changeView}
            options={[
              { value: 'mine', label: t('views.mine') },
              { value: 'team', label: t('views.team') },
              ...(reviewer ? [{ value: 'queue' as const, label: t('views.queue') }] : []),
            ]}
          />
        }
        filterFields={[
          <Form.Item key="type" name="type" label={t('fields.type')}>
            <Select
              allowClear
              placeholder={t('filters.any')}
              options={planTypes.map((v) => ({ value: v, label: t(`types.${v}`) }))}
            />
          </Form.Item>,
          <Form.Item key="subType" name="subType" label={t('fields.subType')}>
            <SubTypeSelect />
          </Form.Item>,
          <Form.Item key="reviewStatus" name="reviewStatus" label={t('fields.reviewStatus')}>
            <Select
              allowClear
              placeholder={t('filters.any')}
              options={planReviewStatuses.map((v) => ({ value: v, label: t(`reviewStatuses.${v}`) }))}
            />
          </Form.Item>,
          <Form.Item key="feedbackStatus" name="feedbackStatus" label={t('fields.feedbackStatus')}>
            <Select
              allowClear
              placeholder={t('filters.any')}
              options={planFeedbackStatuses.map((v) => ({ value: v, label: t(`feedbackStatuses.${v}`) }))}
            />
          </Form.Item>,
          <DateRangeField key="range" label={t('filters.range')} />,
          ...(can('departments:view')
            ? [
                <Form.Item key="departmentId" name="departmentId" label={t('fields.department')}>
                  <DepartmentTreeSelect />
                </Form.Item>,
              ]
            : []),
          ...(can('users:view')
            ? [
                <Form.Item key="ownerId" name="ownerId" label={t('fields.owner')}>
                  <UserSelect />
                </Form.Item>,
              ]
            : []),
        ]}
      />
      <PlanDrawer
        target={drawer}
        onClose={() => setDrawer(null)}
        // the saved plan opens where it can be read (its review, and later its execution)
        onSaved={(p) => openRecord(p.id)}
      />
      <PlanDetail
        id={openId}
        onClose={() => openRecord(null)}
        // the form takes the detail's place (two drawers of one width would hide each other)
        onEdit={(p) => {
          openRecord(null);
          setDrawer(p);
        }}
      />
    </>
  );
}
