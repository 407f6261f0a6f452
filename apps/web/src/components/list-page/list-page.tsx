import { FilterOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Empty, Flex, Input, Table, type TableColumnsType } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { type Key, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryValue } from '../../lib/api.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { JUST_CREATED, useRevealRow } from '../just-created.ts';
import { QueryError } from '../query-error.tsx';
import { BulkActionBar } from './bulk-action-bar.tsx';
import { ColumnChooser, isColumnVisible } from './column-chooser.tsx';
import { FilterBar } from './filter-bar.tsx';
import { ListPagination, pageCount } from './list-pagination.tsx';
import type { ListPageProps, ListParams, ShownRecord } from './types.ts';
import { useColumnPreference } from './use-column-preference.ts';
import { useListState } from './use-list-state.ts';

function defaultMapFilters(values: Record<string, unknown>): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) out[key] = value.map(String);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      out[key] = value;
  }
  return out;
}

function countActive(filters: Record<string, QueryValue>): number {
  return Object.values(filters).filter((v) => v !== undefined && v !== null && v !== '' && v !== false)
    .length;
}

/**
 * The one list page of the app: quick search, filter bar, server-side sorting and paging, column
 * chooser remembered per user, multi-select with bulk actions, loading / empty / error states.
 */
export function ListPage<T extends object>(props: ListPageProps<T>) {
  const {
    queryKey,
    fetcher,
    columns,
    rowKey,
    columnPreferenceKey,
    filterFields,
    mapFilters = defaultMapFilters,
    fixedParams,
    toolbar,
    bulkActions,
    searchable = true,
    searchPlaceholder,
    defaultSort,
    defaultPageSize = 20,
    expandable,
    emptyText,
    bare,
    rowLabel,
    urlState,
    exactCountable,
    show,
  } = props;
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [state, setState] = useListState(
    { page: 1, pageSize: defaultPageSize, sort: defaultSort, q: '', filters: {} },
    urlState,
  );
  const [searchText, setSearchText] = useState(state.q);
  // on request, the total of a large set is counted exactly instead of estimated
  const [exact, setExact] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [selected, setSelected] = useState<Map<Key, T>>(new Map());
  const { visibility, setVisibility } = useColumnPreference(columnPreferenceKey);

  // quick search: debounced, back to page 1
  useEffect(() => {
    const timer = setTimeout(() => {
      const q = searchText.trim();
      setState((s) => (s.q === q ? s : { ...s, q, page: 1 }));
    }, 300);
    return () => clearTimeout(timer);
  }, [searchText, setState]);

  // the search changed in the address (back / forward): show it in the box
  useEffect(() => {
    setSearchText((text) => (text.trim() === state.q ? text : state.q));
  }, [state.q]);

  // a record to show (just created): search for it from page 1 without filters, once per request
  // (the filter bar is rebuilt empty); its row is marked below
  const shownRequest = useRef<ShownRecord | null>(null);
  const [filterBarKey, setFilterBarKey] = useState(0);
  useEffect(() => {
    if (!show || shownRequest.current === show) return;
    shownRequest.current = show;
    const q = show.search.trim();
    setSearchText(q);
    setState((s) => ({ ...s, q, filters: {}, page: 1 }));
    setSelected(new Map());
    setFilterBarKey((k) => k + 1);
  }, [show, setState]);

  const fixedKey = JSON.stringify(fixedParams ?? {});
  const shownFixedKey = useRef(fixedKey);
  // a new fixed scope (e.g. another department) starts again at page 1 with nothing selected
  // biome-ignore lint/correctness/useExhaustiveDependencies: fixedKey stands for fixedParams
  useEffect(() => {
    if (shownFixedKey.current === fixedKey) return; // not on the first show (a reload keeps the page)
    shownFixedKey.current = fixedKey;
    setState((s) => (s.page === 1 ? s : { ...s, page: 1 }), { replace: true });
    setSelected(new Map());
  }, [fixedKey]);

  const params: ListParams = {
    ...state.filters,
    ...fixedParams,
    page: state.page,
    pageSize: state.pageSize,
    sort: state.sort,
    q: state.q || undefined,
    cursor: state.cursor,
    exactTotal: exact ? 'true' : undefined,
  };

  const query = useQuery({
    queryKey: [...queryKey, 'list', params],
    queryFn: ({ signal }) => fetcher(params, signal),
    placeholderData: keepPreviousData,
  });

  const total = query.data?.total ?? 0;
  const shownId = show?.id;
  useRevealRow(shownId, !!shownId && !!query.data?.data.some((row) => rowKey(row) === shownId));
  // the next or previous page continues from the shown one by keyset; other pages are jumps
  const cursorTo = (page: number, pageSize: number) => {
    const shown = query.isPlaceholderData || pageSize !== state.pageSize ? undefined : query.data;
    if (page === state.page + 1) return shown?.nextCursor;
    if (page === state.page - 1) return shown?.prevCursor;
    return undefined;
  };
  const pages = pageCount(total, state.pageSize);
  // the last page vanished (rows deleted elsewhere): show the new last page
  useEffect(() => {
    if (query.data && !query.isPlaceholderData && state.page > pages && !query.data.totalIsEstimate) {
      setState((s) => ({ ...s, page: pages }), { replace: true });
    }
  }, [query.data, query.isPlaceholderData, state.page, pages, setState]);

  const tableColumns = useMemo<TableColumnsType<T>>(
    () =>
      columns
        .filter((c) => isColumnVisible(c, visibility))
        .map((c) => {
          const sortKey = c.sortKey ?? c.key;
          const order = state.sort === sortKey ? 'ascend' : state.sort === `-${sortKey}` ? 'descend' : null;
          return {
            key: c.key,
            title: c.title,
            width: c.width,
            fixed: isPhone ? undefined : c.fixed,
            align: c.align,
            ellipsis: c.ellipsis,
            sorter: c.sortable ? true : undefined,
            sortOrder: c.sortable ? order : undefined,
            sortDirections: ['ascend', 'descend', 'ascend'],
            render: (_: unknown, row: T) => {
              if (c.render) return c.render(row);
              const value = (row as Record<string, unknown>)[c.key];
              return value === null || value === undefined ? '' : String(value);
            },
          };
        }),
    [columns, visibility, state.sort, isPhone],
  );

  const onTableChange = (_p: unknown, _f: unknown, sorter: SorterResult<T> | SorterResult<T>[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const column = columns.find((c) => c.key === s?.columnKey);
    const sortKey = column?.sortKey ?? column?.key;
    const sort = s?.order && sortKey ? (s.order === 'ascend' ? sortKey : `-${sortKey}`) : defaultSort;
    setState((prev) => ({ ...prev, sort, page: 1 }));
  };

  const selectedRows = [...selected.values()];
  const hasBulk = !!bulkActions && bulkActions.length > 0;

  const toolbarRow = (
    <Flex className="list-toolbar" justify="space-between" align="center" wrap gap={8}>
      <Flex gap={8} align="center" wrap style={{ flex: '1 1 260px', minWidth: 0 }}>
        {searchable ? (
          <Input
            allowClear
            prefix={<SearchOutlined aria-hidden />}
            aria-label={t('list.search')}
            placeholder={searchPlaceholder ?? t('list.searchPlaceholder')}
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            style={{ maxWidth: isPhone ? undefined : 320, flex: '1 1 200px' }}
          />
        ) : null}
        {filterFields ? (
          <Badge count={countActive(state.filters)} size="small">
            <Button
              icon={<FilterOutlined aria-hidden />}
              aria-expanded={filtersOpen}
              onClick={() => setFiltersOpen((o) => !o)}
            >
              {t('list.filters')}
            </Button>
          </Badge>
        ) : null}
      </Flex>
      <Flex gap={8} align="center" wrap>
        {toolbar}
        <Button
          icon={<ReloadOutlined aria-hidden />}
          aria-label={t('actions.refresh')}
          title={t('actions.refresh')}
          onClick={() => void query.refetch()}
        />
        <ColumnChooser columns={columns} visibility={visibility} onChange={setVisibility} />
      </Flex>
    </Flex>
  );

  const body = (
    <Flex vertical gap={12}>
      {toolbarRow}
      {filterFields ? (
        <FilterBar
          key={filterBarKey}
          name={`filters-${queryKey.join('-')}`}
          open={filtersOpen}
          fields={filterFields}
          values={urlState ? state.filters : undefined}
          onApply={(values) => {
            setState((s) => ({ ...s, filters: mapFilters(values), page: 1 }));
            setSelected(new Map());
          }}
          onReset={() => {
            setState((s) => ({ ...s, filters: {}, page: 1 }));
            setSelected(new Map());
          }}
        />
      ) : null}
      {hasBulk && selected.size > 0 ? (
        <BulkActionBar
          actions={bulkActions}
          rows={selectedRows}
          onClear={() => setSelected(new Map())}
          onDone={() => {
            setSelected(new Map());
            void query.refetch();
          }}
        />
      ) : null}
      {query.isError && query.data ? (
        <Alert
          type="error"
          showIcon
          title={t('errors.loadFailed')}
          action={
            <Button size="small" onClick={() => void query.refetch()}>
              {t('actions.retry')}
            </Button>
          }
        />
      ) : null}
      {query.isError && !query.data ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <Table<T>
            className="list-table"
            size="small"
            rowKey={rowKey}
            rowClassName={(row) => (shownId && rowKey(row) === shownId ? JUST_CREATED : '')}
            columns={tableColumns}
            dataSource={query.data?.data ?? []}
            loading={query.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            onChange={onTableChange}
            expandable={expandable}
            showSorterTooltip={false}
            locale={{
              emptyText: query.isPending ? (
                <div style={{ height: 120 }} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? t('list.empty')} />
              ),
            }}
            rowSelection={
              hasBulk
                ? {
                    preserveSelectedRowKeys: true,
                    getTitleCheckboxProps: () => ({ 'aria-label': t('list.selectAll') }),
                    getCheckboxProps: (row: T) => ({
                      'aria-label': rowLabel
                        ? t('list.selectRowNamed', { name: rowLabel(row) })
                        : t('list.selectRow'),
                    }),
                    selectedRowKeys: [...selected.keys()],
                    onChange: (keys, rows) => {
                      const next = new Map<Key, T>();
                      for (const key of keys) {
                        const row = rows.find((r) => r && rowKey(r) === key) ?? selected.get(key);
                        if (row) next.set(key, row);
                      }
                      setSelected(next);
                    },
                  }
                : undefined
            }
          />
          {query.data ? (
            <ListPagination
              page={state.page}
              pageSize={state.pageSize}
              total={total}
              totalIsEstimate={query.data.totalIsEstimate}
              disabled={query.isFetching && query.isPlaceholderData}
              onChange={(page, pageSize) =>
                setState((s) => ({ ...s, page, pageSize, cursor: cursorTo(page, pageSize) }))
              }
              onExactCount={exactCountable ? () => setExact(true) : undefined}
            />
          ) : null}
        </>
      )}
    </Flex>
  );

  if (bare) return body;
  return (
    <Card variant="borderless" className="list-card" styles={{ body: { padding: isPhone ? 12 : 20 } }}>
      {body}
    </Card>
  );
}
