import type { ContactComplianceCustomer } from '@guanxi/contract';
import { Drawer, Flex, Input, Segmented, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useItemLabel } from '../dictionaries/item-label.ts';
import { useComplianceCustomers } from './api.ts';
import './texts.ts';

type Props = {
  month: string;
  drill: { userId: string; name: string; status: 'all' | 'behind' } | null;
  onClose: () => void;
};

const PAGE_SIZE = 20;

/** The customers behind a row of the report: level, required, done (capped) and the month's real count. */
export function ComplianceDrawer({ month, drill, onClose }: Props) {
  const { t } = useTranslation('reports');
  const isPhone = useIsPhone();
  const label = useItemLabel();
  const [status, setStatus] = useState<'all' | 'behind'>('all');
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  useEffect(() => {
    if (drill) {
      setStatus(drill.status);
      setPage(1);
      setQ('');
    }
  }, [drill]);
  const customers = useComplianceCustomers(
    drill ? { month, userId: drill.userId, status, page, pageSize: PAGE_SIZE, q: q || undefined } : null,
  );

  const columns: TableColumnsType<ContactComplianceCustomer> = [
    {
      title: t('drill.customer'),
      key: 'name',
      render: (_v, c) => (
        <>
          <Link to={`/customers/${c.id}`}>{c.name}</Link>
          {isPhone ? (
            <div>
              <Tag>{label({ name: c.levelName, nameEn: c.levelNameEn })}</Tag>
            </div>
          ) : null}
        </>
      ),
    },
    ...(isPhone
      ? []
      : ([
          {
            title: t('drill.level'),
            key: 'level',
            render: (_v, c) => label({ name: c.levelName, nameEn: c.levelNameEn }),
          },
          {
            title: t('drill.lastFollowUpAt'),
            dataIndex: 'lastFollowUpAt',
            key: 'lastFollowUpAt',
            render: (v: string | null) => formatDateTime(v),
          },
        ] satisfies TableColumnsType<ContactComplianceCustomer>)),
    {
      title: `${t('drill.done')}/${t('drill.required')}`,
      key: 'done',
      align: 'right',
      render: (_v, c) => (
        <span title={t('drill.followUps', { count: c.followUps })}>
          <Typography.Text type={c.done < c.required ? 'danger' : 'success'}>{c.done}</Typography.Text> /{' '}
          {c.required}
        </span>
      ),
    },
  ];

  return (
    <Drawer
      open={drill !== null}
      onClose={onClose}
      title={drill ? t('drill.title', { name: drill.name, month }) : null}
      size={isPhone ? '100%' : 640}
      destroyOnHidden
    >
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as 'all' | 'behind');
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('drill.all') },
            { value: 'behind', label: t('drill.behind') },
          ]}
        />
        <Input.Search
          allowClear
          aria-label={t('drill.search')}
          placeholder={t('drill.search')}
          maxLength={100}
          style={{ width: isPhone ? '100%' : 220 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
      </Flex>
      {customers.isError ? (
        <QueryError error={customers.error} onRetry={() => void customers.refetch()} />
      ) : (
        <Table<ContactComplianceCustomer>
          rowKey="id"
          size="small"
          loading={customers.isFetching}
          columns={columns}
          dataSource={customers.data?.data ?? []}
          locale={{ emptyText: t('drill.empty') }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: customers.data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
        />
      )}
    </Drawer>
  );
}
