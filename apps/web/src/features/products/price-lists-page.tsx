import './texts.ts';
import { PlusOutlined } from '@ant-design/icons';
import type { PriceList, PriceListSummary } from '@guanxi/contract';
import { Alert, Button, Checkbox, Flex, Form, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn, ShownRecord } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan, useMe } from '../../lib/access.ts';
import type { QueryValue } from '../../lib/api.ts';
import { tenantToday } from '../../lib/tenant-today.ts';
import { useOpenRecord } from '../../lib/use-open-record.ts';
import { fetchPriceLists, priceListKeys } from './api.ts';
import { PriceListDetail } from './price-list-detail.tsx';
import { PriceListDrawer } from './price-list-drawer.tsx';

/** Who a list is for: levels as tags, then the named customers (and how many the caller cannot see). */
export function Audience({ list }: { list: PriceListSummary }) {
  const { t } = useTranslation('products');
  return (
    <Flex gap={4} wrap>
      {list.customerLevels.map((l) => (
        <Tag key={l.id} color="blue">
          {l.name}
        </Tag>
      ))}
      {list.customers.map((c) => (
        <Tag key={c.id}>{c.name}</Tag>
      ))}
      {list.otherCustomers ? (
        <Tag>{t('priceLists.otherCustomers', { count: list.otherCustomers })}</Tag>
      ) : null}
    </Flex>
  );
}

export const validity = (list: PriceListSummary, openEnded: string) =>
  `${list.validFrom} ~ ${list.validTo ?? openEnded}`;

/** 价格表: the lists with who they are for and when, 新建价格表, a detail drawer with the prices (`?id=`). */
export function PriceListsPage() {
  const { t } = useTranslation('products');
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const [openId, openRecord] = useOpenRecord();
  const [drawer, setDrawer] = useState<'new' | PriceList | null>(null);
  const [shown, setShown] = useState<ShownRecord | null>(null);

  const columns = useMemo<ListColumn<PriceListSummary>[]>(
    () => [
      {
        key: 'name',
        title: t('priceLists.fields.name'),
        sortable: true,
        alwaysVisible: true,
        render: (l) => (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => openRecord(l.id)}>
            {l.name}
          </Button>
        ),
      },
      {
        key: 'validFrom',
        title: t('priceLists.fields.validity'),
        sortable: true,
        render: (l) => validity(l, t('priceLists.openEnded')),
      },
      {
        key: 'current',
        title: t('priceLists.fields.current'),
        render: (l) =>
          l.current ? (
            <Tag color="green">{t('priceLists.current')}</Tag>
          ) : (
            <Tag>{t('priceLists.notCurrent')}</Tag>
          ),
      },
      { key: 'audience', title: t('priceLists.fields.audience'), render: (l) => <Audience list={l} /> },
      {
        key: 'itemCount',
        title: t('priceLists.fields.itemCount'),
        align: 'right',
        render: (l) => l.itemCount,
      },
    ],
    [t, openRecord],
  );

  return (
    <>
      <PageHeader
        title={t('priceLists.title')}
        onBack={() => navigate('/products')}
        extra={
          can('products:edit') ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDrawer('new')}>
              {t('priceLists.create')}
            </Button>
          ) : null
        }
      />
      <Alert type="info" showIcon title={t('priceLists.explain')} style={{ marginBottom: 12 }} />
      <ListPage<PriceListSummary>
        queryKey={priceListKeys.all}
        fetcher={fetchPriceLists}
        columns={columns}
        rowKey={(l) => l.id}
        rowLabel={(l) => l.name}
        searchPlaceholder={t('priceLists.searchPlaceholder')}
        emptyText={t('priceLists.empty')}
        defaultSort="-validFrom"
        show={shown}
        mapFilters={(v): Record<string, QueryValue> => ({
          validOn: v.current ? tenantToday(me.tenant.timezone) : undefined,
        })}
        filterFields={[
          <Form.Item key="current" name="current" valuePropName="checked">
            <Checkbox>{t('priceLists.validOnly')}</Checkbox>
          </Form.Item>,
        ]}
      />
      <PriceListDrawer
        target={drawer}
        onClose={() => {
          // back to the record's detail after editing it (it was closed to show the form)
          if (drawer && drawer !== 'new') openRecord(drawer.id);
          setDrawer(null);
        }}
        onSaved={(l) => {
          if (drawer === 'new') {
            setShown({ id: l.id, search: l.name });
            openRecord(l.id);
          }
        }}
      />
      <PriceListDetail
        id={openId}
        onClose={() => openRecord(null)}
        onEdit={(l) => {
          // the form drawer is mounted before the detail, so it would open beneath it
          openRecord(null);
          setDrawer(l);
        }}
      />
    </>
  );
}
