import './texts.ts';
import { PlusOutlined } from '@ant-design/icons';
import type { Customer } from '@guanxi/contract';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Flex, List, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { fetchOpportunities, opportunityKeys } from './api.ts';
import { OpportunityStatusTag, StalledBadge, yuan } from './labels.tsx';
import { useOpportunityDialogs } from './use-opportunity-dialogs.tsx';

/** 销售机会 tab of the 360 page: the customer's deals in the caller's scope, newest first; 新建 for it. */
export function CustomerOpportunitiesTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation('opportunities');
  const can = useCan();
  const [openId, setOpenId] = useState<string | null>(null);
  const { startNew, dialogs } = useOpportunityDialogs({ openId, setOpenId });
  const list = useQuery({
    queryKey: [...opportunityKeys.all, 'customer', customer.id],
    queryFn: ({ signal }) =>
      fetchOpportunities({ page: 1, pageSize: 100, customerId: customer.id, sort: '-updatedAt' }, signal),
  });
  return (
    <Flex vertical gap={12}>
      {can('opportunities:create') && customer.valid && customer.state === 'active' ? (
        <Flex>
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => startNew(customer.id)}>
            {t('new')}
          </Button>
        </Flex>
      ) : null}
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Skeleton active />
      ) : list.data.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tabEmpty')} />
      ) : (
        <List
          size="small"
          dataSource={list.data.data}
          renderItem={(o) => (
            <List.Item
              actions={[
                <Typography.Text key="amount" strong>
                  {yuan(o.expectedAmount)}
                </Typography.Text>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Flex gap={6} wrap align="center">
                    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpenId(o.id)}>
                      {o.title}
                    </Button>
                    <OpportunityStatusTag status={o.status} />
                    <StalledBadge o={o} />
                  </Flex>
                }
                description={`${o.stageName} · ${Number(o.probability)}% · ${o.expectedCloseDate} · ${o.ownerName}`}
              />
            </List.Item>
          )}
        />
      )}
      {dialogs}
    </Flex>
  );
}
