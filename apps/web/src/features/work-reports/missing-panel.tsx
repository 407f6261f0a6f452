import './texts.ts';
import type { WorkReportPeriod } from '@guanxi/contract';
import { Avatar, Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error.tsx';
import { useMe } from '../../lib/access.ts';
import { useMissing } from './api.ts';
import { currentStart, PeriodSelect, PeriodStartPicker } from './periods.tsx';

/** 未汇报: who in my scope has not submitted a report of the chosen period (today's by default). */
export function MissingPanel() {
  const { t } = useTranslation('workReports');
  const timeZone = useMe().tenant.timezone;
  const [period, setPeriod] = useState<WorkReportPeriod>('day');
  const [start, setStart] = useState(() => currentStart('day', timeZone));
  const missing = useMissing(period, start);
  return (
    <section aria-label={t('missing.title')}>
      <Card
        size="small"
        title={
          <Flex align="center" gap={8} wrap>
            <span>{t('missing.title')}</span>
            {missing.data ? (
              <Tag color={missing.data.length ? 'orange' : 'green'}>{missing.data.length}</Tag>
            ) : null}
          </Flex>
        }
        style={{ marginBottom: 12 }}
      >
        <Flex gap={8} wrap style={{ marginBottom: 8 }}>
          <PeriodSelect
            value={period}
            onChange={(p) => {
              setPeriod(p);
              setStart(currentStart(p, timeZone));
            }}
            style={{ width: 120 }}
          />
          <div style={{ width: 240, maxWidth: '100%' }}>
            <PeriodStartPicker period={period} value={start} onChange={setStart} />
          </div>
        </Flex>
        {missing.isError ? (
          <QueryError error={missing.error} onRetry={() => void missing.refetch()} />
        ) : missing.isPending ? (
          <Skeleton active paragraph={{ rows: 1 }} />
        ) : missing.data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('missing.allDone')} />
        ) : (
          <List
            size="small"
            grid={{ gutter: 8, xs: 2, sm: 3, md: 4, lg: 6 }}
            dataSource={missing.data}
            renderItem={(u) => (
              <List.Item key={u.userId} style={{ marginBottom: 4 }}>
                <Flex align="center" gap={6}>
                  <Avatar size="small">{u.name.slice(-2)}</Avatar>
                  <Flex vertical style={{ minWidth: 0 }}>
                    <span>{u.name}</span>
                    {u.departmentName ? (
                      <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                        {u.departmentName}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
    </section>
  );
}
