import { ArrowRightOutlined } from '@ant-design/icons';
import type { FieldChange } from '@guanxi/contract';
import { Empty, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatValue } from '../lib/format.ts';
import { useIsPhone } from '../lib/use-is-phone.ts';
import { QueryError } from './query-error.tsx';

type Props = {
  changes: FieldChange[] | undefined;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** Localised name of a field, e.g. `phone` → 手机. */
  fieldLabel?: (field: string) => string;
  /** Localised display of a field's value (e.g. a status). */
  valueLabel?: (field: string, value: unknown) => string;
};

function Value({ text }: { text: string }) {
  const { t } = useTranslation();
  return text ? (
    <Typography.Text style={{ wordBreak: 'break-all' }}>{text}</Typography.Text>
  ) : (
    <Typography.Text type="secondary">{t('history.empty')}</Typography.Text>
  );
}

/** A record's field history: when, who, field, before → after. */
export function FieldHistory({ changes, loading, error, onRetry, fieldLabel, valueLabel }: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  if (error) return <QueryError error={error} onRetry={onRetry} />;
  const show = (field: string, value: unknown) =>
    valueLabel ? valueLabel(field, value) : formatValue(value);
  return (
    <Table<FieldChange>
      size="small"
      rowKey={(r) => `${r.at}|${r.field}|${r.action}`}
      loading={loading}
      dataSource={changes ?? []}
      pagination={
        (changes?.length ?? 0) > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false
      }
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.none')} /> }}
      columns={[
        { key: 'at', title: t('history.at'), render: (_, r) => formatDateTime(r.at), width: 150 },
        {
          key: 'user',
          title: t('history.user'),
          render: (_, r) => (!r.userName || r.userName === 'system' ? t('history.system') : r.userName),
        },
        {
          key: 'field',
          title: t('history.field'),
          render: (_, r) => (fieldLabel ? fieldLabel(r.field) : r.field),
        },
        {
          key: 'change',
          title: t('history.change'),
          render: (_, r) => (
            <Flex
              gap={6}
              align={isPhone ? 'flex-start' : 'center'}
              vertical={isPhone}
              style={{ maxWidth: 420 }}
            >
              <Value text={show(r.field, r.before)} />
              <ArrowRightOutlined style={{ color: '#8c8c8c' }} aria-label={t('history.to')} />
              <Value text={show(r.field, r.after)} />
            </Flex>
          ),
        },
      ]}
    />
  );
}
