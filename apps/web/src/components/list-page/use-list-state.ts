import { useCallback, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import type { QueryValue } from '../../lib/api.ts';
import { pageLeft } from '../../lib/use-update-params.ts';
import { PAGE_SIZE_OPTIONS } from './list-pagination.tsx';

/** What a list shows: page, page size, sort, quick search and the applied filters. */
export type ListState = {
  page: number;
  pageSize: number;
  sort?: string;
  q: string;
  filters: Record<string, QueryValue>;
  /** The server's cursor to `page` from the page before or after it (keyset: cheap at any depth). */
  cursor?: string;
};

export type SetListState = (update: (s: ListState) => ListState, options?: { replace?: boolean }) => void;

/** Keeps the list state in the address (`?page=2&q=hw&levelId=…`) instead of in memory. */
export type ListUrlState = {
  /** The filter parameters the page owns in the address; other parameters are left alone. */
  filterKeys: readonly string[];
};

const OWN_KEYS = ['page', 'pageSize', 'sort', 'q', 'cursor'];

function decode(params: URLSearchParams, initial: ListState, filterKeys: readonly string[]): ListState {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const filters: Record<string, QueryValue> = {};
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return {
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
    pageSize: PAGE_SIZE_OPTIONS.includes(pageSize) ? pageSize : initial.pageSize,
    sort: params.get('sort') || initial.sort,
    q: params.get('q')?.trim() ?? '',
    filters,
    cursor: params.get('cursor') || undefined,
  };
}

function encode(
  state: ListState,
  initial: ListState,
  filterKeys: readonly string[],
  previous: URLSearchParams,
): URLSearchParams {
  const next = new URLSearchParams(previous);
  for (const key of [...OWN_KEYS, ...filterKeys]) next.delete(key);
  if (state.page !== 1) next.set('page', String(state.page));
  if (state.pageSize !== initial.pageSize) next.set('pageSize', String(state.pageSize));
  if (state.sort && state.sort !== initial.sort) next.set('sort', state.sort);
  if (state.q) next.set('q', state.q);
  if (state.cursor) next.set('cursor', state.cursor);
  for (const key of filterKeys) {
    const value = state.filters[key];
    if (value === undefined || value === null || value === '' || value === false) continue;
    next.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return next;
}

/**
 * A cursor only leads to the page it was made for: any change that does not set a new one (a
 * jump, another sort, search or filter) drops it.
 */
const cursorChecked =
  (update: (s: ListState) => ListState) =>
  (s: ListState): ListState => {
    const next = update(s);
    return next === s || next.cursor !== s.cursor ? next : { ...next, cursor: undefined };
  };

/**
 * The list's state, in memory or — with `url` — in the search parameters, so that back/forward,
 * reload and shared links keep the page, the search and the filters.
 */
export function useListState(initial: ListState, url?: ListUrlState): [ListState, SetListState] {
  const [first] = useState(initial);
  const [local, setLocal] = useState(initial);
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();
  const filterKeys = url?.filterKeys;

  const setUrl = useCallback<SetListState>(
    (update, options) => {
      if (!filterKeys) return;
      // the list's page is being left (a row's link was followed; the router renders the next page
      // later, in a transition): a search debounced until now must not land on the next page's address
      if (pageLeft(pathname)) return;
      // the address as it is now, not as last rendered: a debounced search must not put back what
      // changed since (a row opened meanwhile, `?id=`) — see lib/use-update-params.ts
      const current = new URLSearchParams(window.location.search);
      const next = encode(
        cursorChecked(update)(decode(current, first, filterKeys)),
        first,
        filterKeys,
        current,
      );
      // an unchanged address is no new history entry
      if (next.toString() !== current.toString()) setParams(next, { replace: options?.replace });
    },
    [filterKeys, setParams, first, pathname],
  );
  const setMemory = useCallback<SetListState>((update) => setLocal(cursorChecked(update)), []);

  if (!filterKeys) return [local, setMemory];
  return [decode(params, first, filterKeys), setUrl];
}
