import { ApartmentOutlined, DeleteOutlined, UserOutlined } from '@ant-design/icons';
import type { Customer, CustomerShare } from '@guanxi/contract';
import { App, Button, Empty, List, Popconfirm, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useCustomerShares, useUnshareCustomer } from './api.ts';
import { isChangeable } from './changeable.ts';

/** Who a customer is shared with (users or departments, read-only or read-write), with 取消共享. */
export function ShareList({ customer }: { customer: Customer }) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
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
                    <Popconfirm
                      key="remove"
                      title={t('shares.removeConfirm', { name })}
                      okText={tc('actions.confirm')}
                      cancelText={tc('actions.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() =>
                        unshare.mutateAsync({ id: customer.id, shareId: s.id }).then(
                          () => message.success(t('shares.removed')),
                          (e) => showError(e),
                        )
                      }
                    >
                      <Button
                        type="text"
                        danger
                        size="small"
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t('shares.removeNamed', { name })}
                        title={t('shares.remove')}
                      />
                    </Popconfirm>,
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
