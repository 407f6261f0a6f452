import type { ListResponse } from '@guanxi/contract';
import type { TableProps } from 'antd';
import type { ReactNode } from 'react';
import type { QueryValue } from '../../lib/api.ts';
import type { ListUrlState } from './use-list-state.ts';

/** What every list fetcher receives: paging, `sort` (`field` / `-field`), `q`, and the filters. */
export type ListParams = {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  cursor?: string;
  [filter: string]: QueryValue;
};

export type ListFetcher<T> = (params: ListParams, signal?: AbortSignal) => Promise<ListResponse<T>>;

export type ListColumn<T> = {
  key: string;
  title: string;
  /** Server-side sorting by this field (`sortKey`, default `key`). */
  sortable?: boolean;
  sortKey?: string;
  /** Hidden until the user shows it in the column chooser. */
  defaultHidden?: boolean;
  /** Cannot be hidden (e.g. the name or the actions column). */
  alwaysVisible?: boolean;
  width?: number;
  fixed?: 'left' | 'right';
  align?: 'left' | 'right' | 'center';
  ellipsis?: boolean;
  /** Defaults to `String(row[key])`. */
  render?: (row: T) => ReactNode;
};

export type BulkAction<T> = {
  key: string;
  label: string;
  icon?: ReactNode;
  danger?: boolean;
  /** Confirmation text; every destructive action has one. */
  confirm?: (count: number) => string;
  /** Resolves to `false` when the user cancelled (e.g. closed the action's own dialog): nothing happened. */
  onRun: (rows: T[]) => Promise<unknown>;
  /** Shows the outcome itself (e.g. updated and failed rows) instead of the generic 已处理 N 项. */
  report?: (result: unknown, rows: T[]) => void;
};

/** A record to show in the list, e.g. one just created: its id and what finds it in a search. */
export type ShownRecord = { id: string; search: string };

export type ListPageProps<T> = {
  /** Cache key prefix; invalidating it (e.g. `['users']`) reloads the list. */
  queryKey: readonly unknown[];
  fetcher: ListFetcher<T>;
  columns: ListColumn<T>[];
  rowKey: (row: T) => string;
  /** Names a row for screen readers, e.g. the user's name on its select checkbox. */
  rowLabel?: (row: T) => string;
  /** Preference key of the column chooser, e.g. `columns.users` (remembered per user). */
  columnPreferenceKey?: string;
  /** antd Form.Items shown in the collapsible filter bar. */
  filterFields?: ReactNode;
  /** Turns the filter form's values into query parameters (default: as they are). */
  mapFilters?: (values: Record<string, unknown>) => Record<string, QueryValue>;
  /** Parameters fixed by the page, e.g. the department on the departments page. */
  fixedParams?: Record<string, QueryValue>;
  toolbar?: ReactNode;
  bulkActions?: BulkAction<T>[];
  /** Show the quick search box (default true; off where the server has no `q`). */
  searchable?: boolean;
  searchPlaceholder?: string;
  defaultSort?: string;
  defaultPageSize?: number;
  expandable?: TableProps<T>['expandable'];
  emptyText?: string;
  /** Rendered without the surrounding card (when the page already has one). */
  bare?: boolean;
  /** Keep page, page size, sort, search and these filters in the address (back/forward, reload). */
  urlState?: ListUrlState;
  /** The server counts exactly on `exactTotal=true`: offer 精确计数 while the total is an estimate. */
  exactCountable?: boolean;
  /**
   * A record to show (after a create): the list searches for it from page 1 without filters, and
   * marks its row. Each new object shows again.
   */
  show?: ShownRecord | null;
};
