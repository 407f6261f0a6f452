import './texts.ts';
import { DownloadOutlined, PlusOutlined, TagsOutlined } from '@ant-design/icons';
import { type Product, type ProductListItem, productStatuses } from '@guanxi/contract';
import { Button, Card, Dropdown, Flex, Form, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn, ShownRecord } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import { API_BASE, toSearch } from '../../lib/api.ts';
import { download } from '../../lib/download.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useOpenRecord } from '../../lib/use-open-record.ts';
import { useUpdateParams } from '../../lib/use-update-params.ts';
import { formatMoney } from '../customers/money.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { fetchProducts, productKeys } from './api.ts';
import { CategoryTree } from './category-tree.tsx';
import { ProductStatusTag, useCostAccess } from './labels.tsx';
import { ProductDetail } from './product-detail.tsx';
import { ProductDrawer } from './product-drawer.tsx';

const urlState = { filterKeys: ['status'] };

/**
 * 产品: the catalogue with the category tree beside it (a cascader above it on a phone), filters,
 * column chooser, export, 新建产品 and a detail drawer (`?id=`). Cost shows only to whom the
 * server sends it.
 */
export function ProductsPage() {
  const { t } = useTranslation('products');
  const can = useCan();
  const isPhone = useIsPhone();
  const [params] = useSearchParams();
  const updateParams = useUpdateParams();
  const [openId, openRecord] = useOpenRecord();
  const [drawer, setDrawer] = useState<'new' | Product | null>(null);
  const [shown, setShown] = useState<ShownRecord | null>(null);
  const costHidden = useCostAccess() === 'hidden';
  const categoryId = params.get('categoryId');
  const setCategory = (id: string | null) =>
    updateParams((p) => {
      if (id) p.set('categoryId', id);
      else p.delete('categoryId');
      p.delete('page');
      p.delete('cursor');
    });

  const columns = useMemo<ListColumn<ProductListItem>[]>(
    () => [
      {
        key: 'code',
        title: t('fields.code'),
        sortable: true,
        alwaysVisible: true,
        render: (p) => (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => openRecord(p.id)}>
            {p.code}
          </Button>
        ),
      },
      { key: 'name', title: t('fields.name'), sortable: true, alwaysVisible: true, render: (p) => p.name },
      { key: 'categoryName', title: t('fields.category'), render: (p) => p.categoryName ?? '' },
      { key: 'model', title: t('fields.model'), render: (p) => p.model ?? '' },
      { key: 'spec', title: t('fields.spec'), defaultHidden: true, render: (p) => p.spec ?? '' },
      { key: 'unitName', title: t('fields.unit'), render: (p) => p.unitName ?? '' },
      {
        key: 'listPrice',
        title: t('fields.listPrice'),
        sortable: true,
        align: 'right',
        render: (p) => formatMoney(p.listPrice),
      },
      ...(costHidden
        ? []
        : [
            {
              key: 'cost',
              title: t('fields.cost'),
              align: 'right' as const,
              render: (p: ProductListItem) => (p.cost ? formatMoney(p.cost) : ''),
            },
          ]),
      {
        key: 'warrantyMonths',
        title: t('fields.warrantyMonths'),
        align: 'right',
        defaultHidden: true,
        render: (p) => p.warrantyMonths ?? '',
      },
      {
        key: 'tracksStock',
        title: t('fields.tracksStock'),
        defaultHidden: true,
        render: (p) => t(p.tracksStock ? 'kind.goods' : 'kind.service'),
      },
      { key: 'status', title: t('fields.status'), render: (p) => <ProductStatusTag status={p.status} /> },
      {
        key: 'updatedAt',
        title: t('fields.updatedAt'),
        sortable: true,
        defaultHidden: true,
        render: (p) => formatDateTime(p.updatedAt),
      },
    ],
    [t, openRecord, costHidden],
  );

  const exportAs = (format: 'xlsx' | 'csv') =>
    download(
      `${API_BASE}/products/export${toSearch({
        format,
        q: params.get('q') ?? undefined,
        status: params.get('status') ?? undefined,
        categoryId: categoryId ?? undefined,
      })}`,
    );

  const list = (
    <ListPage<ProductListItem>
      queryKey={productKeys.all}
      fetcher={fetchProducts}
      columns={columns}
      rowKey={(p) => p.id}
      rowLabel={(p) => p.name}
      columnPreferenceKey="columns.products"
      searchPlaceholder={t('searchPlaceholder')}
      emptyText={t('empty')}
      defaultSort="code"
      urlState={urlState}
      fixedParams={{ categoryId: categoryId ?? undefined }}
      show={shown}
      filterFields={[
        <Form.Item key="status" name="status" label={t('fields.status')}>
          <Select allowClear options={productStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        </Form.Item>,
      ]}
    />
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Flex gap={8} wrap>
            <Link to="/price-lists">
              <Button icon={<TagsOutlined aria-hidden />}>{t('priceLists.title')}</Button>
            </Link>
            {can('products:export') ? (
              <Dropdown
                menu={{
                  items: [
                    { key: 'xlsx', label: t('exportXlsx') },
                    { key: 'csv', label: t('exportCsv') },
                  ],
                  onClick: ({ key }) => exportAs(key as 'xlsx' | 'csv'),
                }}
              >
                <Button icon={<DownloadOutlined aria-hidden />} aria-label={t('export')} title={t('export')}>
                  {isPhone ? null : t('export')}
                </Button>
              </Dropdown>
            ) : null}
            {can('products:create') ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDrawer('new')}>
                {t('create')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      {isPhone ? (
        <Flex vertical gap={12}>
          <DictionarySelect
            type="product-category"
            value={categoryId}
            onChange={setCategory}
            placeholder={t('allCategories')}
            aria-label={t('fields.category')}
            style={{ width: '100%' }}
          />
          {list}
        </Flex>
      ) : (
        <Flex gap={16} align="flex-start">
          <Card size="small" title={t('categoryTree')} style={{ width: 220, flex: 'none' }}>
            <CategoryTree value={categoryId} onChange={setCategory} />
          </Card>
          <div style={{ flex: 1, minWidth: 0 }}>{list}</div>
        </Flex>
      )}
      <ProductDrawer
        target={drawer}
        onClose={() => {
          // back to the record's detail after editing it (it was closed to show the form)
          if (drawer && drawer !== 'new') openRecord(drawer.id);
          setDrawer(null);
        }}
        onSaved={(p) => {
          if (drawer === 'new') {
            setCategory(null);
            setShown({ id: p.id, search: p.code });
            openRecord(p.id);
          }
        }}
      />
      <ProductDetail
        id={openId}
        onClose={() => openRecord(null)}
        onEdit={(p) => {
          // the form drawer is mounted before the detail, so it would open beneath it
          openRecord(null);
          setDrawer(p);
        }}
      />
    </>
  );
}
