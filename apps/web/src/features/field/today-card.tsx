import type { CheckInItem } from '@guanxi/contract';
import { Card, Flex, List, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMyCheckInsToday } from '../check-ins/api.ts';
import { CheckInFlags, CheckInTypeTag, useFormatDistance } from '../check-ins/labels.tsx';

/** 今日签到: what the server has of my day (offline it is left out; the queue says what waits). */
export function TodayCard({ userId, timeZone }: { userId: string; timeZone: string }) {
  const { t } = useTranslation('field');
  const distance = useFormatDistance();
  const today = useMyCheckInsToday(userId, timeZone);
  if (!today.data) return null;
  return (
    <Card size="small" title={t('today.title', { count: today.data.length })}>
      <List<CheckInItem>
        size="small"
        aria-label={t('today.title', { count: today.data.length })}
        dataSource={today.data}
        locale={{ emptyText: t('today.empty') }}
        renderItem={(c) => (
          <List.Item
            extra={<Typography.Text type="secondary">{dayjs(c.capturedAt).format('HH:mm')}</Typography.Text>}
          >
            <Flex vertical gap={4}>
              <Flex gap={6} wrap align="center">
                <CheckInTypeTag type={c.type} />
                {c.customerName ? <span>{c.customerName}</span> : null}
                {c.distanceMeters !== null ? (
                  <Typography.Text type="secondary">{distance(c.distanceMeters)}</Typography.Text>
                ) : null}
              </Flex>
              {c.flags.length > 0 ? <CheckInFlags flags={c.flags} /> : null}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
