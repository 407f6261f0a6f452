import '../texts.ts';
import type { Customer, TimelineEntry } from '@guanxi/contract';
import { Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/query-error.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useCustomerTimeline } from '../api.ts';
import { customerFieldLabel, timelineActionLabel, timelineEntityLabel } from '../labels.ts';

const colors: Record<string, string> = {
  create: 'green',
  submit: 'green',
  claim: 'green',
  assign: 'green',
  delete: 'red',
  release: 'orange',
  recycle: 'orange',
  merge: 'purple',
};

/** Fields an update touched, by name (a create or delete lists none: its summary says it all). */
function changedFields(entry: TimelineEntry): string[] {
  if (entry.action === 'create' || entry.action === 'delete') return [];
  return Object.keys(entry.changes ?? {});
}

/** 时间线: everything that happened to the customer and its records (contacts …), newest first. */
export function CustomerTimelineTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const timeline = useCustomerTimeline(customer.id);
  if (timeline.isError) return <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />;
  if (timeline.isPending) return <Skeleton active />;
  if (!timeline.data.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.none')} />;
  return (
    <Timeline
      className="customer-timeline"
      items={timeline.data.map((entry, i) => {
        const fields = changedFields(entry);
        const who = !entry.userName || entry.userName === 'system' ? tc('history.system') : entry.userName;
        return {
          key: `${entry.at}|${entry.entity}|${entry.action}|${i}`,
          color: colors[entry.action] ?? 'blue',
          content: (
            <Flex vertical gap={2}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(entry.at)}
              </Typography.Text>
              <Typography.Text>
                <strong>{who}</strong> {timelineActionLabel(t, entry.action)}
                {entry.entity !== 'customers' ? (
                  <Tag style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
                    {timelineEntityLabel(t, entry.entity)}
                  </Tag>
                ) : null}
                {entry.summary ? (
                  <Typography.Text type="secondary">{`${t('timeline.separator')}${entry.summary}`}</Typography.Text>
                ) : null}
              </Typography.Text>
              {fields.length ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('timeline.fields', {
                    fields: fields.map((f) => customerFieldLabel(t, f)).join(t('timeline.listSeparator')),
                  })}
                </Typography.Text>
              ) : null}
            </Flex>
          ),
        };
      })}
    />
  );
}
