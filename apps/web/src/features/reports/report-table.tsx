import type { ReportColumn, ReportResult, ReportRow } from '@guanxi/contract';
import { Button, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../customers/money.ts';
import './texts.ts';

const OTHERS = '__others__';

/** A value as its column writes it: money with separators, shares as percent, counts as they are. */
export function formatValue(column: ReportColumn, value: ReportRow[string] | undefined) {
  if (value === null || value === undefined) return '—';
  if (column.format === 'money') return formatMoney(String(value));
  if (column.format === 'percent') return `${value}%`;
  return typeof value === 'number' ? value.toLocaleString() : value;
}

/** A pivot's cell column (`c:<column key>`): its cells open their own records. */
const PIVOT_COLUMN = 'c:';

type Props = {
  result: ReportResult;
  onDrill: (row: ReportRow, column?: string) => void;
  /** A finer level each row opens (省 → 市): its name and how to open it. */
  next?: { name: string; open: (row: ReportRow) => void };
};

const NONE = '__none__';

/** The chart's table: a row per group (a click opens its records), 其他 last, the totals below. */
export function ReportTable({ result, onDrill, next }: Props) {
  const { t } = useTranslation('reports');
  const columns: TableColumnsType<ReportRow> = result.columns.map((c, i) => ({
    key: c.key,
    dataIndex: c.key,
    title: c.name,
    align: i === 0 ? 'left' : 'right',
    fixed: i === 0 ? 'left' : undefined,
    ellipsis: i === 0,
    render: (v: ReportRow[string], row: ReportRow) =>
      c.kind === 'share' || c.kind === 'compare' ? (
        <Typography.Text type="secondary">{formatValue(c, v)}</Typography.Text>
      ) : c.key.startsWith(PIVOT_COLUMN) && row.cell !== OTHERS && c.key !== `${PIVOT_COLUMN}${OTHERS}` ? (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          aria-label={`${row[result.groupBy]} · ${c.name}`}
          onClick={(e) => {
            e.stopPropagation();
            onDrill(row, c.key.slice(PIVOT_COLUMN.length));
          }}
        >
          {formatValue(c, v)}
        </Button>
      ) : i === 0 && next && row.cell !== OTHERS && row.cell !== NONE ? (
        <Flex gap={4} align="center" wrap>
          {formatValue(c, v)}
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            aria-label={t('kit.nextLabel', { name: next.name, label: String(v) })}
            onClick={(e) => {
              e.stopPropagation();
              next.open(row);
            }}
          >
            {t('kit.next', { name: next.name })}
          </Button>
        </Flex>
      ) : (
        formatValue(c, v)
      ),
  }));
  return (
    <Table<ReportRow>
      size="small"
      rowKey={(r) => String(r.cell)}
      columns={columns}
      dataSource={result.rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('kit.empty') }}
      onRow={(r) =>
        r.cell === OTHERS
          ? {}
          : {
              onClick: () => onDrill(r),
              style: { cursor: 'pointer' },
              tabIndex: 0,
              onKeyDown: (e) => {
                if (e.key === 'Enter') onDrill(r);
              },
            }
      }
      summary={() =>
        result.rows.length ? (
          <Table.Summary fixed>
            <Table.Summary.Row>
              {result.columns.map((c, i) => (
                <Table.Summary.Cell key={c.key} index={i} align={i === 0 ? 'left' : 'right'}>
                  <Typography.Text strong>
                    {i === 0
                      ? t('kit.total')
                      : c.kind === 'share'
                        ? ''
                        : formatValue(c, result.totals[c.key])}
                  </Typography.Text>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        ) : null
      }
    />
  );
}
