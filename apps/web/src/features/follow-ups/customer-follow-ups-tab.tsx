import './texts.ts';
import { MessageOutlined, PlusOutlined } from '@ant-design/icons';
import type { Customer, FollowUp } from '@guanxi/contract';
import { Badge, Button, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useCustomerFollowUps } from './api.ts';
import { FollowUpDetail } from './follow-up-detail.tsx';
import { FollowUpDrawer, type FollowUpStart } from './follow-up-drawer.tsx';
import { AttitudeTag } from './labels.tsx';

/** 跟进记录 tab of the 360 page: the customer's follow-ups in the caller's scope, newest first; 写跟进. */
export function CustomerFollowUpsTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation('followUps');
  const can = useCan();
  const list = useCustomerFollowUps(customer.id);
  const [drawer, setDrawer] = useState<{ new: FollowUpStart } | FollowUp | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  // an invalidated customer is view only (the server refuses a follow-up on it)
  const canWrite = can('follow-ups:create') && customer.valid;

  const body = list.isError ? (
    <QueryError error={list.error} onRetry={() => void list.refetch()} />
  ) : list.isPending ? (
    <Skeleton active />
  ) : list.data.data.length === 0 ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('none')} />
  ) : (
    <Timeline
      items={list.data.data.map((f) => ({
        key: f.id,
        content: (
          <Flex vertical gap={4}>
            <Flex gap={8} wrap align="center">
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpenId(f.id)}>
                {formatDateTime(f.occurredAt)}
              </Button>
              <Tag>{f.typeName}</Tag>
              <Typography.Text type="secondary">
                {f.userName}
                {f.contactName ? ` → ${f.contactName}` : ''}
              </Typography.Text>
              {f.attitude ? <AttitudeTag attitude={f.attitude} /> : null}
              {f.commentCount ? (
                <Badge count={f.commentCount} size="small" color="blue">
                  <MessageOutlined aria-label={t('fields.commentCount')} />
                </Badge>
              ) : null}
            </Flex>
            <Typography.Paragraph
              style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
              ellipsis={{ rows: 3, expandable: true }}
            >
              {f.content}
            </Typography.Paragraph>
            {f.nextFollowUpAt ? (
              <Typography.Text type="secondary">
                {t('fields.nextFollowUpAt')}：{formatDateTime(f.nextFollowUpAt)}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
      }))}
    />
  );

  return (
    <Flex vertical gap={12}>
      {canWrite ? (
        <Flex justify="flex-end">
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setDrawer({ new: { customerId: customer.id, customerName: customer.name } })}
          >
            {t('write')}
          </Button>
        </Flex>
      ) : null}
      {body}
      <FollowUpDrawer target={drawer} onClose={() => setDrawer(null)} />
      <FollowUpDetail id={openId} onClose={() => setOpenId(null)} onEdit={(f) => setDrawer(f)} />
    </Flex>
  );
}
