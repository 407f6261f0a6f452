import './texts.ts';
import { DownloadOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { type TicketListItem, ticketPriorities, ticketStatuses } from '@guanxi/contract';
import { Button, Flex, Form, Segmented, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import { download, listExportUrl } from '../../lib/download.ts';
import { useOpenRecord } from '../../lib/use-open-record.ts';
import { useUpdateParams } from '../../lib/use-update-params.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { fetchTickets, ticketKeys } from './api.ts';
import { useTicketColumns } from './columns.tsx';
import { TicketDetail } from './ticket-detail.tsx';
import { type NewTicket, TicketDrawer } from './ticket-drawer.tsx';

const urlState = { filterKeys: ['status', 'priority', 'typeId', 'overdue', 'unlinked'] };
const views = ['all', 'mine', 'queue'] as const;
type View = (typeof views)[number];

/** 服务工单: 全部 / 我的 / 待领取, filters, 新建工单, a detail drawer (`?id=`). */
export function TicketsPage() {
  const { t } = useTranslation('tickets');
  const can = useCan();
  const [params] = useSearchParams();
  const updateParams = useUpdateParams();
  const view = (views as readonly string[]).includes(params.get('view') ?? '')
    ? (params.get('view') as View)
    : 'all';
  const [openId, openRecord] = useOpenRecord();
  const [creating, setCreating] = useState<NewTicket | null>(null);
  const navigate = useNavigate();
  const columns = useTicketColumns(openRecord);

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Flex gap={8} wrap>
            {can('tickets:export') ? (
              <Button
                icon={<DownloadOutlined aria-hidden />}
                onClick={() =>
                  download(listExportUrl('/api/v1/tickets/export', params, ['view', ...urlState.filterKeys]))
                }
              >
                {t('export')}
              </Button>
            ) : null}
            {can('tickets:admin') ? (
              <Button icon={<SettingOutlined aria-hidden />} onClick={() => navigate('/settings/tickets')}>
                {t('settings.button')}
              </Button>
            ) : null}
            {can('tickets:create') ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating({})}>
                {t('create')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <ListPage<TicketListItem>
        queryKey={ticketKeys.all}
        fetcher={fetchTickets}
        columns={columns}
        rowKey={(k) => k.id}
        rowLabel={(k) => k.number}
        columnPreferenceKey="columns.tickets"
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={t('empty')}
        defaultSort="-createdAt"
        urlState={urlState}
        fixedParams={view === 'all' ? undefined : { view }}
        toolbar={
          <Segmented<View>
            value={view}
            onChange={(v) =>
              updateParams((p) => {
                if (v === 'all') p.delete('view');
                else p.set('view', v);
                p.delete('page');
              })
            }
            options={views.map((v) => ({ value: v, label: t(`views.${v}`) }))}
          />
        }
        filterFields={[
          <Form.Item key="status" name="status" label={t('fields.status')}>
            <Select
              allowClear
              placeholder={t('filters.any')}
              options={ticketStatuses.map((v) => ({ value: v, label: t(`statuses.${v}`) }))}
            />
          </Form.Item>,
          <Form.Item key="priority" name="priority" label={t('fields.priority')}>
            <Select
              allowClear
              placeholder={t('filters.any')}
              options={ticketPriorities.map((v) => ({ value: v, label: t(`priorities.${v}`) }))}
            />
          </Form.Item>,
          <Form.Item key="typeId" name="typeId" label={t('fields.type')}>
            <DictionarySelect type="service-type" allowClear placeholder={t('filters.any')} />
          </Form.Item>,
          <Form.Item key="unlinked" name="unlinked" label={t('fields.customer')}>
            <Select
              allowClear
              placeholder={t('filters.any')}
              options={[
                { value: 'true', label: t('filters.unlinked') },
                { value: 'false', label: t('filters.linked') },
              ]}
            />
          </Form.Item>,
          <Form.Item key="overdue" name="overdue" label={t('filters.overdue')}>
            <Select
              allowClear
              placeholder={t('filters.any')}
              options={[
                { value: 'true', label: t('filters.overdueYes') },
                { value: 'false', label: t('filters.overdueNo') },
              ]}
            />
          </Form.Item>,
        ]}
      />
      <TicketDrawer target={creating} onClose={() => setCreating(null)} onSaved={(k) => openRecord(k.id)} />
      <TicketDetail id={openId} onClose={() => openRecord(null)} />
    </>
  );
}
