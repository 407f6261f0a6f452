import { DownloadOutlined } from '@ant-design/icons';
import type { ContactComplianceRow } from '@guanxi/contract';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Flex,
  Progress,
  Table,
  type TableColumnsType,
  Typography,
  theme,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { download } from '../../lib/download.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { complianceExportUrl, useContactCompliance } from './api.ts';
import { ComplianceDrawer } from './compliance-drawer.tsx';
import './texts.ts';

const MONTH = 'YYYY-MM';

/** A rate as a bar: green when the norm is met, orange from 60 %, red below. */
function RateBar({ rate }: { rate: number | null }) {
  const { t } = useTranslation('reports');
  const { token } = theme.useToken();
  if (rate === null) return <Typography.Text type="secondary">{t('noRequirement')}</Typography.Text>;
  const percent = Math.round(rate * 1000) / 10;
  const color = rate >= 1 ? token.colorSuccess : rate >= 0.6 ? token.colorWarning : token.colorError;
  return (
    <Progress
      percent={percent}
      size="small"
      strokeColor={color}
      status="normal"
      format={(p) => `${p}%`}
      style={{ margin: 0, minWidth: 100 }}
    />
  );
}

type Drill = { userId: string; name: string; status: 'all' | 'behind' };

/** 联系频率达标: per owner in my scope, the month's required follow-ups against those done. */
export function ContactCompliancePage() {
  const { t } = useTranslation('reports');
  const isPhone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const asked = params.get('month');
  const month = asked && dayjs(asked, MONTH, true).isValid() ? asked : dayjs().format(MONTH);
  const report = useContactCompliance(month);
  const [drill, setDrill] = useState<Drill | null>(null);

  const rows = report.data ?? [];
  const totals = rows.reduce(
    (s, r) => ({
      customers: s.customers + r.customers,
      required: s.required + r.required,
      done: s.done + r.done,
    }),
    { customers: 0, required: 0, done: 0 },
  );

  // a number opens the customers behind it; 0 customers has nothing to show
  const drillLink = (r: ContactComplianceRow, value: number, status: Drill['status'], label: string) =>
    r.customers > 0 ? (
      <Button
        type="link"
        size="small"
        style={{ padding: 0 }}
        aria-label={label}
        onClick={() => setDrill({ userId: r.userId, name: r.name, status })}
      >
        {value}
      </Button>
    ) : (
      value
    );

  const columns: TableColumnsType<ContactComplianceRow> = [
    {
      title: t('columns.user'),
      dataIndex: 'name',
      key: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name),
    },
    ...(isPhone
      ? []
      : ([
          {
            title: t('columns.customers'),
            dataIndex: 'customers',
            key: 'customers',
            align: 'right',
            sorter: (a, b) => a.customers - b.customers,
            render: (v: number, r) => drillLink(r, v, 'all', t('openCustomers', { name: r.name })),
          },
          {
            title: t('columns.required'),
            dataIndex: 'required',
            key: 'required',
            align: 'right',
            sorter: (a, b) => a.required - b.required,
          },
        ] satisfies TableColumnsType<ContactComplianceRow>)),
    {
      title: isPhone ? `${t('columns.done')}/${t('columns.required')}` : t('columns.done'),
      dataIndex: 'done',
      key: 'done',
      align: 'right',
      sorter: (a, b) => a.done - b.done,
      render: (v: number, r) => (
        <>
          {drillLink(r, v, 'all', t('openDone', { name: r.name }))}
          {isPhone ? ` / ${r.required}` : null}
        </>
      ),
    },
    {
      title: t('columns.rate'),
      dataIndex: 'rate',
      key: 'rate',
      width: isPhone ? 120 : 220,
      sorter: (a, b) => (a.rate ?? 2) - (b.rate ?? 2),
      render: (v: number | null) => <RateBar rate={v} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('title')}
        subTitle={isPhone ? undefined : t('subtitle')}
        extra={
          <Flex gap={8} wrap>
            <DatePicker
              picker="month"
              aria-label={t('month')}
              value={dayjs(month, MONTH)}
              allowClear={false}
              inputReadOnly={isPhone}
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
              onChange={(d) => d && setParams({ month: d.format(MONTH) }, { replace: true })}
            />
            <Button
              icon={<DownloadOutlined aria-hidden />}
              onClick={() => download(complianceExportUrl(month))}
            >
              {t('export')}
            </Button>
          </Flex>
        }
      />
      <Card variant="borderless" styles={{ body: { padding: isPhone ? 8 : 16 } }}>
        <Alert type="info" showIcon title={t('hint')} style={{ marginBottom: 12 }} />
        {report.isError ? (
          <QueryError error={report.error} onRetry={() => void report.refetch()} />
        ) : (
          <Table<ContactComplianceRow>
            rowKey="userId"
            size="small"
            loading={report.isFetching}
            columns={columns}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('empty') }}
            summary={() =>
              rows.length > 1 ? (
                <Table.Summary fixed>
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <Typography.Text strong>{t('total')}</Typography.Text>
                    </Table.Summary.Cell>
                    {isPhone ? null : (
                      <>
                        <Table.Summary.Cell index={1} align="right">
                          {totals.customers}
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={2} align="right">
                          {totals.required}
                        </Table.Summary.Cell>
                      </>
                    )}
                    <Table.Summary.Cell index={3} align="right">
                      {totals.done}
                      {isPhone ? ` / ${totals.required}` : null}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={4}>
                      <RateBar rate={totals.required > 0 ? totals.done / totals.required : null} />
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                </Table.Summary>
              ) : null
            }
          />
        )}
      </Card>
      <ComplianceDrawer month={month} drill={drill} onClose={() => setDrill(null)} />
    </>
  );
}
