import './texts.ts';
import { EditOutlined } from '@ant-design/icons';
import type { PriceList, PriceListItem } from '@guanxi/contract';
import { Button, Descriptions, Drawer, Empty, Flex, Result, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { formatMoney } from '../customers/money.ts';
import { useDeletePriceList, usePriceList } from './api.ts';
import { Audience, validity } from './price-lists-page.tsx';

type Props = { id: string | null; onClose: () => void; onEdit: (l: PriceList) => void };

/** 价格表详情: validity, who it is for, and the prices grid against the list prices. */
export function PriceListDetail({ id, onClose, onEdit }: Props) {
  const { t } = useTranslation('products');
  const can = useCan();
  const isPhone = useIsPhone();
  const list = usePriceList(id);
  const l = list.data;
  const remove = useDeletePriceList();

  const body = list.isError ? (
    isApiError(list.error, 'NOT_FOUND') ? (
      <Result status="404" subTitle={t('priceLists.notFound')} />
    ) : (
      <QueryError error={list.error} onRetry={() => void list.refetch()} />
    )
  ) : !l ? (
    <Skeleton active />
  ) : (
    <Flex vertical gap={16}>
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          {
            key: 'validity',
            label: t('priceLists.fields.validity'),
            children: (
              <Flex gap={8} align="center" wrap>
                {validity(l, t('priceLists.openEnded'))}
                {l.current ? (
                  <Tag color="green">{t('priceLists.current')}</Tag>
                ) : (
                  <Tag>{t('priceLists.notCurrent')}</Tag>
                )}
              </Flex>
            ),
          },
          { key: 'audience', label: t('priceLists.fields.audience'), children: <Audience list={l} /> },
        ]}
      />
      <Table<PriceListItem>
        size="small"
        rowKey="productId"
        pagination={l.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        dataSource={l.items}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('priceLists.noItems')} />,
        }}
        columns={[
          {
            key: 'product',
            title: t('priceLists.fields.product'),
            render: (_, x) => (
              <Flex vertical>
                <span>{x.productName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {x.productCode}
                  {x.unitName ? ` · ${x.unitName}` : ''}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'listPrice',
            title: t('priceLists.fields.listPrice'),
            align: 'right',
            render: (_, x) => formatMoney(x.listPrice),
          },
          {
            key: 'price',
            title: t('priceLists.fields.price'),
            align: 'right',
            render: (_, x) => <strong>{formatMoney(x.price)}</strong>,
          },
        ]}
      />
    </Flex>
  );

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={l ? l.name : t('priceLists.detailTitle')}
      size={isPhone ? '100%' : 720}
      destroyOnHidden
      extra={
        l ? (
          <Flex gap={8}>
            {can('products:delete') ? (
              <ConfirmDeleteButton
                title={t('priceLists.deleteConfirm')}
                onConfirm={() => remove.mutateAsync({ id: l.id, version: l.version }).then(onClose)}
                doneMessage={t('priceLists.deleted')}
                look={isPhone ? 'icon' : 'button'}
              />
            ) : null}
            {can('products:edit') ? (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => onEdit(l)}>
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
