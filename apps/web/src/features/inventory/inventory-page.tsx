import './texts.ts';
import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import {
  type StockEntry,
  type StockMoveKind,
  type StockOverviewItem,
  stockMoveKinds,
  type Warehouse,
} from '@guanxi/contract';
import { Button, Card, Checkbox, DatePicker, Empty, Flex, Form, Select, Table, Tabs, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import type { QueryValue } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useTabParam } from '../../lib/use-tab-param.ts';
import { ProductSelect } from '../products/labels.tsx';
import { fetchLedger, fetchStockOverview, inventoryKeys, useWarehouses } from './api.ts';
import { MoveDialog, type MoveTarget } from './move-dialog.tsx';
import { WarehouseDrawer } from './warehouse-drawer.tsx';

const tabs = ['stock', 'ledger', 'warehouses'] as const;
const stockUrlState = { filterKeys: ['warehouseId', 'inStock'] };

const kindColors: Record<StockMoveKind, string> = {
  in: 'green',
  out: 'orange',
  transfer: 'blue',
  adjust: 'purple',
};

export function KindTag({ kind }: { kind: StockMoveKind }) {
  const { t } = useTranslation('inventory');
  return <Tag color={kindColors[kind]}>{t(`kinds.${kind}`)}</Tag>;
}

/** 库存: stock by product (per warehouse), the ledger (库存流水) and the warehouses, with 出入库. */
export function InventoryPage() {
  const { t } = useTranslation('inventory');
  const can = useCan();
  const [tab, switchTab] = useTabParam(tabs);
  const [move, setMove] = useState<MoveTarget | null>(null);
  const [warehouse, setWarehouse] = useState<'new' | Warehouse | null>(null);

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          can('inventory:create') ? (
            <Button type="primary" icon={<SwapOutlined aria-hidden />} onClick={() => setMove({})}>
              {t('move')}
            </Button>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={switchTab}
        items={[
          { key: 'stock', label: t('tabs.stock'), children: <StockTab onMove={setMove} /> },
          { key: 'ledger', label: t('tabs.ledger'), children: <LedgerTab /> },
          {
            key: 'warehouses',
            label: t('tabs.warehouses'),
            children: <WarehousesTab onEdit={setWarehouse} />,
          },
        ]}
        destroyOnHidden
      />
      <MoveDialog target={move} onClose={() => setMove(null)} />
      <WarehouseDrawer target={warehouse} onClose={() => setWarehouse(null)} />
    </>
  );
}

function StockTab({ onMove }: { onMove: (m: MoveTarget) => void }) {
  const { t } = useTranslation('inventory');
  const can = useCan();
  const warehouses = useWarehouses();
  const columns = useMemo<ListColumn<StockOverviewItem>[]>(
    () => [
      { key: 'code', title: t('fields.code'), alwaysVisible: true, sortable: true, render: (r) => r.code },
      { key: 'name', title: t('fields.product'), alwaysVisible: true, sortable: true, render: (r) => r.name },
      { key: 'model', title: t('fields.model'), defaultHidden: true, render: (r) => r.model ?? '' },
      {
        key: 'total',
        title: t('fields.total'),
        align: 'right',
        alwaysVisible: true,
        render: (r) => (
          <>
            <strong>{r.total}</strong>
            {r.unitName ? ` ${r.unitName}` : ''}
          </>
        ),
      },
      ...(warehouses.data ?? []).map((w) => ({
        key: `w:${w.id}`,
        title: w.name,
        align: 'right' as const,
        render: (r: StockOverviewItem) => r.warehouses.find((x) => x.warehouseId === w.id)?.quantity ?? '0',
      })),
      { key: 'unitName', title: t('fields.unit'), defaultHidden: true, render: (r) => r.unitName ?? '' },
      ...(can('inventory:create')
        ? [
            {
              key: 'actions',
              title: '',
              alwaysVisible: true,
              render: (r: StockOverviewItem) => (
                <Button
                  size="small"
                  aria-label={t('moveFor', { name: r.name })}
                  onClick={() => onMove({ product: { id: r.productId, code: r.code, name: r.name } })}
                >
                  {t('move')}
                </Button>
              ),
            },
          ]
        : []),
    ],
    [t, warehouses.data, can, onMove],
  );
  return (
    <ListPage<StockOverviewItem>
      queryKey={inventoryKeys.overview}
      fetcher={fetchStockOverview}
      columns={columns}
      rowKey={(r) => r.productId}
      rowLabel={(r) => r.name}
      columnPreferenceKey="columns.stock"
      searchPlaceholder={t('searchPlaceholder')}
      emptyText={t('empty')}
      defaultSort="code"
      urlState={stockUrlState}
      mapFilters={(v): Record<string, QueryValue> => ({
        warehouseId: typeof v.warehouseId === 'string' ? v.warehouseId : undefined,
        inStock: v.inStock ? 'true' : undefined,
      })}
      filterFields={[
        <Form.Item key="warehouseId" name="warehouseId" label={t('fields.warehouse')}>
          <Select
            allowClear
            placeholder={t('allWarehouses')}
            options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
          />
        </Form.Item>,
        <Form.Item key="inStock" name="inStock" valuePropName="checked" label=" ">
          <Checkbox>{t('inStockOnly')}</Checkbox>
        </Form.Item>,
      ]}
    />
  );
}

function LedgerTab() {
  const { t } = useTranslation('inventory');
  const columns = useMemo<ListColumn<StockEntry>[]>(
    () => [
      {
        key: 'createdAt',
        title: t('fields.at'),
        sortable: true,
        alwaysVisible: true,
        render: (e) => formatDateTime(e.createdAt),
      },
      { key: 'kind', title: t('fields.kind'), render: (e) => <KindTag kind={e.kind} /> },
      {
        key: 'product',
        title: t('fields.product'),
        alwaysVisible: true,
        render: (e) => `${e.productCode} ${e.productName}`,
      },
      {
        key: 'warehouse',
        title: t('fields.warehouse'),
        render: (e) => (e.locationName ? `${e.warehouseName} · ${e.locationName}` : e.warehouseName),
      },
      {
        key: 'quantity',
        title: t('fields.quantity'),
        align: 'right',
        alwaysVisible: true,
        render: (e) => (e.quantity.startsWith('-') ? e.quantity : `+${e.quantity}`),
      },
      { key: 'balanceAfter', title: t('fields.balanceAfter'), align: 'right', render: (e) => e.balanceAfter },
      { key: 'reference', title: t('fields.reference'), render: (e) => e.reference?.number ?? '' },
      { key: 'note', title: t('fields.note'), ellipsis: true, render: (e) => e.note ?? '' },
      { key: 'by', title: t('fields.by'), render: (e) => e.createdByName ?? '' },
    ],
    [t],
  );
  const warehouses = useWarehouses();
  return (
    <ListPage<StockEntry>
      queryKey={inventoryKeys.ledger}
      fetcher={fetchLedger}
      columns={columns}
      rowKey={(e) => e.id}
      columnPreferenceKey="columns.stockLedger"
      searchable={false}
      emptyText={t('ledgerEmpty')}
      defaultSort="-createdAt"
      mapFilters={(v): Record<string, QueryValue> => {
        const range = v.dates as [Dayjs | null, Dayjs | null] | null | undefined;
        const text = (x: unknown) => (typeof x === 'string' && x ? x : undefined);
        return {
          productId: text(v.productId),
          warehouseId: text(v.warehouseId),
          kind: text(v.kind),
          from: range?.[0]?.format('YYYY-MM-DD'),
          to: range?.[1]?.format('YYYY-MM-DD'),
        };
      }}
      filterFields={[
        <Form.Item key="productId" name="productId" label={t('fields.product')}>
          <ProductSelect />
        </Form.Item>,
        <Form.Item key="warehouseId" name="warehouseId" label={t('fields.warehouse')}>
          <Select allowClear options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: w.name }))} />
        </Form.Item>,
        <Form.Item key="kind" name="kind" label={t('fields.kind')}>
          <Select allowClear options={stockMoveKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        </Form.Item>,
        <Form.Item key="dates" name="dates" label={t('fields.dates')}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>,
      ]}
    />
  );
}

function WarehousesTab({ onEdit }: { onEdit: (w: 'new' | Warehouse) => void }) {
  const { t } = useTranslation('inventory');
  const can = useCan();
  const admin = can('inventory:admin');
  const warehouses = useWarehouses();
  if (warehouses.isError)
    return <QueryError error={warehouses.error} onRetry={() => void warehouses.refetch()} />;
  return (
    <Card size="small">
      {admin ? (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => onEdit('new')}>
            {t('warehouses.create')}
          </Button>
        </Flex>
      ) : null}
      <Table<Warehouse>
        size="small"
        rowKey="id"
        loading={warehouses.isPending}
        dataSource={warehouses.data}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warehouses.empty')} />,
        }}
        columns={[
          {
            key: 'code',
            title: t('warehouses.fields.code'),
            render: (_, w) =>
              admin ? (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  aria-label={t('warehouses.edit', { name: w.name })}
                  onClick={() => onEdit(w)}
                >
                  {w.code}
                </Button>
              ) : (
                w.code
              ),
          },
          { key: 'name', title: t('warehouses.fields.name'), render: (_, w) => w.name },
          { key: 'address', title: t('warehouses.fields.address'), render: (_, w) => w.address ?? '' },
          {
            key: 'status',
            title: t('warehouses.fields.status'),
            render: (_, w) => (
              <Tag color={w.status === 'active' ? 'green' : 'default'}>
                {t(`warehouses.status.${w.status}`)}
              </Tag>
            ),
          },
          {
            key: 'locations',
            title: t('warehouses.fields.locations'),
            render: (_, w) => w.locations.map((l) => l.code).join('、'),
          },
        ]}
      />
    </Card>
  );
}
