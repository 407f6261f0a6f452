import type { ReportResult, ReportRow } from '@guanxi/contract';
import { Drawer, List, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/query-error.tsx';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { type ReportParams, useReportDrill } from './report-kit-api.ts';
import { formatValue } from './report-table.tsx';

type Props = {
  code: string;
  params: ReportParams;
  result: ReportResult;
  row: ReportRow | null;
  /** A pivot's column key: the cell of that row and column (absent: the whole row). */
  column?: string;
  onClose: () => void;
};

/** The records behind one row of a report: exactly those it counted, each opening its page. */
export function ReportDrillDrawer({ code, params, result, row, column, onClose }: Props) {
  const { t } = useTranslation('reports');
  const isPhone = useIsPhone();
  const [page, setPage] = useState(1);
  const cell = row ? (column === undefined ? String(row.cell) : `${row.cell}||${column}`) : null;
  const drill = useReportDrill(code, { ...params, groupBy: result.groupBy }, cell, page);
  const measures = result.columns.filter(
    (c) => c.kind === 'measure' && !c.key.startsWith('c:') && c.key !== 'total',
  );
  const columnName = result.columns.find((c) => c.key === `c:${column}`)?.name;
  const label = row ? [row[result.groupBy], columnName].filter(Boolean).join(' · ') : '';
  return (
    <Drawer
      open={row !== null}
      onClose={() => {
        setPage(1);
        onClose();
      }}
      title={t('kit.drillTitle', { label })}
      size={isPhone ? '100%' : 560}
      destroyOnHidden
    >
      {drill.isError ? <QueryError error={drill.error} onRetry={() => drill.refetch()} /> : null}
      <List
        loading={drill.isFetching}
        dataSource={drill.data?.data ?? []}
        header={drill.data ? t('kit.records', { count: drill.data.total }) : null}
        pagination={
          drill.data && drill.data.total > drill.data.pageSize
            ? {
                current: page,
                pageSize: drill.data.pageSize,
                total: drill.data.total,
                onChange: setPage,
                size: 'small',
              }
            : false
        }
        renderItem={(r) => (
          <List.Item
            extra={
              <Typography.Text>
                {measures
                  .filter((m) => m.key in r.values)
                  .map((m) => `${m.name} ${formatValue(m, r.values[m.key])}`)
                  .join(' · ')}
              </Typography.Text>
            }
          >
            <List.Item.Meta
              title={r.link ? <Link to={r.link}>{r.title}</Link> : r.title}
              description={r.subtitle}
            />
          </List.Item>
        )}
      />
    </Drawer>
  );
}
