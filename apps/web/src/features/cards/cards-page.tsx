import './texts.ts';
import { PlusOutlined } from '@ant-design/icons';
import { type Card, type CardBatch, cardStatuses } from '@guanxi/contract';
import { Button, Form, Select, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import type { QueryValue } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useTabParam } from '../../lib/use-tab-param.ts';
import { cardKeys, fetchBatches, fetchCards } from './api.ts';
import { BatchFormModal } from './batch-form-modal.tsx';
import { CardStatusTag } from './labels.tsx';
import { SecretsExportButton } from './secrets-export.tsx';

const tabs = ['batches', 'cards'] as const;
// both lists keep their search, page and filters in the address (back/forward, reload)
const batchesUrlState = { filterKeys: [] };
const cardsUrlState = { filterKeys: ['status', 'batchId'] };

/** 充值卡: the batches (新建, 导出卡密 once) and the cards (by status, batch, number). */
export function CardsPage() {
  const { t } = useTranslation('cards');
  const can = useCan();
  const [tab, switchTab] = useTabParam(tabs);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          can('cards:manage') ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t('newBatch')}
            </Button>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={switchTab}
        items={[
          { key: 'batches', label: t('tabs.batches'), children: <BatchesTab /> },
          { key: 'cards', label: t('tabs.cards'), children: <CardsTab /> },
        ]}
        destroyOnHidden
      />
      <BatchFormModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function BatchesTab() {
  const { t } = useTranslation('cards');
  const can = useCan();
  const columns = useMemo<ListColumn<CardBatch>[]>(
    () => [
      { key: 'prefix', title: t('fields.prefix'), alwaysVisible: true, render: (b) => b.prefix },
      { key: 'name', title: t('fields.name'), alwaysVisible: true, render: (b) => b.name },
      { key: 'faceValue', title: t('fields.faceValue'), align: 'right', render: (b) => b.faceValue },
      {
        key: 'count',
        title: t('fields.count'),
        align: 'right',
        render: (b) => <Link to={`/cards?tab=cards&batchId=${b.id}`}>{b.count}</Link>,
      },
      { key: 'expiresAt', title: t('fields.expiresAt'), render: (b) => b.expiresAt },
      { key: 'channel', title: t('fields.channel'), render: (b) => b.channel ?? '' },
      {
        key: 'createdAt',
        title: t('fields.createdAt'),
        sortable: true,
        render: (b) => formatDateTime(b.createdAt),
      },
      ...(can('cards:manage')
        ? [
            {
              key: 'secrets',
              title: t('fields.secrets'),
              alwaysVisible: true,
              render: (b: CardBatch) => <SecretsExportButton batch={b} />,
            },
          ]
        : []),
    ],
    [t, can],
  );
  return (
    <ListPage<CardBatch>
      queryKey={cardKeys.batches}
      fetcher={fetchBatches}
      columns={columns}
      rowKey={(b) => b.id}
      rowLabel={(b) => b.name}
      columnPreferenceKey="columns.cardBatches"
      searchPlaceholder={t('searchBatches')}
      emptyText={t('emptyBatches')}
      defaultSort="-createdAt"
      urlState={batchesUrlState}
    />
  );
}

function CardsTab() {
  const { t } = useTranslation('cards');
  const columns = useMemo<ListColumn<Card>[]>(
    () => [
      {
        key: 'number',
        title: t('fields.number'),
        alwaysVisible: true,
        sortable: true,
        render: (c) => <Link to={`/cards/${c.number}`}>{c.number}</Link>,
      },
      {
        key: 'status',
        title: t('fields.status'),
        alwaysVisible: true,
        render: (c) => <CardStatusTag status={c.status} locked={c.locked} />,
      },
      {
        key: 'balance',
        title: t('fields.balance'),
        align: 'right',
        alwaysVisible: true,
        render: (c) => c.balance,
      },
      { key: 'expiresAt', title: t('fields.expiresAt'), render: (c) => c.expiresAt },
      { key: 'channel', title: t('fields.channel'), defaultHidden: true, render: (c) => c.channel ?? '' },
    ],
    [t],
  );
  return (
    <ListPage<Card>
      queryKey={cardKeys.list}
      fetcher={fetchCards}
      columns={columns}
      rowKey={(c) => c.id}
      rowLabel={(c) => c.number}
      columnPreferenceKey="columns.cards"
      searchPlaceholder={t('searchCards')}
      emptyText={t('emptyCards')}
      defaultSort="number"
      urlState={cardsUrlState}
      mapFilters={(v): Record<string, QueryValue> => ({
        status: typeof v.status === 'string' ? v.status : undefined,
        batchId: typeof v.batchId === 'string' && v.batchId ? v.batchId : undefined,
      })}
      filterFields={[
        <Form.Item key="status" name="status" label={t('fields.status')}>
          <Select allowClear options={cardStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} />
        </Form.Item>,
        <Form.Item key="batchId" name="batchId" hidden>
          <Select />
        </Form.Item>,
      ]}
    />
  );
}
