import './texts.ts';
import { DownloadOutlined, PlusOutlined, ProjectOutlined } from '@ant-design/icons';
import { type Opportunity, opportunityStatuses } from '@guanxi/contract';
import { Button, Dropdown, Flex, Form, Segmented, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn, ShownRecord } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import { API_BASE, type QueryValue, toSearch } from '../../lib/api.ts';
import { download } from '../../lib/download.ts';
import { useOpenRecord } from '../../lib/use-open-record.ts';
import { useUpdateParams } from '../../lib/use-update-params.ts';
import { fetchOpportunities, opportunityKeys, useAssignees, useStages } from './api.ts';
import { OpportunityStatusTag, StalledBadge, targetName, yuan } from './labels.tsx';
import { useOpportunityDialogs } from './use-opportunity-dialogs.tsx';

type View = 'all' | 'mine';
const filterKeys = ['status', 'stageId', 'ownerId'];
const urlState = { filterKeys };

function mapFilters(values: Record<string, unknown>): Record<string, QueryValue> {
  return Object.fromEntries(
    filterKeys.map((k) => [k, typeof values[k] === 'string' ? values[k] : undefined]),
  );
}

/** Owners to filter by: the people in my scope (the 指派 list), searched by name. */
function OwnerFilter(props: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const can = useCan();
  const [q, setQ] = useState('');
  const { data } = useAssignees(q, can('opportunities:assign'));
  return (
    <Select<string>
      allowClear
      {...props}
      options={(data ?? []).map((u) => ({ value: u.id, label: u.name }))}
      showSearch={{ filterOption: false, onSearch: setQ }}
    />
  );
}

/** 销售机会: all in my scope or mine; filters by status, stage and owner; export; the detail drawer (`?id=`). */
export function OpportunitiesPage() {
  const { t } = useTranslation('opportunities');
  const can = useCan();
  const [params] = useSearchParams();
  const updateParams = useUpdateParams();
  const view = (params.get('view') as View | null) ?? 'all';
  const setView = (v: View) =>
    updateParams(
      (p) => {
        p.set('view', v);
        p.delete('page');
      },
      { replace: true },
    );
  const [openId, openRecord] = useOpenRecord();
  const [shown, setShown] = useState<ShownRecord | null>(null);
  const stages = useStages();
  const { startNew, dialogs } = useOpportunityDialogs({
    openId,
    setOpenId: openRecord,
    onCreated: (o) => setShown({ id: o.id, search: o.title }),
  });

  const columns = useMemo<ListColumn<Opportunity>[]>(
    () => [
      {
        key: 'title',
        title: t('fields.title'),
        alwaysVisible: true,
        render: (o) => (
          <Flex gap={4} align="center" wrap>
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => openRecord(o.id)}>
              {o.title}
            </Button>
            <StalledBadge o={o} />
          </Flex>
        ),
      },
      { key: 'target', title: t('fields.target'), render: (o) => targetName(o) },
      { key: 'stageName', title: t('fields.stage') },
      { key: 'status', title: t('fields.status'), render: (o) => <OpportunityStatusTag status={o.status} /> },
      {
        key: 'expectedAmount',
        title: t('fields.expectedAmount'),
        sortable: true,
        align: 'right',
        render: (o) => yuan(o.expectedAmount),
      },
      {
        key: 'probability',
        title: t('fields.probability'),
        align: 'right',
        render: (o) => `${Number(o.probability)}%`,
      },
      {
        key: 'weightedAmount',
        title: t('fields.weightedAmount'),
        align: 'right',
        defaultHidden: true,
        render: (o) => yuan(o.weightedAmount),
      },
      { key: 'expectedCloseDate', title: t('fields.expectedCloseDate'), sortable: true },
      { key: 'ownerName', title: t('fields.owner') },
      {
        key: 'productName',
        title: t('fields.product'),
        defaultHidden: true,
        render: (o) => o.productName ?? '',
      },
      {
        key: 'sourceName',
        title: t('fields.source'),
        defaultHidden: true,
        render: (o) => o.sourceName ?? '',
      },
      { key: 'departmentName', title: t('fields.department'), defaultHidden: true },
      { key: 'creatorName', title: t('fields.creator'), defaultHidden: true },
    ],
    [t, openRecord],
  );

  const exportAs = (format: 'xlsx' | 'csv') =>
    download(
      `${API_BASE}/opportunities/export${toSearch({
        format,
        q: params.get('q') ?? undefined,
        mine: view === 'mine' ? 'true' : undefined,
        ...Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? undefined])),
      })}`,
    );

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Flex gap={8} wrap>
            <Link to="/pipeline">
              <Button icon={<ProjectOutlined aria-hidden />}>{t('actions.board')}</Button>
            </Link>
            {can('opportunities:export') ? (
              <Dropdown
                menu={{
                  items: [
                    { key: 'xlsx', label: 'Excel (.xlsx)', onClick: () => exportAs('xlsx') },
                    { key: 'csv', label: 'CSV', onClick: () => exportAs('csv') },
                  ],
                }}
              >
                <Button icon={<DownloadOutlined aria-hidden />}>{t('actions.export')}</Button>
              </Dropdown>
            ) : null}
            {can('opportunities:create') ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => startNew()}>
                {t('new')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <ListPage<Opportunity>
        queryKey={[...opportunityKeys.all, 'list', view]}
        fetcher={fetchOpportunities}
        columns={columns}
        rowKey={(o) => o.id}
        rowLabel={(o) => o.title}
        columnPreferenceKey="columns.opportunities"
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={t('empty')}
        defaultSort="-updatedAt"
        urlState={urlState}
        show={shown}
        fixedParams={{ mine: view === 'mine' ? 'true' : undefined }}
        toolbar={
          <Segmented
            value={view}
            onChange={(v) => setView(v as View)}
            options={(['all', 'mine'] as const).map((v) => ({ value: v, label: t(`views.${v}`) }))}
          />
        }
        mapFilters={mapFilters}
        filterFields={[
          <Form.Item key="status" name="status" label={t('fields.status')}>
            <Select
              allowClear
              options={(['open', ...opportunityStatuses] as const).map((s) => ({
                value: s,
                label: t(`status.${s}`),
              }))}
            />
          </Form.Item>,
          <Form.Item key="stageId" name="stageId" label={t('fields.stage')}>
            <Select allowClear options={(stages.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>,
          ...(can('opportunities:assign')
            ? [
                <Form.Item key="ownerId" name="ownerId" label={t('fields.owner')}>
                  <OwnerFilter />
                </Form.Item>,
              ]
            : []),
        ]}
      />
      {dialogs}
    </>
  );
}
