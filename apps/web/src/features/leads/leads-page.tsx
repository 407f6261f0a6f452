import './texts.ts';
import { ImportOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { type Lead, leadStatuses } from '@guanxi/contract';
import { Button, Flex, Form, Segmented, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn, ShownRecord } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import type { QueryValue } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useOpenRecord } from '../../lib/use-open-record.ts';
import { useUpdateParams } from '../../lib/use-update-params.ts';
import { SavedQueriesButton } from '../saved-queries/saved-queries-button.tsx';
import { fetchLeads, leadKeys, useLeadSettings } from './api.ts';
import { AssignLeadModal, ConvertLeadModal, DisqualifyModal, LeadFormModal } from './dialogs.tsx';
import { LeadStatusTag } from './labels.tsx';
import { LeadDetail } from './lead-detail.tsx';

type View = 'all' | 'mine' | 'pool';
const urlState = { filterKeys: ['status'] };

function mapFilters(values: Record<string, unknown>): Record<string, QueryValue> {
  return { status: typeof values.status === 'string' ? values.status : undefined };
}

/** 线索: all in my scope, mine, or the pool (抢单); 新建, a detail drawer (`?id=`) with every action. */
export function LeadsPage() {
  const { t } = useTranslation('leads');
  const can = useCan();
  const [params, setParams] = useSearchParams();
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
  const [editing, setEditing] = useState<{ lead: Lead | null } | null>(null);
  const [assigning, setAssigning] = useState<Lead | null>(null);
  const [converting, setConverting] = useState<Lead | null>(null);
  const [disqualifying, setDisqualifying] = useState<Lead | null>(null);
  const [shown, setShown] = useState<ShownRecord | null>(null);
  const settings = useLeadSettings(view === 'pool');
  // what a saved query keeps: the view, search and filters, not the page or the open lead
  const savedQuery = Object.fromEntries([...params].filter(([k]) => !['page', 'cursor', 'id'].includes(k)));

  const columns = useMemo<ListColumn<Lead>[]>(
    () => [
      {
        key: 'name',
        title: t('fields.name'),
        sortable: true,
        alwaysVisible: true,
        render: (l) => (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => openRecord(l.id)}>
            {l.name}
          </Button>
        ),
      },
      { key: 'status', title: t('fields.status'), render: (l) => <LeadStatusTag status={l.status} /> },
      { key: 'contactName', title: t('fields.contactName'), render: (l) => l.contactName ?? '' },
      { key: 'mobile', title: t('fields.mobile'), render: (l) => l.mobile ?? '' },
      { key: 'ownerName', title: t('fields.owner'), render: (l) => l.ownerName ?? t('views.pool') },
      { key: 'sourceName', title: t('fields.source'), render: (l) => l.sourceName ?? '' },
      { key: 'formName', title: t('fields.form'), defaultHidden: true, render: (l) => l.formName ?? '' },
      { key: 'email', title: t('fields.email'), defaultHidden: true, render: (l) => l.email ?? '' },
      {
        key: 'departmentName',
        title: t('fields.department'),
        defaultHidden: true,
        render: (l) => l.departmentName ?? '',
      },
      {
        key: 'createdAt',
        title: t('fields.createdAt'),
        sortable: true,
        render: (l) => formatDateTime(l.createdAt),
      },
    ],
    [t, openRecord],
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Flex gap={8} wrap>
            {can('leads:admin') ? (
              <Link to="/leads/forms">
                <Button icon={<SettingOutlined aria-hidden />}>{t('actions.forms')}</Button>
              </Link>
            ) : null}
            {can('leads:import') ? (
              <Link to="/imports?entity=leads">
                <Button icon={<ImportOutlined aria-hidden />}>{t('actions.import')}</Button>
              </Link>
            ) : null}
            {can('leads:create') ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => setEditing({ lead: null })}
              >
                {t('new')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <ListPage<Lead>
        queryKey={[...leadKeys.all, 'list', view]}
        fetcher={fetchLeads}
        columns={columns}
        rowKey={(l) => l.id}
        rowLabel={(l) => l.name}
        columnPreferenceKey="columns.leads"
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={view === 'pool' ? t('emptyPool') : t('empty')}
        defaultSort="-createdAt"
        urlState={urlState}
        show={shown}
        fixedParams={{ view }}
        toolbar={
          <Flex gap={8} align="center" wrap>
            <Segmented
              value={view}
              onChange={(v) => setView(v as View)}
              options={(['all', 'mine', 'pool'] as const).map((v) => ({ value: v, label: t(`views.${v}`) }))}
            />
            {/* a saved query is also a mailing's audience (群发) */}
            <SavedQueriesButton
              list="leads"
              current={savedQuery}
              onApply={(query) => setParams(new URLSearchParams(query))}
            />
            {view === 'pool' && settings.data ? (
              <span style={{ color: 'var(--ant-color-text-secondary)' }}>
                {t('grabLimit', { limit: settings.data.grabDailyLimit })}
              </span>
            ) : null}
          </Flex>
        }
        mapFilters={mapFilters}
        filterFields={[
          <Form.Item key="status" name="status" label={t('fields.status')}>
            <Select allowClear options={leadStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
          </Form.Item>,
        ]}
      />
      <LeadFormModal
        open={!!editing}
        lead={editing?.lead ?? null}
        onClose={() => setEditing(null)}
        onSaved={(l) => {
          if (!editing?.lead) {
            setShown({ id: l.id, search: l.name });
            openRecord(l.id);
          }
        }}
      />
      <LeadDetail
        id={openId}
        onClose={() => openRecord(null)}
        onEdit={(l) => setEditing({ lead: l })}
        onAssign={setAssigning}
        onConvert={setConverting}
        onDisqualify={setDisqualifying}
      />
      <AssignLeadModal lead={assigning} onClose={() => setAssigning(null)} />
      <ConvertLeadModal lead={converting} onClose={() => setConverting(null)} />
      <DisqualifyModal lead={disqualifying} onClose={() => setDisqualifying(null)} />
    </>
  );
}
