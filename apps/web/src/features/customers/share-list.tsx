import './texts.ts';
import { ApartmentOutlined, UserOutlined } from '@ant-design/icons';
import type { Customer, CustomerShare } from '@guanxi/contract';
import { Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useCustomerShares, useUnshareCustomer } from './api.ts';
import { isChangeable } from './changeable.ts';

/** Who a customer is shared with (users or departments, read-only or read-write), with 取消共享. */
export function ShareList({ customer }: { customer: Customer }) {
  const { t } = useTranslation('customers');
  const can = useCan();
  const shares = useCustomerShares(customer.id);
  const unshare = useUnshareCustomer();
  const canChange = isChangeable(customer) && can('customers:edit');

  if (shares.isError) return <QueryError error={shares.error} onRetry={() => void shares.refetch()} />;
  return (
    <List<CustomerShare>
      size="small"
      loading={shares.isPending}
      dataSource={shares.data ?? []}
      rowKey={(s) => s.id}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('shares.none')} /> }}
      renderItem={(s) => {
        const name = s.userName ?? s.departmentName ?? '—';
        return (
          <List.Item
            actions={
              canChange
                ? [
                    <ConfirmDeleteButton
                      key="remove"
                      look="icon"
                      label={t('shares.remove')}
                      title={t('shares.removeConfirm', { name })}
                      ariaLabel={t('shares.removeNamed', { name })}
                      onConfirm={() => unshare.mutateAsync({ id: customer.id, shareId: s.id })}
                      doneMessage={t('shares.removed')}
                    />,
                  ]
                : undefined
            }
          >
            <List.Item.Meta
              avatar={s.userId ? <UserOutlined aria-hidden /> : <ApartmentOutlined aria-hidden />}
              title={
                <span>
                  {name}{' '}
                  <Tag color={s.access === 'write' ? 'blue' : 'default'}>
                    {t(`shares.access.${s.access}`)}
                  </Tag>
                </span>
              }
              description={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.userId ? t('shares.user') : t('shares.department')} · {formatDateTime(s.createdAt)}
                </Typography.Text>
              }
            />
          </List.Item>
        );
      }}
    />
  );
}
