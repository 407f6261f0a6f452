import type { UseQueryResult } from '@tanstack/react-query';
import { Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { isApiError } from '../lib/api.ts';
import { QueryError } from './query-error.tsx';

/**
 * A detail drawer's body from its record's query: not found (or out of scope) says so, another
 * error offers a retry, a skeleton while it loads, else `render` with the record.
 */
export function recordBody<T>(query: UseQueryResult<T>, notFound: string, render: (record: T) => ReactNode) {
  if (query.isError)
    return isApiError(query.error, 'NOT_FOUND') ? (
      <Result status="404" subTitle={notFound} />
    ) : (
      <QueryError error={query.error} onRetry={() => void query.refetch()} />
    );
  return query.data === undefined ? <Skeleton active /> : render(query.data);
}
