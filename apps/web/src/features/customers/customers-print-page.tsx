import './texts.ts';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { QueryError } from '../../components/query-error.tsx';
import { useMe } from '../../lib/access.ts';
import type { QueryValue } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { fetchCustomers } from './api.ts';
import { useCustomerDictionaryLabel } from './customer-dictionary-fields.ts';
import { customerFilterKeys, parseView, viewParams } from './customer-views.ts';
import { customerTypeLabel } from './labels.ts';

/** Rows per printout: the API's largest page. */
const PRINT_ROWS = 100;

/**
 * 打印: the customer list with the same view, search, filters and sort as `/customers`, as a
 * plain table for paper (the app's chrome is left out).
 */
export function CustomersPrintPage() {
  const { t } = useTranslation('customers');
  const me = useMe();
  const navigate = useNavigate();
  const dict = useCustomerDictionaryLabel();
  const [params] = useSearchParams();
  const view = parseView(params.get('view'));
  useDocumentTitle(t('print.title'));

  const query: Record<string, QueryValue> = {
    page: 1,
    pageSize: PRINT_ROWS,
    sort: params.get('sort') ?? undefined,
  };
  const q = params.get('q');
  if (q) query.q = q;
  for (const key of customerFilterKeys) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  Object.assign(query, viewParams(view, me.user.id));

  const list = useQuery({
    queryKey: ['customers', 'print', query],
    queryFn: ({ signal }) => fetchCustomers(query as Parameters<typeof fetchCustomers>[0], signal),
  });

  const back = new URLSearchParams(params);
  const rows = list.data?.data ?? [];

  return (
    <main className="print-page">
      <Flex className="print-toolbar" justify="space-between" align="center" wrap gap={8}>
        <Button
          icon={<ArrowLeftOutlined aria-hidden />}
          onClick={() => navigate(`/customers?${back.toString()}`)}
        >
          {t('print.back')}
        </Button>
        <Button
          type="primary"
          icon={<PrinterOutlined aria-hidden />}
          disabled={!list.data}
          onClick={() => window.print()}
        >
          {t('print.print')}
        </Button>
      </Flex>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('print.heading', { view: t(`views.${view}`) })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('print.meta', {
          tenant: me.tenant.name,
          user: me.user.name,
          at: formatDateTime(new Date().toISOString()),
        })}
        {list.data
          ? ` · ${
              list.data.total > rows.length
                ? t('print.partial', { shown: rows.length, total: list.data.total })
                : t('print.count', { count: rows.length })
            }`
          : null}
      </Typography.Paragraph>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Spin />
      ) : rows.length === 0 ? (
        <Typography.Paragraph>{t(`empty.${view}`)}</Typography.Paragraph>
      ) : (
        <div className="print-table-wrap">
          <table className="print-table">
            <thead>
              <tr>
                <th>{t('fields.number')}</th>
                <th>{t('fields.name')}</th>
                <th>{t('fields.type')}</th>
                <th>{t('fields.levelId')}</th>
                <th>{t('fields.statusId')}</th>
                <th>{t('fields.regionId')}</th>
                <th>{t('fields.phone')}</th>
                <th>{view === 'pool' ? t('fields.poolName') : t('fields.ownerId')}</th>
                <th>{t('fields.nextFollowUpAt')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td>{c.number ?? ''}</td>
                  <td>{c.name}</td>
                  <td>{customerTypeLabel(t, c.type)}</td>
                  <td>{dict(c, 'levelId') ?? ''}</td>
                  <td>{dict(c, 'statusId') ?? ''}</td>
                  <td>{dict(c, 'regionId') ?? ''}</td>
                  <td>{c.phone ?? c.mobile ?? ''}</td>
                  <td>{(view === 'pool' ? c.poolName : c.ownerName) ?? ''}</td>
                  <td>{c.nextFollowUpAt ? formatDateTime(c.nextFollowUpAt).slice(0, 10) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
