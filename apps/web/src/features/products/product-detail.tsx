import './texts.ts';
import '../inventory/texts.ts';
import { EditOutlined } from '@ant-design/icons';
import {
  fromScaled,
  normalizeQuantity,
  type Product,
  type ProductStatus,
  type StockBalance,
  toScaled,
} from '@guanxi/contract';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Empty, Flex, Result, Skeleton, Table, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { FieldHistory } from '../../components/field-history.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { api, isApiError } from '../../lib/api.ts';
import { formatDateTime, formatValue } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { formatMoney } from '../customers/money.ts';
import { AttachmentsPanel } from '../files/attachments-panel.tsx';
import { useDeleteProduct, useProduct, useProductHistory } from './api.ts';
import { ProductStatusTag } from './labels.tsx';

type Props = {
  id: string | null;
  onClose: () => void;
  onEdit: (p: Product) => void;
};

/** 产品详情: 概览 / 图片 (files on the product) / 库存 (per warehouse, with inventory:view) / 变更记录. */
export function ProductDetail({ id, onClose, onEdit }: Props) {
  const { t } = useTranslation('products');
  const can = useCan();
  const isPhone = useIsPhone();
  const product = useProduct(id);
  const p = product.data;
  const remove = useDeleteProduct();

  const body = product.isError ? (
    isApiError(product.error, 'NOT_FOUND') ? (
      <Result status="404" subTitle={t('detail.notFound')} />
    ) : (
      <QueryError error={product.error} onRetry={() => void product.refetch()} />
    )
  ) : !p ? (
    <Skeleton active />
  ) : (
    <Tabs
      items={[
        { key: 'overview', label: t('tabs.overview'), children: <Overview p={p} /> },
        {
          key: 'images',
          label: t('tabs.images'),
          children: <AttachmentsPanel entity="products" entityId={p.id} canChange={p.canEdit} />,
        },
        ...(can('inventory:view')
          ? [{ key: 'stock', label: t('tabs.stock'), children: <StockTab productId={p.id} /> }]
          : []),
        { key: 'history', label: t('tabs.history'), children: <HistoryTab p={p} /> },
      ]}
    />
  );

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={p ? `${p.code} · ${p.name}` : t('detail.title')}
      size={isPhone ? '100%' : 640}
      destroyOnHidden
      extra={
        p ? (
          <Flex gap={8}>
            {p.canDelete ? (
              <ConfirmDeleteButton
                title={t('deleteConfirm')}
                onConfirm={() => remove.mutateAsync({ id: p.id, version: p.version }).then(onClose)}
                doneMessage={t('deleted')}
                look={isPhone ? 'icon' : 'button'}
              />
            ) : null}
            {p.canEdit ? (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => onEdit(p)}>
                {t('actions.edit', { ns: 'common' })}
              </Button>
            ) : null}
          </Flex>
        ) : null
      }
    >
      {body}
    </Drawer>
  );
}

function Overview({ p }: { p: Product }) {
  const { t } = useTranslation('products');
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      items={[
        { key: 'code', label: t('fields.code'), children: p.code },
        { key: 'name', label: t('fields.name'), children: p.name },
        { key: 'status', label: t('fields.status'), children: <ProductStatusTag status={p.status} /> },
        { key: 'category', label: t('fields.category'), children: p.categoryName ?? '' },
        { key: 'model', label: t('fields.model'), children: p.model ?? '' },
        { key: 'spec', label: t('fields.spec'), children: p.spec ?? '' },
        { key: 'unit', label: t('fields.unit'), children: p.unitName ?? '' },
        { key: 'listPrice', label: t('fields.listPrice'), children: `¥${formatMoney(p.listPrice)}` },
        // absent from the answer when the caller's field rules hide it
        ...('cost' in p
          ? [{ key: 'cost', label: t('fields.cost'), children: p.cost ? `¥${formatMoney(p.cost)}` : '' }]
          : []),
        { key: 'warranty', label: t('fields.warrantyMonths'), children: p.warrantyMonths ?? '' },
        {
          key: 'tracksStock',
          label: t('fields.tracksStock'),
          children: t(p.tracksStock ? 'kind.goods' : 'kind.service'),
        },
        {
          key: 'description',
          label: t('fields.description'),
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.description ?? ''}</span>,
        },
        { key: 'updatedAt', label: t('fields.updatedAt'), children: formatDateTime(p.updatedAt) },
      ]}
    />
  );
}

/** The product's quantity per warehouse and in total (exact: summed as scaled integers). */
function StockTab({ productId }: { productId: string }) {
  const { t } = useTranslation('products');
  const { t: ti } = useTranslation('inventory');
  const stock = useQuery({
    queryKey: ['stock', 'product', productId],
    queryFn: ({ signal }) => api.get<{ data: StockBalance[] }>('/stock', { productId }, signal),
    select: (r) => r.data,
  });
  if (stock.isError) return <QueryError error={stock.error} onRetry={() => void stock.refetch()} />;
  if (stock.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (!stock.data.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noStock')} />;
  const total = normalizeQuantity(
    fromScaled(
      stock.data.reduce((sum, s) => sum + toScaled(s.quantity, 3), 0n),
      3,
    ),
  );
  return (
    <Table<StockBalance>
      size="small"
      rowKey="warehouseId"
      pagination={false}
      dataSource={stock.data}
      columns={[
        { key: 'w', title: ti('fields.warehouse'), render: (_, s) => s.warehouseName },
        { key: 'q', title: ti('fields.quantity'), align: 'right', render: (_, s) => s.quantity },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>{t('detail.total')}</Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            {total}
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

const fieldKeys: Record<string, string> = {
  code: 'fields.code',
  name: 'fields.name',
  categoryId: 'fields.category',
  model: 'fields.model',
  spec: 'fields.spec',
  unit: 'fields.unit',
  listPrice: 'fields.listPrice',
  cost: 'fields.cost',
  warrantyMonths: 'fields.warrantyMonths',
  tracksStock: 'fields.tracksStock',
  status: 'fields.status',
  description: 'fields.description',
};

function HistoryTab({ p }: { p: Product }) {
  const { t } = useTranslation('products');
  const { t: tc } = useTranslation();
  const history = useProductHistory(p.id);
  const valueLabel = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return '';
    if (field === 'status') return t(`status.${value as ProductStatus}`);
    if (field === 'categoryId' && value === p.categoryId) return p.categoryName ?? String(value);
    if (field === 'unit' && value === p.unit) return p.unitName ?? String(value);
    if (field === 'listPrice' || field === 'cost') return `¥${formatMoney(String(value))}`;
    return formatValue(value, { yes: tc('history.yes'), no: tc('history.no') });
  };
  return (
    <FieldHistory
      changes={history.data}
      loading={history.isPending}
      error={history.error}
      onRetry={() => void history.refetch()}
      fieldLabel={(f) => (fieldKeys[f] ? t(fieldKeys[f] as 'fields.name') : f)}
      valueLabel={valueLabel}
    />
  );
}
