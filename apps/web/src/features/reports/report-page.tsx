import { ClockCircleOutlined, DownloadOutlined } from '@ant-design/icons';
import { type ReportCatalogEntry, type ReportRow, reportRanges } from '@guanxi/contract';
import { Button, Card, DatePicker, Flex, Result, Select, Skeleton, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { download } from '../../lib/download.ts';
import { useUpdateParams } from '../../lib/use-update-params.ts';
import { ReportChart } from './report-chart.tsx';
import { ReportDrillDrawer } from './report-drill-drawer.tsx';
import { ReportFilter } from './report-filter.tsx';
import { type ReportParams, reportExportUrl, useReport, useReportCatalog } from './report-kit-api.ts';
import { ReportTable } from './report-table.tsx';
import { SubscriptionButton } from './subscription-button.tsx';
import './texts.ts';

/** The address's parameters a report takes (the rest of the address is the page's own). */
const KEYS = ['range', 'from', 'to', 'compare', 'groupBy', 'groupBy2', 'top'];

/** One report of the framework: period, comparison and grouping in the address, chart, table, drill-down, XLSX. */
export function ReportPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation('reports');
  const navigate = useNavigate();
  const catalog = useReportCatalog();
  const entry = catalog.data?.data.find((r) => r.code === code);
  if (catalog.isError) return <QueryError error={catalog.error} onRetry={() => catalog.refetch()} />;
  if (!catalog.data) return <Skeleton active />;
  if (!entry)
    return (
      <Result
        status="404"
        title={t('kit.noReports')}
        extra={<Button onClick={() => navigate('/reports')}>{t('kit.hubTitle')}</Button>}
      />
    );
  return <ReportView entry={entry} />;
}

function ReportView({ entry }: { entry: ReportCatalogEntry }) {
  const { t } = useTranslation('reports');
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const update = useUpdateParams();
  const params: ReportParams = {};
  for (const k of [...KEYS, ...entry.filters.map((f) => f.key)]) {
    const v = search.get(k);
    if (v) params[k] = v;
  }
  const range = params.range ?? entry.defaultRange;
  const report = useReport(entry.code, params);
  const [drill, setDrill] = useState<{ row: ReportRow; column?: string } | null>(null);
  const set = (key: string, value: string | null) =>
    update((p) => {
      if (value) p.set(key, value);
      else p.delete(key);
      if (key === 'range' && value !== 'custom') {
        p.delete('from');
        p.delete('to');
      }
    });

  const result = report.data;
  const asOf = result ? dayjs(result.freshness.asOf).format('YYYY-MM-DD HH:mm') : '';
  // a number from a rollup says how old it is, plainly; a live one only says so discreetly
  const freshness = !result ? null : result.freshness.live ? (
    <Tooltip title={asOf}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('kit.live')}
      </Typography.Text>
    </Tooltip>
  ) : (
    <Tag color="warning" icon={<ClockCircleOutlined aria-hidden />} style={{ marginInlineStart: 4 }}>
      {t('kit.asOf', { time: asOf })}
    </Tag>
  );
  const groupBy = params.groupBy ?? entry.defaultGroupBy;
  const next = entry.dimensions.find((d) => d.key === groupBy)?.next;
  const nextName = next ? entry.dimensions.find((d) => d.key === next.groupBy)?.name : undefined;
  const period = result?.period
    ? t('kit.period', { from: result.period.from, to: result.period.to })
    : t('kit.allTime');

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={entry.name}
        subTitle={
          result ? (
            <>
              {period} · {freshness}
            </>
          ) : undefined
        }
        onBack={() => navigate('/reports')}
        extra={
          <Flex gap={8} wrap>
            <SubscriptionButton report={entry} query={params} />
            <Button
              icon={<DownloadOutlined aria-hidden />}
              onClick={() => download(reportExportUrl(entry.code, params))}
            >
              {t('kit.export')}
            </Button>
          </Flex>
        }
      />
      <Card size="small">
        <Flex gap={12} wrap align="center">
          {entry.timed ? (
            <>
              <Select
                aria-label={t('kit.range')}
                value={range}
                style={{ minWidth: 130 }}
                onChange={(v) => set('range', v)}
                options={reportRanges.map((r) => ({ value: r, label: t(`kit.ranges.${r}`) }))}
              />
              {range === 'custom' ? (
                <DatePicker.RangePicker
                  aria-label={t('kit.ranges.custom')}
                  value={params.from && params.to ? [dayjs(params.from), dayjs(params.to)] : null}
                  onChange={(v) =>
                    update((p) => {
                      if (v?.[0] && v[1]) {
                        p.set('from', v[0].format('YYYY-MM-DD'));
                        p.set('to', v[1].format('YYYY-MM-DD'));
                      } else {
                        p.delete('from');
                        p.delete('to');
                      }
                    })
                  }
                />
              ) : null}
              {range !== 'all' && !params.groupBy2 ? (
                <Select
                  aria-label={t('kit.compare')}
                  value={params.compare ?? ''}
                  style={{ minWidth: 130 }}
                  onChange={(v) => set('compare', v || null)}
                  options={[
                    { value: '', label: t('kit.compareNone') },
                    { value: 'previous', label: t('kit.compares.previous') },
                    { value: 'lastYear', label: t('kit.compares.lastYear') },
                  ]}
                />
              ) : null}
            </>
          ) : null}
          <Select
            aria-label={t('kit.groupBy')}
            value={groupBy}
            style={{ minWidth: 130 }}
            onChange={(v) => set('groupBy', v)}
            options={entry.dimensions.map((d) => ({ value: d.key, label: d.name }))}
          />
          {entry.pivot ? (
            <Select
              aria-label={t('kit.groupBy2')}
              value={params.groupBy2 ?? ''}
              style={{ minWidth: 130 }}
              onChange={(v) => {
                update((p) => {
                  if (v) p.set('groupBy2', v);
                  else p.delete('groupBy2');
                  p.delete('compare');
                });
              }}
              options={[
                { value: '', label: t('kit.noColumns') },
                ...entry.dimensions
                  .filter((d) => d.key !== groupBy)
                  .map((d) => ({ value: d.key, label: d.name })),
              ]}
            />
          ) : null}
          {entry.filters.map((f) => (
            <ReportFilter key={f.key} filter={f} value={params[f.key]} onChange={(v) => set(f.key, v)} />
          ))}
          <Select
            aria-label={t('kit.top')}
            value={params.top ?? ''}
            style={{ minWidth: 110 }}
            onChange={(v) => set('top', v || null)}
            options={[
              { value: '', label: t('kit.topN', { count: 20 }) },
              ...[5, 10, 50, 100].map((n) => ({ value: String(n), label: t('kit.topN', { count: n }) })),
            ]}
          />
        </Flex>
      </Card>
      {report.isError ? <QueryError error={report.error} onRetry={() => report.refetch()} /> : null}
      {result ? (
        <>
          {result.rows.length ? (
            <Card size="small">
              <ReportChart result={result} />
            </Card>
          ) : null}
          <Card size="small" loading={report.isFetching && !result}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('kit.drillHint')}
            </Typography.Paragraph>
            <ReportTable
              result={result}
              onDrill={(row, column) => setDrill({ row, column })}
              next={
                next && nextName
                  ? {
                      name: nextName,
                      // the row's group becomes the filter, the finer level the grouping (省 → 市 → 区县)
                      open: (row) =>
                        update((p) => {
                          p.set(next.filter, String(row.cell));
                          p.set('groupBy', next.groupBy);
                        }),
                    }
                  : undefined
              }
            />
          </Card>
          <ReportDrillDrawer
            code={entry.code}
            params={params}
            result={result}
            row={drill?.row ?? null}
            column={drill?.column}
            onClose={() => setDrill(null)}
          />
        </>
      ) : report.isPending ? (
        <Skeleton active />
      ) : null}
    </Flex>
  );
}
