import './texts.ts';
import {
  DeleteOutlined,
  EditOutlined,
  FormOutlined,
  PlusOutlined,
  PrinterOutlined,
  StopOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import type { Customer } from '@guanxi/contract';
import { Button, Card, Flex, Segmented } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { BulkAction, ListColumn, ShownRecord } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan, useMe } from '../../lib/access.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useCustomFieldFilters } from '../custom-fields/custom-field-filters.tsx';
import { useCustomFieldColumns } from '../custom-fields/custom-field-value.tsx';
import { ExportButton } from '../exports/export-button.tsx';
import { PoolRowActions } from '../pools/pool-row-actions.tsx';
import { SavedQueriesButton } from '../saved-queries/saved-queries-button.tsx';
import { bulkDeleteCustomers, customerKeys, fetchCustomers } from './api.ts';
import { useCustomerBulkDialogs } from './bulk-dialogs.tsx';
import { useBulkReport } from './bulk-report.tsx';
import { isChangeable } from './changeable.ts';
import { customerColumns } from './customer-columns.tsx';
import { useCustomerDictionaryLabel } from './customer-dictionary-fields.ts';
import { CustomerDrawer } from './customer-drawer.tsx';
import { customerFilterFields } from './customer-filters.tsx';
import {
  type CustomerView,
  customerFilterKeys,
  customerViews,
  parseView,
  viewParams,
} from './customer-views.ts';

/** On a phone the name leads (the table scrolls sideways inside itself). */
function nameFirstOnPhone(columns: ListColumn<Customer>[], isPhone: boolean) {
  if (!isPhone) return columns;
  return [...columns.filter((c) => c.key === 'name'), ...columns.filter((c) => c.key !== 'name')];
}

/** 客户: the customer book with views, quick search, filters, bulk actions and print. */
export function CustomersPage() {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const can = useCan();
  const me = useMe();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = parseView(params.get('view'));
  const [drawer, setDrawer] = useState<string | null>(null);
  const [created, setCreated] = useState<ShownRecord | null>(null);
  const report = useBulkReport();
  const bulk = useCustomerBulkDialogs();
  const dict = useCustomerDictionaryLabel();
  const customColumns = useCustomFieldColumns<Customer>('customers');
  const customFilters = useCustomFieldFilters('customers');
  const urlState = useMemo(
    () => ({ filterKeys: [...customerFilterKeys, ...customFilters.keys] }),
    [customFilters.keys],
  );

  const setView = (next: CustomerView) => {
    // another view starts again on page 1 (filters and search stay)
    const nextParams = new URLSearchParams(params);
    nextParams.delete('page');
    nextParams.delete('cursor');
    if (next !== 'all') nextParams.delete('ownerId'); // the owner filter is offered on 全部 only
    if (next === 'mine') nextParams.delete('view');
    else nextParams.set('view', next);
    setParams(nextParams);
  };

  const columns = useMemo<ListColumn<Customer>[]>(
    () => [
      ...nameFirstOnPhone(
        [...customerColumns(t, { pool: view === 'pool', dict }), ...customColumns],
        isPhone,
      ),
      {
        key: 'actions',
        title: tc('columns.actions'),
        alwaysVisible: true,
        fixed: 'right',
        render: (c) =>
          c.state === 'pool' ? (
            <PoolRowActions customer={c} />
          ) : isChangeable(c) && can('customers:edit') ? (
            <Button
              type="link"
              size="small"
              icon={<EditOutlined aria-hidden />}
              aria-label={t('actions.editNamed', { name: c.name })}
              onClick={() => setDrawer(c.id)}
            >
              {tc('actions.edit')}
            </Button>
          ) : null,
      },
    ],
    [t, tc, can, view, isPhone, customColumns, dict],
  );

  const bulkActions: BulkAction<Customer>[] = [];
  if (view !== 'pool') {
    if (view !== 'draft' && can('customers:transfer'))
      bulkActions.push({
        key: 'transfer',
        label: t('bulk.transfer'),
        icon: <SwapOutlined aria-hidden />,
        onRun: (rows) => bulk.transfer(rows.map((r) => r.id)),
        report,
      });
    if (can('customers:edit'))
      bulkActions.push({
        key: 'update',
        label: t('bulk.update'),
        icon: <FormOutlined aria-hidden />,
        onRun: (rows) => bulk.update(rows.map((r) => r.id)),
        report,
      });
    if (view !== 'draft' && can('customers:edit'))
      bulkActions.push({
        key: 'invalidate',
        label: t('bulk.invalidate'),
        icon: <StopOutlined aria-hidden />,
        onRun: (rows) => bulk.invalidate(rows.map((r) => r.id)),
        report,
      });
    if (can('customers:delete'))
      bulkActions.push({
        key: 'delete',
        label: tc('actions.delete'),
        icon: <DeleteOutlined aria-hidden />,
        danger: true,
        confirm: (count) => t('bulk.deleteConfirm', { count }),
        onRun: (rows) => bulkDeleteCustomers(rows.map((r) => r.id)),
        report,
      });
  }

  /** After a create the list shows the new customer: in its view, found by its name, marked. */
  const showCreated = (c: Customer) => {
    const home: CustomerView = c.state === 'draft' ? 'draft' : c.ownerId === me.user.id ? 'mine' : 'all';
    // one new address (view and search, no filters, page 1), so nothing is left to undo it
    const next = new URLSearchParams();
    if (home !== 'mine') next.set('view', home);
    next.set('q', c.name);
    setParams(next);
    setCreated({ id: c.id, search: c.name });
  };

  const printSearch = new URLSearchParams(params);
  printSearch.delete('page');
  printSearch.delete('cursor');
  // what an export takes: this view's fixed filters plus the ones in the address
  const exportQuery: Record<string, string> = {};
  for (const [k, v] of printSearch) if (!['view', 'sort', 'pageSize'].includes(k)) exportQuery[k] = v;
  for (const [k, v] of Object.entries(viewParams(view, me.user.id)))
    if (v != null) exportQuery[k] = String(v);

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          can('customers:create') ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDrawer('new')}>
              {t('actions.create')}
            </Button>
          ) : null
        }
      />
      <Card variant="borderless" className="list-card" styles={{ body: { padding: isPhone ? 12 : 20 } }}>
        <Flex vertical gap={12}>
          <Segmented<CustomerView>
            aria-label={t('views.label')}
            value={view}
            onChange={setView}
            block={isPhone}
            options={customerViews.map((v) => ({ value: v, label: t(`views.${v}`) }))}
          />
          <ListPage<Customer>
            bare
            queryKey={customerKeys.all}
            fetcher={fetchCustomers}
            fixedParams={viewParams(view, me.user.id)}
            columns={columns}
            rowKey={(c) => c.id}
            rowLabel={(c) => c.name}
            columnPreferenceKey="columns.customers"
            searchPlaceholder={t('searchPlaceholder')}
            emptyText={t(`empty.${view}`)}
            bulkActions={bulkActions}
            urlState={urlState}
            exactCountable
            show={created}
            filterFields={[
              ...customerFilterFields(t, tc('list.any'), { owner: view === 'all' }),
              ...customFilters.fields,
            ]}
            toolbar={
              <>
                <SavedQueriesButton
                  list="customers"
                  current={Object.fromEntries(printSearch)}
                  onApply={(query) => setParams(new URLSearchParams(query))}
                />
                {can('customers:export') ? <ExportButton query={exportQuery} /> : null}
                <Button
                  icon={<PrinterOutlined aria-hidden />}
                  aria-label={t('print.open')}
                  title={t('print.open')}
                  onClick={() => navigate(`/customers/print?${printSearch.toString()}`)}
                >
                  {isPhone ? null : t('print.open')}
                </Button>
              </>
            }
          />
        </Flex>
      </Card>
      <CustomerDrawer
        target={drawer}
        onClose={() => setDrawer(null)}
        onSaved={(c) => drawer === 'new' && showCreated(c)}
      />
      {bulk.dialogs}
    </>
  );
}
