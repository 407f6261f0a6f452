import '../events/texts.ts';
import './texts.ts';
import type { Customer, EventOccurrence } from '@guanxi/contract';
import { useQuery } from '@tanstack/react-query';
import { Empty, Flex, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/query-error.tsx';
import { api } from '../../lib/api.ts';
import { kindColors } from '../events/kinds.ts';

/** 日程 tab of the 360 page: my events with this customer, 30 days back to 60 ahead (the list's window is ≤ 92 days). */
export function CustomerScheduleTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation('followUps');
  const { t: te } = useTranslation('events');
  const [from, to] = useMemo(
    () => [
      dayjs().startOf('day').subtract(30, 'day').format(),
      dayjs().startOf('day').add(60, 'day').format(),
    ],
    [],
  );
  const events = useQuery({
    queryKey: ['events', 'customer', customer.id, from, to],
    queryFn: ({ signal }) =>
      api.get<{ data: EventOccurrence[] }>('/events', { from, to, customerId: customer.id }, signal),
    select: (r) => r.data,
  });
  if (events.isError) return <QueryError error={events.error} onRetry={() => void events.refetch()} />;
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('schedule.window')}</Typography.Text>
      <Table<EventOccurrence>
        size="small"
        className="list-table"
        rowKey={(o) => `${o.id}:${o.occurrenceStart}`}
        loading={events.isPending}
        dataSource={events.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('schedule.none')} />,
        }}
        columns={[
          {
            key: 'time',
            title: t('schedule.time'),
            render: (_, o) => {
              const start = dayjs(o.occurrenceStart);
              const text = o.allDay
                ? `${start.format('YYYY-MM-DD')} ${t('schedule.allDay')}`
                : start.format('YYYY-MM-DD HH:mm');
              return <Link to={`/schedule?date=${start.format('YYYY-MM-DD')}`}>{text}</Link>;
            },
          },
          {
            key: 'kind',
            title: t('schedule.kind'),
            render: (_, o) => <Tag color={kindColors[o.kind].tag}>{te(`kinds.${o.kind}`)}</Tag>,
          },
          { key: 'title', title: t('schedule.title'), render: (_, o) => o.title },
          { key: 'owner', title: t('schedule.owner'), render: (_, o) => o.ownerName },
          {
            key: 'status',
            title: t('schedule.status'),
            render: (_, o) =>
              o.done ? <Tag color="success">{t('schedule.done')}</Tag> : <Tag>{t('schedule.open')}</Tag>,
          },
        ]}
      />
    </Flex>
  );
}
