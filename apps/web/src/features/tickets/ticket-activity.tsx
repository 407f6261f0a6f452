import './texts.ts';
import { type Ticket, ticketLimits } from '@guanxi/contract';
import { App, Button, Empty, Flex, Input, Skeleton, Switch, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useContract } from '../contracts/api.ts';
import { useOrder } from '../orders/api.ts';
import { useProduct } from '../products/api.ts';
import { useAddNote, useTicketActivities } from './api.ts';

/** The related order, contract and product by their numbers (as far as I may see them). */
export function Related({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('tickets');
  const can = useCan();
  const order = useOrder(can('orders:view') ? ticket.orderId : null);
  const contract = useContract(can('contracts:view') ? ticket.contractId : null);
  const product = useProduct(can('products:view') ? ticket.productId : null);
  return (
    <Flex gap={12} wrap>
      {ticket.orderId ? (
        <Link to={`/orders?id=${ticket.orderId}`}>
          {t('fields.order')} {order.data?.number ?? ''}
        </Link>
      ) : null}
      {ticket.contractId ? (
        <Link to={`/contracts?id=${ticket.contractId}`}>
          {t('fields.contract')} {contract.data?.number ?? ''}
        </Link>
      ) : null}
      {ticket.productId ? (
        <Typography.Text>
          {t('fields.product')} {product.data ? `${product.data.code} ${product.data.name}` : ''}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** The timeline (newest first, 内部 marked) and the note box. */
export function Activity({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('tickets');
  const can = useCan();
  const { message } = App.useApp();
  const showError = useShowError();
  const activities = useTicketActivities(ticket.id);
  const add = useAddNote(ticket.id);
  const [content, setContent] = useState('');
  const [internal, setInternal] = useState(true);
  const open = !['archived', 'merged'].includes(ticket.status);
  return (
    <Flex vertical gap={12}>
      {can('tickets:edit') && open ? (
        <Flex vertical gap={8}>
          <Input.TextArea
            aria-label={t('fields.note')}
            rows={2}
            value={content}
            maxLength={ticketLimits.note}
            placeholder={t('detail.notePlaceholder')}
            onChange={(e) => setContent(e.target.value)}
          />
          <Flex gap={12} align="center" justify="space-between">
            <Flex gap={6} align="center">
              <Switch
                size="small"
                checked={internal}
                onChange={setInternal}
                aria-label={t('detail.internalSwitch')}
              />
              <Typography.Text>{t('detail.internalSwitch')}</Typography.Text>
            </Flex>
            <Button
              type="primary"
              disabled={!content.trim()}
              loading={add.isPending}
              onClick={() =>
                add.mutateAsync({ content: content.trim(), internal }).then(() => {
                  setContent('');
                  message.success(t('detail.noteAdded'));
                }, showError)
              }
            >
              {t('detail.addNote')}
            </Button>
          </Flex>
        </Flex>
      ) : null}
      {activities.isError ? (
        <QueryError error={activities.error} onRetry={() => void activities.refetch()} />
      ) : !activities.data ? (
        <Skeleton active />
      ) : activities.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noActivity')} />
      ) : (
        <Timeline
          items={activities.data.map((a) => ({
            key: a.id,
            color: a.kind === 'note' ? (a.internal ? 'gray' : 'blue') : 'green',
            content: (
              <Flex vertical gap={2}>
                <Flex gap={6} wrap align="center">
                  <Typography.Text strong>{t(`activity.${a.kind}`)}</Typography.Text>
                  {a.kind === 'note' && a.internal ? <Tag color="orange">{t('detail.internal')}</Tag> : null}
                  <Typography.Text type="secondary">
                    {[a.userName, formatDateTime(a.createdAt)].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </Flex>
                {a.content ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {/* a rule's assignment is recorded as the word `rule` */}
                    {a.kind === 'assigned' && a.content === 'rule' ? t('activity.byRule') : a.content}
                  </Typography.Paragraph>
                ) : null}
              </Flex>
            ),
          }))}
        />
      )}
    </Flex>
  );
}
